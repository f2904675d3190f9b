"""A cohort's network survey read from the database: its roster, the answers as the network
engine takes them (`stats.network_report`), and the figures each audience may see.

Every reader here runs a fixed number of queries whatever the cohort's size.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from commonground.directory.models import Person
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus
from commonground.programmes.shared_groups import groups_by_person

from .choices import WaveKind, wave_sequence
from .models import NetworkAnswer, OutsideName, SurveyResponse, TieType, Wave
from .stats.network import DEFAULT_PERMUTATIONS, NetworkPerson, Tie
from .stats.network_report import Answers, NetworkReport, network_report

# Up to this many people, the roster is a list of checkboxes grouped by organisation; a longer
# one is a search-as-you-type chooser, which still works as a plain list without JavaScript.
CHECKBOX_ROSTER_LIMIT = 50
NO_ORGANISATION = "No organisation recorded"
NO_SECTOR = "Sector not recorded"
WAVE_LABELS = dict(WaveKind.choices)


def _people(enrolments: QuerySet[Enrolment]) -> list[Person]:
    rows = enrolments.select_related("person__organisation").order_by(
        "person__last_name", "person__first_name", "person_id"
    )
    return [enrolment.person for enrolment in rows]


def cohort_people(cohort: Cohort) -> list[Person]:
    """The cohort's participants: the people the network figures are about."""
    return _people(cohort.enrolments.filter(status__in=EnrolmentStatus.TAKING_A_PLACE))


def roster(wave: Wave) -> list[Person]:
    """Whom a respondent may name: the cohort's participants and, if the question set says so,
    alumni of the programme's earlier cohorts."""
    people = cohort_people(wave.cohort)
    question_set = wave.network_questions
    if question_set is not None and question_set.include_alumni:
        alumni = Enrolment.objects.filter(
            cohort__programme_id=wave.cohort.programme_id,
            cohort__starts_on__lt=wave.cohort.starts_on,
            status=EnrolmentStatus.COMPLETED,
        ).exclude(person_id__in=[p.pk for p in people])
        people += [p for p in _people(alumni) if p.pk not in {q.pk for q in people}]
    return list({p.pk: p for p in people}.values())


def organisation_of(person: Person) -> str:
    return person.organisation.name if person.organisation else NO_ORGANISATION


def sector_of(person: Person) -> str:
    return person.organisation.sector if person.organisation else NO_SECTOR


def tie_types(wave: Wave) -> list[TieType]:
    if wave.network_questions_id is None:
        return []
    return list(TieType.objects.filter(question_set_id=wave.network_questions_id))


@dataclass(frozen=True)
class OutsideTie:
    """A name typed from outside the roster: for programme staff only, never in a figure."""

    wave: str
    tie_type: str
    named_by: str
    name: str


@dataclass(frozen=True)
class CohortNetwork:
    """What the engine needs for one cohort, with the people behind the engine's ids."""

    people: dict[str, Person]
    engine_people: tuple[NetworkPerson, ...]
    answers: tuple[Answers, ...]
    tie_labels: dict[str, str]
    outside: tuple[OutsideTie, ...] = ()

    @property
    def outside_names(self) -> int:
        return len(self.outside)

    def report(self, permutations: int = DEFAULT_PERMUTATIONS) -> NetworkReport:
        return network_report(self.engine_people, self.answers, permutations=permutations)


def cohort_network(cohort: Cohort) -> CohortNetwork:
    """Every network answer of the cohort's waves, with who shared a learning set or team."""
    return networks_of([cohort], groups=True)[cohort.pk]


def networks_of(cohorts: Sequence[Cohort], groups: bool = False) -> dict[int, CohortNetwork]:
    """Each cohort's network answers, in the same few queries however many cohorts; tie types
    are matched across waves by key. `groups` asks each cohort's shared groups too (two more
    queries a cohort), which only the groupings' share needs."""
    waves = sorted(
        Wave.objects.filter(cohort__in=cohorts, network_questions__isnull=False),
        key=lambda w: (w.opens_on, wave_sequence(w.kind), w.pk),
    )
    types = list(
        TieType.objects.filter(question_set_id__in={w.network_questions_id for w in waves})
    )
    key_of = {t.pk: t.key for t in types}
    people: dict[int, list[Person]] = defaultdict(list)
    rows = Enrolment.objects.filter(
        cohort__in=cohorts, status__in=EnrolmentStatus.TAKING_A_PLACE
    ).select_related("person__organisation")
    for enrolment in rows.order_by("person__last_name", "person__first_name", "person_id"):
        people[enrolment.cohort_id].append(enrolment.person)
    respondents: dict[int, set[str]] = defaultdict(set)
    for wave_id, person_id in SurveyResponse.objects.filter(
        wave__in=waves, rater_type="self", network_submitted_at__isnull=False
    ).values_list("wave_id", "enrolment__person_id"):
        respondents[wave_id].add(str(person_id))
    ties: dict[tuple[int, str], list[Tie]] = defaultdict(list)
    named = NetworkAnswer.objects.filter(
        response__wave__in=waves, response__network_submitted_at__isnull=False
    ).values_list("response__wave_id", "tie_type_id", "response__enrolment__person_id", "person_id")
    for wave_id, type_id, source, target in named:
        ties[(wave_id, key_of[type_id])].append(Tie(str(source), str(target)))
    outside: dict[int, list[OutsideTie]] = defaultdict(list)
    typed = OutsideName.objects.filter(
        response__wave__in=waves, response__network_submitted_at__isnull=False
    ).order_by("response__wave__opens_on", "tie_type__position", "name", "pk")
    for cohort_id, kind, type_id, source, name in typed.values_list(
        "response__wave__cohort_id",
        "response__wave__kind",
        "tie_type_id",
        "response__enrolment__person_id",
        "name",
    ):
        outside[cohort_id].append(OutsideTie(kind, key_of[type_id], str(source), name))
    found = {}
    for cohort in cohorts:
        shared = groups_by_person(cohort) if groups else {}
        mine = [w for w in waves if w.cohort_id == cohort.pk]
        found[cohort.pk] = CohortNetwork(
            people={str(p.pk): p for p in people[cohort.pk]},
            engine_people=tuple(
                NetworkPerson(
                    str(p.pk), organisation_of(p), sector_of(p), shared.get(p.pk, frozenset())
                )
                for p in people[cohort.pk]
            ),
            answers=tuple(
                Answers(w.kind, key, frozenset(respondents[w.pk]), tuple(ties[(w.pk, key)]))
                for w in mine
                for key, _ in _keys_of(w, types)
            ),
            tie_labels={t.key: t.wording for t in types},
            outside=tuple(outside[cohort.pk]),
        )
    return found


def _keys_of(wave: Wave, types: Sequence[TieType]) -> list[tuple[str, int]]:
    return [(t.key, t.pk) for t in types if t.question_set_id == wave.network_questions_id]


def pseudonym(person_id: int | str, prefix: str = "P") -> str:
    """A stable pseudonym: the same person reads the same in every export, and the id behind it
    cannot be worked out without the site's secret key. `prefix` tells people ("P"),
    organisations ("O") and groups ("G") apart."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"network-person:{person_id}".encode(), hashlib.sha256
    )
    return f"{prefix}-" + digest.hexdigest()[:10]


PEOPLE_EXPORT_COLUMNS = ("id", "organisation", "sector", "groups", "answered")
EDGES_EXPORT_COLUMNS = ("source", "target", "wave", "tie_type")


def pseudonymised(network: CohortNetwork) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The cohort's network for evaluators: each person as a stable pseudonym with their
    sector, organisation and groups (pseudonyms too) and the waves they answered, and every
    named tie between pseudonyms. The columns are those the command line's network report
    reads (`stats.network_csv`), people in the order the pages work the figures in, so the
    command line gives the pages' figures from these files. Like the figures, the ties are
    those between the cohort's participants: none to alumni or to someone who left."""
    answered: dict[str, list[str]] = defaultdict(list)
    for answer in network.answers:
        for person in sorted(answer.respondents):
            if answer.wave not in answered[person]:
                answered[person].append(answer.wave)
    people = [
        {
            "id": pseudonym(p.id),
            "organisation": pseudonym(f"organisation:{p.organisation}", "O"),
            "sector": p.sector,
            "groups": ";".join(sorted(pseudonym(f"group:{g}", "G") for g in p.groups)),
            "answered": ";".join(answered.get(p.id, [])),
        }
        for p in network.engine_people
    ]
    ties = [
        {
            "source": pseudonym(tie.source),
            "target": pseudonym(tie.target),
            "wave": answer.wave,
            "tie_type": answer.tie_type,
        }
        for answer in network.answers
        for tie in answer.ties
        if tie.source in network.people and tie.target in network.people
    ]
    return people, ties


@dataclass(frozen=True)
class OwnTie:
    wave: str
    tie_type: str
    names: list[str]


def own_ties(enrolment: Enrolment) -> list[OwnTie]:
    """The people a participant named, wave by wave: theirs to see, nobody else's."""
    rows = (
        NetworkAnswer.objects.filter(response__enrolment=enrolment)
        .select_related("response__wave", "tie_type", "person")
        .order_by("response__wave__opens_on", "tie_type__position", "person__last_name")
    )
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        label = WAVE_LABELS.get(row.response.wave.kind, row.response.wave.kind)
        grouped[(label, row.tie_type.wording)].append(row.person.name)
    return [OwnTie(wave, tie, names) for (wave, tie), names in grouped.items()]
