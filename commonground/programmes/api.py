"""The API's read access to programmes, cohorts, enrolments, activities and attendance.

Scoped as the pages are: staff and facilitators of a programme see all of it, participants and
alumni see their own cohort, board viewers and evaluators see counts only, with small numbers
hidden from them.
"""

import datetime as dt
from typing import Any, TypeVar

from django.conf import settings
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

from commonground.api.pagination import Pages
from commonground.directory.api import OrganisationRef, PersonRef
from commonground.directory.models import Person
from commonground.lib.access import Level, Viewer, get_activity, get_cohort, load_viewer

from .api_delivery import router as delivery_router
from .models import (
    Activity,
    Attendance,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

router = Router()


def _shown(count: int, exact: bool) -> int | None:
    """As the pages show it: exact for staff and facilitators, small numbers hidden for others."""
    if exact or count == 0 or count >= settings.SMALL_NUMBER_THRESHOLD:
        return count
    return None


class ProgrammeRef(Schema):
    id: int
    slug: str
    name: str


class Counts(Schema):
    """People who took a place (active, completed or withdrawn) and those who completed."""

    participants: int | None
    completed: int | None
    suppressed: bool

    # `participant_count`, `completed_count` and `exact` are annotated by the query (_counted).
    @staticmethod
    def resolve_participants(obj: Any) -> int | None:
        return _shown(obj.participant_count, obj.exact)

    @staticmethod
    def resolve_completed(obj: Any) -> int | None:
        return _shown(obj.completed_count, obj.exact)

    @staticmethod
    def resolve_suppressed(obj: Any) -> bool:
        counts = (obj.participant_count, obj.completed_count)
        return any(_shown(count, obj.exact) is None for count in counts)


class ProgrammeOut(Counts):
    id: int
    slug: str
    name: str
    description: str
    owner: OrganisationRef


class CohortBrief(Schema):
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    status: str


class CohortCounts(Counts, CohortBrief):
    pass


class ProgrammeDetail(ProgrammeOut):
    cohorts: list[CohortCounts]

    # `cohort_counts` is prefetched by get_programme.
    @staticmethod
    def resolve_cohorts(obj: Any) -> Any:
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


Counted = TypeVar("Counted", Programme, Cohort)
TOOK_A_PLACE = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN)


def _counted(items: QuerySet[Counted], enrolments: str, exact: Any) -> QuerySet[Counted]:
    """Annotates the counts that `Counts` shows; people who deferred count in a later cohort."""
    took_a_place = Q(**{f"{enrolments}__status__in": TOOK_A_PLACE})
    completed = Q(**{f"{enrolments}__status": EnrolmentStatus.COMPLETED})
    counted: QuerySet[Counted] = items.annotate(
        participant_count=Count(enrolments, filter=took_a_place, distinct=True),
        completed_count=Count(enrolments, filter=completed, distinct=True),
        exact=exact,
    )
    return counted


def _visible_programmes(viewer: Viewer) -> QuerySet[Programme]:
    """Programmes where the viewer has a role; staff and facilitators see exact counts."""
    programmes = Programme.objects.select_related("owner").order_by("name", "pk")
    readable = viewer.programme_ids(Level.READ)
    if readable is None:
        return _counted(programmes, "cohorts__enrolments", Value(True))
    exact = Case(
        When(pk__in=readable, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    programmes = programmes.filter(pk__in=list(viewer.programme_levels))
    return _counted(programmes, "cohorts__enrolments", exact)


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
    `suppressed` true.
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
    """Every cohort with its counts; small numbers are hidden from board viewers and evaluators."""
    viewer = load_viewer(request)
    programme = _visible_programmes(viewer).filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    exact = Value(viewer.programme_level(programme.pk) >= Level.READ)
    cohorts = _counted(Cohort.objects.order_by("-starts_on", "pk"), "enrolments", exact)
    prefetch_related_objects([programme], Prefetch("cohorts", cohorts, to_attr="cohort_counts"))
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
def get_one_cohort(request: HttpRequest, cohort_id: int) -> Cohort:
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
def list_cohort_enrolments(request: HttpRequest, cohort_id: int) -> QuerySet[Enrolment]:
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
def list_cohort_activities(request: HttpRequest, cohort_id: int) -> QuerySet[Activity]:
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
def get_one_activity(request: HttpRequest, activity_id: int) -> Activity:
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
def list_activity_attendance(request: HttpRequest, activity_id: int) -> QuerySet[Attendance]:
    """Who was marked present, late, with apologies or absent. Staff and facilitators only."""
    activity = get_activity(request, activity_id)
    if load_viewer(request).cohort_level(activity.cohort) < Level.READ:
        raise Http404("Not found")
    return activity.attendance.select_related("enrolment__person", "recorded_by").order_by(
        "enrolment__person__last_name", "enrolment__person__first_name", "pk"
    )


# A person's calendar and a cohort's completion status (running the year).
router.add_router("", delivery_router)
