"""The API's mentoring: a cohort's matches for the programme team, and a person's own pairs.

Scoped as the pages are: staff and facilitators of the programme read a cohort's matches, with
why each pair was made and why anyone is left unmatched; anyone signed in reads their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from commonground.api.pagination import RowId
from commonground.directory.api import PersonRef
from commonground.lib.access import load_viewer

from . import services
from .access import get_team_cohort
from .models import Match, MatchStatus

router = Router()

RELATED = (
    "mentor__person__organisation",
    "request__enrolment__person__organisation",
    "request__enrolment__cohort",
)


class MatchOut(Schema):
    id: int
    mentor: PersonRef
    mentee: PersonRef
    cohort_id: int
    status: str
    explanation: str
    score: int
    chosen_by_hand: bool
    introduced_at: dt.datetime | None

    @staticmethod
    def resolve_mentor(obj: Match) -> Any:
        return obj.mentor.person

    @staticmethod
    def resolve_mentee(obj: Match) -> Any:
        return obj.request.enrolment.person

    @staticmethod
    def resolve_cohort_id(obj: Match) -> int:
        return obj.request.enrolment.cohort_id

    @staticmethod
    def resolve_chosen_by_hand(obj: Match) -> bool:
        return obj.by_hand

    @staticmethod
    def resolve_introduced_at(obj: Match) -> dt.datetime | None:
        return obj.published_at


class UnmatchedOut(Schema):
    mentee: PersonRef
    reason: str


class CohortMatchesOut(Schema):
    cohort_id: int
    matches: list[MatchOut]
    unmatched: list[UnmatchedOut]


class MyMentoringOut(Schema):
    mentors: list[MatchOut]
    mentees: list[MatchOut]


@router.get(
    "/cohorts/{cohort_id}/mentoring",
    response=CohortMatchesOut,
    url_name="cohort-mentoring",
    operation_id="get_cohort_mentoring",
    tags=["Mentoring"],
    summary="A cohort's mentoring matches, proposed and introduced, and who is left unmatched",
)
def cohort_mentoring(request: HttpRequest, cohort_id: RowId) -> dict[str, Any]:
    cohort = get_team_cohort(request, cohort_id)
    requests = list(services.open_requests(cohort))
    matches = list(
        Match.objects.filter(request__in=requests, status__in=services.LIVE)
        .select_related(*RELATED)
        .order_by("pk")
    )
    matched = {match.request_id for match in matches}
    return {
        "cohort_id": cohort.pk,
        "matches": matches,
        "unmatched": [
            {"mentee": r.enrolment.person, "reason": r.unmatched_reason or "not matched yet"}
            for r in requests
            if r.pk not in matched
        ],
    }


def _published(**filters: Any) -> QuerySet[Match]:
    return (
        Match.objects.filter(status=MatchStatus.PUBLISHED, **filters)
        .select_related(*RELATED)
        .order_by("pk")
    )


@router.get(
    "/mentoring/me",
    response=MyMentoringOut,
    url_name="my-mentoring",
    operation_id="get_my_mentoring",
    tags=["Mentoring"],
    summary="Your own mentors and mentees",
)
def my_mentoring(request: HttpRequest) -> dict[str, Any]:
    person_id = load_viewer(request).person_id or 0
    return {
        "mentors": list(_published(request__enrolment__person_id=person_id)),
        "mentees": list(_published(mentor__person_id=person_id)),
    }
