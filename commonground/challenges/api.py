"""The API's read access to challenges: a cohort's challenges, and one challenge with its teams.

Scoped as the pages are: the programme's staff, facilitators, participants and alumni, and the
challenge's owner, may read a challenge; a cohort's list needs access to the cohort.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from commonground.api.pagination import Pages, RowId
from commonground.directory.api import OrganisationRef, PersonRef
from commonground.lib.access import get_cohort

from .access import get_challenge
from .models import Challenge, ChallengeTeam, TeamMembership
from .teams import teams_of

router = Router()


class ChallengeOut(Schema):
    id: int
    title: str
    slug: str
    cohort_id: int | None
    theme: str
    status: str
    problem_statement: str
    owner: PersonRef | None
    organisations: list[OrganisationRef]
    capacity: int
    minimum: int
    outcomes: str

    @staticmethod
    def resolve_organisations(obj: Challenge) -> Any:
        return obj.organisations.all()


class MemberOut(Schema):
    name: str
    organisation: OrganisationRef | None
    role: str

    @staticmethod
    def resolve_name(obj: TeamMembership) -> str:
        return obj.enrolment.person.name

    @staticmethod
    def resolve_organisation(obj: TeamMembership) -> Any:
        return obj.enrolment.person.organisation


class ShowcaseOut(Schema):
    held_on: dt.date | None
    presented: bool
    presentation_link: str
    outcomes_summary: str


class TeamOut(Schema):
    id: int
    name: str
    cohort_id: int
    formed_by: str
    starts_on: dt.date
    members: list[MemberOut]
    showcase: ShowcaseOut | None

    @staticmethod
    def resolve_starts_on(obj: ChallengeTeam) -> dt.date:
        return obj.start_date

    @staticmethod
    def resolve_members(obj: ChallengeTeam) -> Any:
        return obj.memberships.all()

    @staticmethod
    def resolve_showcase(obj: ChallengeTeam) -> Any:
        return getattr(obj, "showcase", None)


class ChallengeDetail(ChallengeOut):
    teams: list[TeamOut]

    @staticmethod
    def resolve_teams(obj: Challenge) -> Any:
        return obj.team_list  # type: ignore[attr-defined]


@router.get(
    "/cohorts/{cohort_id}/challenges",
    response=list[ChallengeOut],
    url_name="cohort-challenges",
    operation_id="list_cohort_challenges",
    tags=["Challenges"],
    summary="List a cohort's challenges",
)
@paginate(Pages)
def list_cohort_challenges(request: HttpRequest, cohort_id: RowId) -> QuerySet[Challenge]:
    """The cohort's challenges with their owner and the organisations involved."""
    cohort = get_cohort(request, cohort_id)
    return (
        Challenge.objects.filter(cohort=cohort)
        .select_related("owner")
        .prefetch_related("organisations")
        .order_by("title", "pk")
    )


@router.get(
    "/challenges/{challenge_id}",
    response=ChallengeDetail,
    url_name="challenge",
    operation_id="get_challenge",
    tags=["Challenges"],
    summary="Get one challenge with its teams and showcases",
)
def get_one_challenge(request: HttpRequest, challenge_id: RowId) -> Challenge:
    challenge = get_challenge(request, challenge_id)
    challenge.team_list = list(teams_of([challenge.pk]))  # type: ignore[attr-defined]
    return challenge
