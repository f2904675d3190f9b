"""The demo's network answers: past cohorts whose cross-sector ties grow over the year, and the
running cohort's baseline, from a fixed seed.

Each pair of participants works together with a chance that depends on what they share: the
organisation most, the sector less, a learning set or challenge team from the end of the year
on, and across sectors a little at baseline and more by the end and the follow-up. Knowing
someone is likelier than working with them; advice is asked of some of those one works with.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from django.utils import timezone

from commonground.directory.models import Person
from commonground.programmes.models import Cohort, CohortStatus, Programme
from commonground.programmes.shared_groups import groups_by_person

from .models import NetworkAnswer, SurveyResponse, TieType, Wave, WaveKind
from .network import cohort_people, sector_of
from .network_services import standard_question_set

SEED = 20100614
NETWORK_WAVES = (WaveKind.BASELINE, WaveKind.END, WaveKind.FOLLOW_UP_12)
# The chance that two people work together, by what they share, at each wave.
CROSS_SECTOR = {WaveKind.BASELINE: 0.03, WaveKind.END: 0.11, WaveKind.FOLLOW_UP_12: 0.13}
SAME_SECTOR = {WaveKind.BASELINE: 0.14, WaveKind.END: 0.2, WaveKind.FOLLOW_UP_12: 0.2}
SAME_ORGANISATION = 0.5
SHARED_GROUP = 0.22
ANSWER_RATE = 0.88


def _chance(a: Person, b: Person, kind: str, shared: bool) -> float:
    if a.organisation_id is not None and a.organisation_id == b.organisation_id:
        return SAME_ORGANISATION
    table = SAME_SECTOR if sector_of(a) == sector_of(b) else CROSS_SECTOR
    grouped = SHARED_GROUP if shared and kind != WaveKind.BASELINE else 0.0
    return table[WaveKind(kind)] + grouped


def _worked(
    rng: random.Random, people: list[Person], kind: str, groups: dict[int, frozenset[str]]
) -> set[tuple[int, int]]:
    """Pairs who work together at this wave (each pair once, smaller id first)."""
    pairs = set()
    for a, b in itertools.combinations(people, 2):
        shared = bool(groups.get(a.pk, frozenset()) & groups.get(b.pk, frozenset()))
        if rng.random() < _chance(a, b, kind, shared):
            pairs.add((a.pk, b.pk))
    return pairs


def _answers(
    rng: random.Random,
    response: SurveyResponse,
    me: int,
    worked: set[tuple[int, int]],
    people: list[Person],
    types: dict[str, TieType],
) -> list[NetworkAnswer]:
    """What one respondent says: each side of a pair names the other most of the time."""
    mine = [b if a == me else a for a, b in worked if me in (a, b) and rng.random() < 0.85]
    named = {"worked_with": set(mine), "advice": {p for p in mine if rng.random() < 0.45}}
    known = set(mine) | {p.pk for p in people if p.pk != me and rng.random() < 0.12}
    named["know"] = known
    return [
        NetworkAnswer(response=response, tie_type=types[key], person_id=person)
        for key, chosen in named.items()
        for person in sorted(chosen)
    ]


def seed_network(programme: Programme, today: dt.date, skip: set[int]) -> str:
    """Network questions on every cohort's baseline, end and 12-month follow-up waves, and the
    running cohort's open mid-point wave (for the demo participant to try), with answers given
    by the respondents of the waves that have closed. `skip` lists enrolments left to answer."""
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    question_set = standard_question_set(programme, None)
    types = {t.key: t for t in TieType.objects.filter(question_set=question_set)}
    Wave.objects.filter(cohort__programme=programme, kind__in=NETWORK_WAVES).update(
        network_questions=question_set
    )
    Wave.objects.filter(
        cohort__programme=programme, cohort__status=CohortStatus.RUNNING, kind=WaveKind.MID
    ).update(network_questions=question_set)
    rows: list[NetworkAnswer] = []
    sent: list[SurveyResponse] = []
    for cohort in Cohort.objects.filter(programme=programme).order_by("starts_on"):
        people = cohort_people(cohort)
        groups = groups_by_person(cohort)
        waves = Wave.objects.filter(cohort=cohort, kind__in=NETWORK_WAVES, closes_on__lt=today)
        for wave in waves.order_by("opens_on", "pk"):
            worked = _worked(rng, people, wave.kind, groups)
            responses = SurveyResponse.objects.filter(
                wave=wave, rater_type="self", submitted_at__isnull=False
            ).exclude(enrolment_id__in=skip)
            for response in responses.select_related("enrolment"):
                if rng.random() > ANSWER_RATE:
                    continue
                me = response.enrolment.person_id
                rows += _answers(rng, response, me, worked, people, types)
                response.network_submitted_at = response.submitted_at or timezone.now()
                sent.append(response)
    SurveyResponse.objects.bulk_update(sent, ["network_submitted_at"], batch_size=500)
    NetworkAnswer.objects.bulk_create(rows, batch_size=2000)
    return f"{len(sent)} network answers naming {len(rows)} people"
