"""The API's read access to the shared directory: organisations and the people in them.

Programme staff and facilitators read the whole directory, as on the pages. Anyone else may
read their own person record and the records of the people they sponsor, and nothing more.
The rules are the pages' own: `Person.objects.visible_to` and `Enrolment.objects.visible_to`.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from commonground.api.pagination import Pages, RowId
from commonground.lib.access import get_person, load_viewer, require_programme_staff
from commonground.programmes.models import Enrolment

from .models import Organisation, Person, Post
from .search import PERSON_COLUMNS, matching

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
def get_organisation(request: HttpRequest, organisation_id: RowId) -> Organisation:
    require_programme_staff(request)
    return get_object_or_404(Organisation, pk=organisation_id)


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
    organisation: RowId | None = None,
    cohort: RowId | None = None,
    q: str = "",
) -> QuerySet[Person]:
    """People by surname. `organisation` and `cohort` take ids; `q` matches every word in the
    names, email and job title.

    Programme staff and facilitators see everyone; others see their own record and the
    people they sponsor.
    """
    viewer = load_viewer(request)
    people = (
        Person.objects.visible_to(viewer)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )
    if organisation is not None:
        people = people.filter(organisation_id=organisation)
    if cohort is not None:
        # As on the people page: membership of a cohort shows only within the caller's scope.
        enrolments = Enrolment.objects.visible_to(viewer)
        people = people.filter(Exists(enrolments.filter(person=OuterRef("pk"), cohort_id=cohort)))
    # As on the people page, through the same trigram index on PostgreSQL.
    return matching(people, PERSON_COLUMNS, q)


@router.get(
    "/people/{person_id}",
    response=PersonDetail,
    url_name="person",
    operation_id="get_person",
    tags=["People"],
    summary="Get one person with their career history",
)
def get_one_person(request: HttpRequest, person_id: RowId) -> Person:
    person = get_person(request, person_id)
    posts = Prefetch("posts", queryset=Post.objects.select_related("organisation"))
    prefetch_related_objects([person], posts)
    return person
