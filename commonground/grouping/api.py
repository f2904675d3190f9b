"""The API for groupings: create one, run it, read its groups and explanation, list a cohort's.

Creating and running are the API's first writes: programme staff of the cohort only (a
facilitator's token gets 403, anyone else's 404), checked before the body is read. A grouping is
validated exactly as the page's form validates it; problems come back as 422 with one plain
message per field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from commonground.accounts.models import User
from commonground.api.auth import PersonalToken
from commonground.api.pagination import RowId
from commonground.programmes.models import Enrolment

from . import services
from .access import get_grouping, staff_cohort
from .forms import GroupingForm
from .inputs import enrolments_to_group
from .models import Group, Grouping, PairKind, Placement

router = Router()
Mode = Literal["hard", "weighted", "off"]


# Who may call the writes, as docs/api.md states it; the permission matrix checks the rule itself.
WRITE_ROLE = "programme staff of the cohort's programme, or a site administrator"


class StaffToken(PersonalToken):
    """A personal token whose owner runs the programme of the cohort named in the URL."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = super().authenticate(request, token)
        if user is None:
            return None
        kwargs = request.resolver_match.kwargs if request.resolver_match else {}
        if "cohort_id" in kwargs:
            staff_cohort(request, int(kwargs["cohort_id"]), write=True)
        else:
            get_grouping(request, int(kwargs["grouping_id"]), write=True)
        return user


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "StaffToken signs the caller in"
    return user


class PairIn(Schema):
    first: RowId
    second: RowId
    kind: Literal["apart", "together"] = "apart"
    reason: str = Field("", max_length=200)


class GroupingIn(Schema):
    """The page's form as JSON; every rule has the page's default."""

    name: str = Field(max_length=200)
    kind: Literal["learning_sets", "challenge_teams", "mixing_plan"] = "learning_sets"
    group_count: int | None = None
    target_size: int | None = None
    rounds: int = 1
    organisation: Mode = "hard"
    sector: Mode = "weighted"
    sector_weight: float = 1.0
    area: Mode = "weighted"
    area_weight: float = 1.0
    band: Mode = "weighted"
    band_weight: float = 1.0
    balance_seniority: bool = True
    not_alone: str = Field("", max_length=200)
    not_alone_hard: bool = False
    seed: int = 1
    time_limit: int = 10
    pairs: list[PairIn] = []


class Problem(Schema):
    field: str
    message: str


class Problems(Schema):
    detail: list[Problem]


class MemberOut(Schema):
    enrolment_id: int
    name: str
    job_title: str
    organisation: str | None
    pinned: bool

    @staticmethod
    def resolve_name(obj: Placement) -> str:
        return obj.enrolment.person.name

    @staticmethod
    def resolve_job_title(obj: Placement) -> str:
        return obj.enrolment.person.job_title

    @staticmethod
    def resolve_organisation(obj: Placement) -> str | None:
        organisation = obj.enrolment.person.organisation
        return organisation.name if organisation else None


class GroupOut(Schema):
    round: int
    number: int
    name: str
    challenge_id: int | None
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Group) -> Any:
        return obj.placements.all()


class GroupingBrief(Schema):
    id: int
    cohort_id: int
    name: str
    kind: str
    status: str
    progress: float
    progress_message: str
    error_message: str
    rounds: int
    group_count: int | None
    target_size: int | None
    seed: int
    time_limit: int
    created_at: dt.datetime
    published_at: dt.datetime | None


class GroupingOut(GroupingBrief):
    rules: dict[str, Any]
    explanation: dict[str, Any]
    groups: list[GroupOut]

    @staticmethod
    def resolve_groups(obj: Grouping) -> Any:
        return obj.groups.all()


def _with_groups(grouping: Grouping) -> Grouping:
    placements = Placement.objects.select_related("enrolment__person__organisation").order_by(
        "enrolment__person__last_name", "enrolment__person__first_name", "pk"
    )
    groups = Group.objects.order_by("round", "number").prefetch_related(
        Prefetch("placements", placements)
    )
    return (
        Grouping.objects.filter(pk=grouping.pk).prefetch_related(Prefetch("groups", groups)).get()
    )


@router.get(
    "/cohorts/{cohort_id}/groupings",
    response=list[GroupingBrief],
    url_name="cohort-groupings",
    operation_id="list_cohort_groupings",
    tags=["Groupings"],
    summary="List a cohort's groupings",
)
def list_groupings(request: HttpRequest, cohort_id: RowId) -> QuerySet[Grouping]:
    """Programme staff and facilitators of the cohort; newest first."""
    cohort = staff_cohort(request, cohort_id)
    return Grouping.objects.filter(cohort=cohort).order_by("-created_at", "-pk")


@router.post(
    "/cohorts/{cohort_id}/groupings",
    response={201: GroupingOut, 422: Problems},
    auth=StaffToken(),
    url_name="cohort-groupings",
    operation_id="create_grouping",
    openapi_extra={"x-required-role": WRITE_ROLE},
    tags=["Groupings"],
    summary="Create a grouping (a draft)",
)
def create_grouping(request: HttpRequest, cohort_id: RowId, payload: GroupingIn) -> Any:
    """Learning sets, challenge teams or a mixing plan, with the same rules and defaults as the
    page. Then POST to its `run` URL to form the groups."""
    cohort = staff_cohort(request, cohort_id, write=True)
    enrolments = enrolments_to_group(cohort)
    data = payload.dict(exclude={"pairs"})
    form = GroupingForm(
        {key: "" if value is None else value for key, value in data.items()},
        enrolments=enrolments,
    )
    if not form.is_valid():
        return Status(422, {"detail": _form_problems(form.errors.get_json_data())})
    problems = _pair_problems(payload.pairs, {e.pk: e for e in enrolments})
    if problems:
        return Status(422, {"detail": problems})
    grouping = services.create_grouping(cohort, form.settings(), by=_user(request))
    people = {e.pk: e for e in enrolments}
    for pair in payload.pairs:
        services.add_pair(
            grouping,
            people[pair.first],
            people[pair.second],
            kind=PairKind(pair.kind),
            reason=pair.reason,
            by=_user(request),
        )
    return Status(201, _with_groups(grouping))


def _form_problems(errors: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"field": "" if name == "__all__" else name, "message": error["message"]}
        for name, found in errors.items()
        for error in found
    ]


def _pair_problems(pairs: list[PairIn], people: dict[int, Enrolment]) -> list[dict[str, str]]:
    problems = []
    for n, pair in enumerate(pairs):
        if pair.first not in people or pair.second not in people:
            problems.append(
                {
                    "field": f"pairs.{n}",
                    "message": "Give the enrolment ids of two participants with a place in this "
                    "cohort.",
                }
            )
        elif pair.first == pair.second:
            problems.append({"field": f"pairs.{n}", "message": "Choose two different people."})
    return problems


@router.post(
    "/groupings/{grouping_id}/run",
    response={202: GroupingBrief, 409: Problems},
    auth=StaffToken(),
    url_name="grouping-run",
    operation_id="run_grouping",
    openapi_extra={"x-required-role": WRITE_ROLE},
    tags=["Groupings"],
    summary="Run a grouping in the background",
)
def run_grouping(request: HttpRequest, grouping_id: RowId, replan: bool = False) -> Any:
    """Queues the engine; poll the grouping until `status` is `ready` or `failed` (with the
    reason in `error_message`). `replan=true` re-plans learning sets or challenge teams, moving as
    few people as possible."""
    grouping = get_grouping(request, grouping_id, write=True)
    try:
        services.request_run(grouping, by=_user(request), replanning=replan)
    except ValidationError as problem:
        return Status(409, {"detail": [{"field": "", "message": m} for m in problem.messages]})
    grouping.refresh_from_db()
    return Status(202, grouping)


@router.get(
    "/groupings/{grouping_id}",
    response=GroupingOut,
    url_name="grouping",
    operation_id="get_grouping",
    tags=["Groupings"],
    summary="Get a grouping with its groups, members, explanation and progress",
)
def read_grouping(request: HttpRequest, grouping_id: RowId) -> Grouping:
    """Programme staff and facilitators of the cohort."""
    return _with_groups(get_grouping(request, grouping_id))
