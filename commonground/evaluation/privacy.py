"""What the evaluation holds about a person, for the subject access export.

The answers a person gave are theirs in full. Ratings others gave about them are theirs too, but
their raters' identities are not: those come as each kind of rater's average for each statement,
and, as on every report, a group other than the line manager only when 3 or more answered.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from statistics import mean
from typing import Any

from django.db.models import Q, QuerySet

from commonground.directory.models import Person
from commonground.lib import retention
from commonground.lib.personal_data import Holding, Row, register

from .choices import SELF, Relationship, rater_label
from .models import NetworkAnswer, Nomination, OutsideName, SurveyResponse

SMALLEST_RATER_GROUP = 3
PURPOSE = "To evaluate what the programme changes, reported to the partnership only in aggregate."


def _given(person: Person) -> list[Row]:
    """Their own self-assessments, and what they answered when asked to rate someone."""
    own = SurveyResponse.objects.filter(enrolment__person=person, rater_type=SELF)
    as_rater = SurveyResponse.objects.filter(nomination__email__iexact=person.email)
    responses = (own | as_rater).select_related("wave__cohort", "enrolment__person")
    return [
        {
            "Cohort": response.wave.cohort.name,
            "Survey": response.wave.get_kind_display(),
            "Answered as": rater_label(response.rater_type),
            "About": "themself" if response.rater_type == SELF else response.enrolment.person.name,
            "Ratings": response.ratings,
            "Ratings looking back": response.before_ratings,
            "Comments": response.comments,
            "Submitted": response.submitted_at,
        }
        for response in responses.order_by("submitted_at", "pk")
    ]


def _about(person: Person) -> list[Row]:
    """Others' ratings of the person: per survey and kind of rater, each statement's average."""
    groups: dict[tuple[str, str, str], list[dict[str, float]]] = defaultdict(list)
    responses = (
        SurveyResponse.objects.filter(enrolment__person=person, submitted_at__isnull=False)
        .exclude(rater_type=SELF)
        .select_related("wave__cohort")
    )
    for response in responses:
        key = (response.wave.cohort.name, response.wave.get_kind_display(), response.rater_type)
        groups[key].append(response.ratings)
    rows = []
    for (cohort, survey, rater_type), answers in sorted(groups.items()):
        shown = rater_type == Relationship.MANAGER or len(answers) >= SMALLEST_RATER_GROUP
        statements = sorted({key for ratings in answers for key in ratings})
        averages = {
            key: round(mean(r[key] for r in answers if isinstance(r.get(key), int | float)), 2)
            for key in statements
            if any(isinstance(r.get(key), int | float) for r in answers)
        }
        rows.append(
            {
                "Cohort": cohort,
                "Survey": survey,
                "Raters": rater_label(rater_type),
                "How many answered": len(answers)
                if shown
                else f"fewer than {SMALLEST_RATER_GROUP}",
                "Average rating by statement": averages if shown else {},
            }
        )
    return rows


def _nominations(person: Person) -> list[Row]:
    """The raters the person named, and the requests to rate someone that reached them."""
    made = Nomination.objects.filter(enrolment__person=person)
    received = Nomination.objects.filter(email__iexact=person.email)
    nominations = (made | received).select_related("enrolment__person")
    return [
        {
            "Rater": nomination.name,
            "Rater's email": nomination.email,
            "Rates": nomination.enrolment.person.name,
            "As": nomination.get_relationship_display(),
            "Status": nomination.get_status_display(),
            "Named": nomination.nominated_at,
        }
        for nomination in nominations.order_by("nominated_at", "pk")
    ]


def _ties(person: Person) -> list[Row]:
    """The people the person named in the network survey; those who named them are only
    counted."""
    named = NetworkAnswer.objects.filter(response__enrolment__person=person).select_related(
        "response__wave", "tie_type", "person"
    )
    outside = OutsideName.objects.filter(response__enrolment__person=person).select_related(
        "response__wave", "tie_type"
    )
    rows: list[Row] = [
        {
            "Survey": answer.response.wave.get_kind_display(),
            "Question": answer.tie_type.wording,
            "Named": answer.person.name,
        }
        for answer in named
    ]
    rows += [
        {
            "Survey": name.response.wave.get_kind_display(),
            "Question": name.tie_type.wording,
            "Named": name.name,
        }
        for name in outside
    ]
    times_named = NetworkAnswer.objects.filter(person=person).count()
    if times_named:
        rows.append(
            {"Survey": "All", "Question": "Times others named the person", "Named": times_named}
        )
    return rows


# What an anonymised name reads as; a name that reads so has nothing left to remove.
NAME_REMOVED = "Name removed"


def _expired_answers(cutoff: dt.datetime) -> QuerySet[SurveyResponse]:
    """Answers to surveys that closed before the cutoff that still hold comments, a private
    link, or a rater's name."""
    still_held = (
        ~Q(comments={})
        | Q(token_hash__isnull=False)
        | Q(nomination__isnull=False) & ~Q(nomination__name=NAME_REMOVED)
    )
    return SurveyResponse.objects.filter(still_held, wave__closes_on__lt=cutoff.date())


def _anonymise_answers(responses: QuerySet[SurveyResponse]) -> int:
    """Comments, private links and raters' names and addresses go; the ratings stay, tied to
    the enrolment, so the before-and-after figures still pair."""
    keys = list(responses.values_list("pk", flat=True))
    Nomination.objects.filter(responses__pk__in=keys).update(name=NAME_REMOVED, email="")
    return SurveyResponse.objects.filter(pk__in=keys).update(comments={}, token_hash=None, claim="")


def _expired_outside_names(cutoff: dt.datetime) -> QuerySet[OutsideName]:
    return OutsideName.objects.filter(response__wave__closes_on__lt=cutoff.date()).exclude(
        name=NAME_REMOVED
    )


def _anonymise_outside_names(names: QuerySet[OutsideName]) -> int:
    return names.update(name=NAME_REMOVED)


def _erase_given(person: Person) -> int:
    """Their comments go; their ratings stay, without their name, in the cohort's figures."""
    own = SurveyResponse.objects.filter(enrolment__person=person, rater_type=SELF)
    as_rater = SurveyResponse.objects.filter(nomination__email__iexact=person.email)
    return (own | as_rater).update(comments={}, token_hash=None, claim="")


def _erase_nominations(person: Person) -> int:
    """Requests to rate someone lose the person's name and address."""
    return Nomination.objects.filter(email__iexact=person.email).update(name=NAME_REMOVED, email="")


ON_ERASURE: dict[str, dict[str, Any]] = {
    "evaluation.answers_given": {"erase": _erase_given},
    "evaluation.nominations": {"erase": _erase_nominations},
}


def register_holdings() -> None:
    retention.register(
        retention.RetentionKind(
            "survey_answers",
            "Survey answers",
            "the survey closed",
            "Comments, private survey links and the names and addresses of raters are removed; "
            "the ratings stay, so the programme's before-and-after figures do not change.",
            _expired_answers,
            "wave__closes_on",
            _anonymise_answers,
        )
    )
    retention.register(
        retention.RetentionKind(
            "network_ties",
            "Names given in the network survey",
            "the survey closed",
            "Names of people outside the programme are removed; the ties are still counted.",
            _expired_outside_names,
            "response__wave__closes_on",
            _anonymise_outside_names,
        )
    )
    for key, title, models, rows in (
        ("evaluation.answers_given", "Survey answers the person gave", (SurveyResponse,), _given),
        (
            "evaluation.ratings_about",
            "Ratings others gave about the person, as averages",
            (),
            _about,
        ),
        (
            "evaluation.nominations",
            "Raters named, and requests to rate someone",
            (Nomination,),
            _nominations,
        ),
        (
            "evaluation.network_ties",
            "People named in the network survey",
            (NetworkAnswer, OutsideName),
            _ties,
        ),
    ):
        register(
            Holding(key, "Evaluation", title, PURPOSE, models, rows, **ON_ERASURE.get(key, {}))
        )
