"""The API's read access to the shared directory: organisations and the people in them.

Programme staff and facilitators read the whole directory, as on the pages. Anyone else may
read their own person record and the records of the people they sponsor, and nothing more.
"""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from commonground.api.pagination import Pages
from commonground.lib.access import Level, Viewer, load_viewer, require_programme_staff

from .models import Organisation, Person, Post

router = Router()


class OrganisationRef(Schema):
    id: int
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    sector: str
    kind: str
    area: str
    locality: str


class PersonRef(Schema):
    id: int
    name: str


class PostOut(Schema):
    title: str
    band: str
    organisation: OrganisationRef
    started_on: dt.date
    ended_on: dt.date | None


class PersonOut(Schema):
    id: int
    name: str
    first_name: str
    last_name: str
    email: str
    job_title: str
    band: str
    organisation: OrganisationRef | None


class PersonDetail(PersonOut):
    posts: list[PostOut]


def reads_directory(viewer: Viewer) -> bool:
    """Programme staff and facilitators share the directory; the same rule as the pages."""
    return viewer.is_programme_staff or Level.READ in viewer.programme_levels.values()


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    url_name="organisations",
    operation_id="list_organisations",
    tags=["Organisations"],
    summary="List organisations",
)
@paginate(Pages)
def list_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    """Every organisation of the partnership, by name. Programme staff and facilitators only."""
    require_programme_staff(request)
    return Organisation.objects.order_by("name", "pk")


@router.get(
    "/organisations/{organisation_id}",
    response=OrganisationOut,
    url_name="organisation",
    operation_id="get_organisation",
    tags=["Organisations"],
    summary="Get one organisation",
)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    require_programme_staff(request)
    return get_object_or_404(Organisation, pk=organisation_id)


def _visible_people(viewer: Viewer) -> QuerySet[Person]:
    people = Person.objects.select_related("organisation").order_by("last_name", "first_name", "pk")
    if reads_directory(viewer):
        return people
    return people.filter(Q(pk=viewer.person_id) | Q(pk__in=viewer.sponsored_person_ids))


@router.get(
    "/people",
    response=list[PersonOut],
    url_name="people",
    operation_id="list_people",
    tags=["People"],
    summary="List people",
)
@paginate(Pages)
def list_people(
    request: HttpRequest,
    organisation: int | None = None,
    cohort: int | None = None,
    q: str = "",
) -> QuerySet[Person]:
    """People by surname. `organisation` and `cohort` take ids; `q` matches names and email.

    Programme staff and facilitators see everyone; others see their own record and the
    people they sponsor.
    """
    people = _visible_people(load_viewer(request))
    if organisation is not None:
        people = people.filter(organisation_id=organisation)
    if cohort is not None:
        people = people.filter(enrolments__cohort_id=cohort)
    for word in q.split():
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people


@router.get(
    "/people/{person_id}",
    response=PersonDetail,
    url_name="person",
    operation_id="get_person",
    tags=["People"],
    summary="Get one person with their career history",
)
def get_person(request: HttpRequest, person_id: int) -> Person:
    viewer = load_viewer(request)
    posts = Prefetch("posts", queryset=Post.objects.select_related("organisation"))
    person = (
        Person.objects.select_related("organisation").prefetch_related(posts).filter(pk=person_id)
    ).first()
    if person is None or not (reads_directory(viewer) or viewer.may_see_person(person)):
        raise Http404("Not found")
    return person
