"""The API's read access to the alumni network: the directory, with each field as its owner
chose (a field the caller may not see is null), and alumni events. Scoped as the pages are."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from commonground.api.pagination import MAX_ID, Pages, RowId
from commonground.directory.api import OrganisationRef

from .access import (
    Scope,
    events_visible,
    get_event,
    load_scope,
    require_events,
    require_network,
)
from .directory import search
from .forms import DirectoryFilter
from .models import AlumniEvent, Profile, RsvpStatus

router = Router()


class CohortRef(Schema):
    id: int
    name: str
    programme: str
    status: str


class ProfileOut(Schema):
    person_id: int
    name: str
    organisation: OrganisationRef | None
    job_title: str
    cohorts: list[CohortRef]
    works_on: str | None
    expertise: list[str] | None
    places: str | None
    offers: str | None
    looking_for: str | None
    email: str | None

    @staticmethod
    def resolve_name(obj: Profile) -> str:
        return obj.person.name

    @staticmethod
    def resolve_organisation(obj: Profile) -> Any:
        return obj.person.organisation

    @staticmethod
    def resolve_job_title(obj: Profile) -> str:
        return obj.person.job_title

    @staticmethod
    def resolve_cohorts(obj: Profile) -> list[dict[str, Any]]:
        return [
            {
                "id": e.cohort_id,
                "name": e.cohort.name,
                "programme": e.cohort.programme.name,
                "status": e.status,
            }
            for e in obj.person.network_enrolments  # type: ignore[attr-defined]
        ]

    @staticmethod
    def resolve_works_on(obj: Profile) -> str | None:
        return obj.works_on if obj.shows_works_on else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_expertise(obj: Profile) -> list[str] | None:
        if not obj.shows_expertise:  # type: ignore[attr-defined]
            return None
        return [tag.name for tag in obj.expertise.all()]

    @staticmethod
    def resolve_places(obj: Profile) -> str | None:
        return obj.places if obj.shows_places else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_offers(obj: Profile) -> str | None:
        return obj.offers if obj.shows_offers else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_looking_for(obj: Profile) -> str | None:
        return obj.looking_for if obj.shows_looking_for else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_email(obj: Profile) -> str | None:
        return obj.person.email if obj.shows_email else None  # type: ignore[attr-defined]


class DirectoryQuery(Schema):
    q: str = ""
    expertise: str = ""
    organisation: str = ""
    sector: str = ""
    area: str = ""
    cohort: int | None = Field(None, ge=1, le=MAX_ID, description="A cohort id")


class EventOut(Schema):
    id: int
    programme: str
    kind: str
    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_link: str
    capacity: int | None
    going: int
    cancelled: bool

    @staticmethod
    def resolve_programme(obj: AlumniEvent) -> str:
        return obj.programme.name

    @staticmethod
    def resolve_cancelled(obj: AlumniEvent) -> bool:
        return obj.is_cancelled


@router.get(
    "/alumni/directory",
    response=list[ProfileOut],
    url_name="alumni-directory",
    operation_id="list_alumni_directory",
    tags=["Alumni network"],
    summary="Search the alumni directory",
)
@paginate(Pages)
def list_directory(request: HttpRequest, filters: Query[DirectoryQuery]) -> QuerySet[Profile]:
    """Listed people of the networks the caller reaches; a field its owner keeps from the caller
    is null, and a search never matches by such a field."""
    scope = require_network(request)
    given = filters.dict()
    form = DirectoryFilter({k: v for k, v in given.items() if k != "cohort" and v})
    if not form.is_valid():
        problems = [f"{name}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()]
        raise HttpError(422, "; ".join(problems))
    return search(scope, {**form.cleaned_data, "cohort": given["cohort"]})


def _events(scope: Scope) -> QuerySet[AlumniEvent]:
    return (
        events_visible(scope)
        .select_related("programme")
        .annotate(going=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING)))
    )


@router.get(
    "/alumni/events",
    response=list[EventOut],
    url_name="alumni-events",
    operation_id="list_alumni_events",
    tags=["Alumni network"],
    summary="List alumni events",
)
@paginate(Pages)
def list_events(request: HttpRequest) -> QuerySet[AlumniEvent]:
    """Alumni events of the networks the caller reaches (sponsors: those they are invited to),
    soonest first; 404 to anyone with no network and no sponsored person, as on the page."""
    return _events(require_events(request)).order_by("starts_at", "pk")


@router.get(
    "/alumni/events/{event_id}",
    response=EventOut,
    url_name="alumni-event",
    operation_id="get_alumni_event",
    tags=["Alumni network"],
    summary="Get one alumni event",
)
def get_one_event(request: HttpRequest, event_id: RowId) -> AlumniEvent:
    found = get_event(request, event_id)
    return _events(load_scope(request)).get(pk=found.pk)
