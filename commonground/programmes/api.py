"""The API's read access to programmes, cohorts, enrolments, activities and attendance.

Scoped as the pages are: staff and facilitators of a programme see all of it, participants and
alumni see their own cohort, board viewers and evaluators see counts only, with small numbers
hidden from them.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from commonground.api.pagination import Pages, RowId
from commonground.directory.api import OrganisationRef, PersonRef
from commonground.directory.models import Person
from commonground.lib.access import Level, Viewer, get_activity, get_cohort, load_viewer
from commonground.lib.small_numbers import threshold_for

from .api_delivery import router as delivery_router
from .api_movement import router as movement_router
from .figures import ProgrammeTable, programme_table
from .models import (
    Activity,
    Attendance,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

router = Router()


@dataclass(frozen=True)
class _CohortCounts:
    pk: int
    participants: int
    completed: int
    finished: bool


def _table(programme: Any) -> ProgrammeTable:
    """The programme's counts as its viewer may see them, decided once for it and its cohorts.

    `exact` is annotated and `cohort_counts` prefetched by _visible_programmes.
    """
    if not hasattr(programme, "shown_table"):
        cohorts = programme.cohort_counts
        counts = [
            _CohortCounts(
                c.pk, c.participant_count, c.completed_count, c.status == CohortStatus.COMPLETED
            )
            for c in cohorts
        ]
        programme.shown_table = programme_table(counts, threshold_for(programme.exact))
        for cohort, shown in zip(cohorts, programme.shown_table.cohorts, strict=True):
            cohort.shown = shown
    table: ProgrammeTable = programme.shown_table
    return table


class ProgrammeRef(Schema):
    id: int
    slug: str
    name: str


class Counts(Schema):
    """People who took a place (active, completed or withdrawn) and those who completed.

    A count hidden from the caller is null, with `suppressed` true.
    """

    participants: int | None
    completed: int | None
    suppressed: bool


class ProgrammeOut(Counts):
    id: int
    slug: str
    name: str
    description: str
    owner: OrganisationRef

    @staticmethod
    def resolve_participants(obj: Any) -> int | None:
        return _table(obj).participants.shown

    @staticmethod
    def resolve_completed(obj: Any) -> int | None:
        return _table(obj).completed.shown

    @staticmethod
    def resolve_suppressed(obj: Any) -> bool:
        return _table(obj).participants.hidden or _table(obj).completed.hidden


class CohortBrief(Schema):
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    status: str


class CohortCounts(Counts, CohortBrief):
    # `shown` is set on each cohort by _table, from its programme's decision.
    @staticmethod
    def resolve_participants(obj: Any) -> int | None:
        return obj.shown.participants.shown  # type: ignore[no-any-return]

    @staticmethod
    def resolve_completed(obj: Any) -> int | None:
        return obj.shown.completed.shown  # type: ignore[no-any-return]

    @staticmethod
    def resolve_suppressed(obj: Any) -> bool:
        return obj.shown.participants.hidden or obj.shown.completed.hidden  # type: ignore[no-any-return]


class ProgrammeDetail(ProgrammeOut):
    cohorts: list[CohortCounts]

    @staticmethod
    def resolve_cohorts(obj: Any) -> Any:
        _table(obj)
        return obj.cohort_counts


class CohortOut(CohortBrief):
    programme: ProgrammeRef
    capacity: int


class EnrolmentOut(Schema):
    """Fellow participants see only name, job title and organisation (and their own status)."""

    id: int
    name: str
    job_title: str
    organisation: OrganisationRef | None
    person_id: int | None
    email: str | None
    status: str | None
    enrolled_on: dt.date | None
    left_on: dt.date | None
    sponsor: PersonRef | None

    @staticmethod
    def resolve_name(obj: Enrolment) -> str:
        return obj.person.name

    @staticmethod
    def resolve_job_title(obj: Enrolment) -> str:
        return obj.person.job_title

    @staticmethod
    def resolve_organisation(obj: Enrolment) -> Any:
        return obj.person.organisation

    # `full` (staff and facilitators) and `own` are annotated by list_cohort_enrolments.
    @staticmethod
    def resolve_person_id(obj: Any) -> int | None:
        return obj.person_id if obj.full else None

    @staticmethod
    def resolve_email(obj: Any) -> str | None:
        return obj.person.email if obj.full else None

    @staticmethod
    def resolve_status(obj: Any) -> str | None:
        return obj.status if obj.full or obj.own else None

    @staticmethod
    def resolve_enrolled_on(obj: Any) -> dt.date | None:
        return obj.enrolled_on if obj.full else None

    @staticmethod
    def resolve_left_on(obj: Any) -> dt.date | None:
        return obj.left_on if obj.full else None

    @staticmethod
    def resolve_sponsor(obj: Any) -> Any:
        return obj.sponsor if obj.full else None


class ActivityOut(Schema):
    id: int
    cohort_id: int
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_link: str
    counts_towards_completion: bool
    facilitators: list[PersonRef]


class AttendanceOut(Schema):
    id: int
    enrolment_id: int
    person: PersonRef
    status: str
    attended: bool
    recorded_at: dt.datetime
    recorded_by: str | None

    @staticmethod
    def resolve_person(obj: Attendance) -> Any:
        return obj.enrolment.person

    @staticmethod
    def resolve_recorded_by(obj: Attendance) -> str | None:
        return str(obj.recorded_by) if obj.recorded_by else None


def _counted_cohorts() -> Prefetch[Any]:
    """Each cohort's counts, from which `_table` works out the programme's; people who deferred
    count in a later cohort."""
    cohorts = Cohort.objects.order_by("-starts_on", "pk").annotate(
        participant_count=Count(
            "enrolments", filter=Q(enrolments__status__in=EnrolmentStatus.TOOK_A_PLACE)
        ),
        completed_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.COMPLETED)),
    )
    return Prefetch("cohorts", cohorts, to_attr="cohort_counts")


def _visible_programmes(viewer: Viewer) -> QuerySet[Programme]:
    """Programmes where the viewer has a role; staff and facilitators see exact counts."""
    programmes = (
        Programme.objects.select_related("owner")
        .prefetch_related(_counted_cohorts())
        .order_by("name", "pk")
    )
    readable = viewer.programme_ids(Level.READ)
    if readable is None:
        return programmes.annotate(exact=Value(True))
    exact = Case(
        When(pk__in=readable, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return programmes.filter(pk__in=list(viewer.programme_levels)).annotate(exact=exact)


@router.get(
    "/programmes",
    response=list[ProgrammeOut],
    url_name="programmes",
    operation_id="list_programmes",
    tags=["Programmes"],
    summary="List programmes",
)
@paginate(Pages)
def list_programmes(request: HttpRequest) -> QuerySet[Programme]:
    """Programmes the caller has a role in, with counts of participants and completers.

    For board viewers and evaluators, counts below the small-number threshold are null, with
    `suppressed` true, and so is a total from which such a count could be worked out.
    """
    return _visible_programmes(load_viewer(request))


@router.get(
    "/programmes/{slug}",
    response=ProgrammeDetail,
    url_name="programme",
    operation_id="get_programme",
    tags=["Programmes"],
    summary="Get one programme with each cohort's counts",
)
def get_programme(request: HttpRequest, slug: str) -> Programme:
    """Every cohort with its counts; small numbers are hidden from board viewers and evaluators,
    and beside a shown total, so is the next smallest count (or the total itself)."""
    programme = _visible_programmes(load_viewer(request)).filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    return programme


@router.get(
    "/cohorts",
    response=list[CohortOut],
    url_name="cohorts",
    operation_id="list_cohorts",
    tags=["Cohorts"],
    summary="List cohorts",
)
@paginate(Pages)
def list_cohorts(request: HttpRequest, programme: str | None = None) -> QuerySet[Cohort]:
    """Cohorts of the programmes the caller runs or facilitates, and the caller's own cohorts.

    `programme` takes a programme's slug.
    """
    cohorts = (
        Cohort.objects.visible_to(load_viewer(request))
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )
    if programme is not None:
        cohorts = cohorts.filter(programme__slug=programme)
    return cohorts


@router.get(
    "/cohorts/{cohort_id}",
    response=CohortOut,
    url_name="cohort",
    operation_id="get_cohort",
    tags=["Cohorts"],
    summary="Get one cohort",
)
def get_one_cohort(request: HttpRequest, cohort_id: RowId) -> Cohort:
    return get_cohort(request, cohort_id)


@router.get(
    "/cohorts/{cohort_id}/enrolments",
    response=list[EnrolmentOut],
    url_name="cohort-enrolments",
    operation_id="list_cohort_enrolments",
    tags=["Cohorts"],
    summary="List a cohort's participants",
)
@paginate(Pages)
def list_cohort_enrolments(request: HttpRequest, cohort_id: RowId) -> QuerySet[Enrolment]:
    """Staff and facilitators get every enrolment with its status, dates and sponsor.

    Participants and alumni of the cohort get their fellow participants (active or completed)
    with name, job title and organisation only, the other fields null; their own row also
    shows their status.
    """
    cohort = get_cohort(request, cohort_id)
    viewer = load_viewer(request)
    full = viewer.cohort_level(cohort) >= Level.READ
    enrolments = cohort.enrolments.visible_to(viewer).select_related(
        "person__organisation", "sponsor"
    )
    own = Case(
        When(person_id=viewer.person_id, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return enrolments.annotate(full=Value(full), own=own).order_by(
        "person__last_name", "person__first_name", "pk"
    )


def _facilitators() -> Prefetch[Any]:
    return Prefetch("facilitators", queryset=Person.objects.order_by("last_name", "pk"))


@router.get(
    "/cohorts/{cohort_id}/activities",
    response=list[ActivityOut],
    url_name="cohort-activities",
    operation_id="list_cohort_activities",
    tags=["Activities"],
    summary="List a cohort's activities",
)
@paginate(Pages)
def list_cohort_activities(request: HttpRequest, cohort_id: RowId) -> QuerySet[Activity]:
    """The cohort's calendar, for its staff, facilitators, participants and alumni."""
    cohort = get_cohort(request, cohort_id)
    activities = cohort.activities.visible_to(load_viewer(request))
    return activities.prefetch_related(_facilitators()).order_by("starts_at", "pk")


@router.get(
    "/activities/{activity_id}",
    response=ActivityOut,
    url_name="activity",
    operation_id="get_activity",
    tags=["Activities"],
    summary="Get one activity",
)
def get_one_activity(request: HttpRequest, activity_id: RowId) -> Activity:
    activity = get_activity(request, activity_id)
    prefetch_related_objects([activity], _facilitators())
    return activity


@router.get(
    "/activities/{activity_id}/attendance",
    response=list[AttendanceOut],
    url_name="activity-attendance",
    operation_id="list_activity_attendance",
    tags=["Activities"],
    summary="List an activity's register",
)
@paginate(Pages)
def list_activity_attendance(request: HttpRequest, activity_id: RowId) -> QuerySet[Attendance]:
    """Who was marked present, late, with apologies or absent. Staff and facilitators only."""
    activity = get_activity(request, activity_id)
    if load_viewer(request).cohort_level(activity.cohort) < Level.READ:
        raise Http404("Not found")
    return activity.attendance.select_related("enrolment__person", "recorded_by").order_by(
        "enrolment__person__last_name", "enrolment__person__first_name", "pk"
    )


# A person's calendar and a cohort's completion status (running the year).
router.add_router("", delivery_router)
router.add_router("", movement_router)
