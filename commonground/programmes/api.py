"""The API's read access to programmes, cohorts, enrolments, activities and attendance.

Scoped as the pages are: staff and facilitators of a programme see all of it, participants and
alumni see their own cohort, board viewers and evaluators see counts only, with small numbers
hidden from everyone but programme staff.
"""

import datetime as dt
from typing import Any

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
    return count if exact or count >= settings.SMALL_NUMBER_THRESHOLD else None


class ProgrammeRef(Schema):
    id: int
    slug: str
    name: str


class ProgrammeOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    owner: OrganisationRef
    participants: int | None
    completed: int | None
    suppressed: bool

    # `participant_count`, `completed_count` and `exact` are annotated by _visible_programmes.
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


class CohortBrief(Schema):
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    status: str


class ProgrammeDetail(ProgrammeOut):
    cohorts: list[CohortBrief]

    # `visible_cohorts` is prefetched by get_programme: the cohorts the caller may see.
    @staticmethod
    def resolve_cohorts(obj: Any) -> Any:
        return obj.visible_cohorts


class CohortOut(CohortBrief):
    programme: ProgrammeRef
    capacity: int


class EnrolmentOut(Schema):
    """Fellow participants see only name, job title and organisation; the rest is null."""

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

    # `full` is annotated by list_cohort_enrolments: True for staff and facilitators.
    @staticmethod
    def resolve_person_id(obj: Any) -> int | None:
        return obj.person_id if obj.full else None

    @staticmethod
    def resolve_email(obj: Any) -> str | None:
        return obj.person.email if obj.full else None

    @staticmethod
    def resolve_status(obj: Any) -> str | None:
        return obj.status if obj.full else None

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


def _programme_ids_with_a_role(viewer: Viewer) -> Q:
    """Programmes where the viewer has a role, is or was enrolled, or sponsors someone."""
    scope = Q(pk__in=list(viewer.programme_levels))
    scope |= Q(pk__in=Cohort.objects.filter(pk__in=viewer.cohort_ids).values("programme_id"))
    if viewer.person_id is not None:
        sponsored = Enrolment.objects.filter(sponsor_id=viewer.person_id)
        scope |= Q(pk__in=sponsored.values("cohort__programme_id"))
    return scope


def _visible_programmes(viewer: Viewer) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("owner").order_by("name", "pk")
    if viewer.is_admin:
        exact: Any = Value(True)
    else:
        programmes = programmes.filter(_programme_ids_with_a_role(viewer))
        exact = Case(
            When(pk__in=list(viewer.staff_programme_ids() or ()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    completed = Q(cohorts__enrolments__status=EnrolmentStatus.COMPLETED)
    return programmes.annotate(
        participant_count=Count("cohorts__enrolments__person", distinct=True),
        completed_count=Count("cohorts__enrolments__person", filter=completed, distinct=True),
        exact=exact,
    )


def _readable_programme_ids(viewer: Viewer) -> list[int]:
    return [pk for pk, level in viewer.programme_levels.items() if level >= Level.READ]


def _visible_cohorts(viewer: Viewer) -> QuerySet[Cohort]:
    cohorts = Cohort.objects.select_related("programme").order_by("programme__name", "-starts_on")
    if viewer.is_admin:
        return cohorts
    return cohorts.filter(
        Q(programme_id__in=_readable_programme_ids(viewer)) | Q(pk__in=viewer.cohort_ids)
    )


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
    """Programmes the caller has any role in, with counts of participants and completers.

    Counts below the small-number threshold are null, with `suppressed` true, for everyone
    but the programme's staff.
    """
    return _visible_programmes(load_viewer(request))


@router.get(
    "/programmes/{slug}",
    response=ProgrammeDetail,
    url_name="programme",
    operation_id="get_programme",
    tags=["Programmes"],
    summary="Get one programme with the cohorts the caller may see",
)
def get_programme(request: HttpRequest, slug: str) -> Programme:
    """Board viewers and evaluators get the counts only: their list of cohorts is empty."""
    viewer = load_viewer(request)
    cohorts = Prefetch("cohorts", _visible_cohorts(viewer), to_attr="visible_cohorts")
    programme = _visible_programmes(viewer).prefetch_related(cohorts).filter(slug=slug).first()
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
    cohorts = _visible_cohorts(load_viewer(request))
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
    """Staff and facilitators get every enrolment with its status and sponsor.

    Participants and alumni of the cohort get their fellow participants (not those who
    withdrew) with name, job title and organisation only; the other fields are null.
    """
    cohort = get_cohort(request, cohort_id)
    full = load_viewer(request).cohort_level(cohort) >= Level.READ
    enrolments = cohort.enrolments.select_related("person__organisation", "sponsor")
    if not full:
        enrolments = enrolments.exclude(status=EnrolmentStatus.WITHDRAWN)
    return enrolments.annotate(full=Value(full)).order_by(
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
    return cohort.activities.prefetch_related(_facilitators()).order_by("starts_at", "pk")


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
