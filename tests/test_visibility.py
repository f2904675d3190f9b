"""Pages, API and exports give every persona the same answer about the same records.

Each kind of record is filtered by one `visible_to` method; these tests catch a page, an API
call or an export that filters on its own and so shows a persona more, or less.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import ApiToken
from commonground.challenges.services import create_team
from commonground.directory.models import Person
from commonground.programmes.models import Activity, ActivityKind, Enrolment, EnrolmentStatus
from tests.challenges.helpers import challenges
from tests.conftest import ROLES, World
from tests.exporting import download

SIGNED_IN = [role for role in ROLES if role != "anonymous"]


@pytest.fixture
def varied(world: World) -> World:
    """Adds a fellow participant who withdrew, and an activity for a team the participant is
    not in, so that members and staff see different parts of the cohort."""
    leaver = Person.objects.create(
        first_name="Wyn", last_name="Withdrawn", email="wyn@example.org", organisation=None
    )
    Enrolment.objects.create(
        person=leaver,
        cohort=world.cohort,
        status=EnrolmentStatus.WITHDRAWN,
        left_on=timezone.localdate(),
    )
    other_team = create_team(challenges(world).other, world.cohort, "Discharge team", by=None)
    Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.CHALLENGE_WORKSHOP,
        title="Discharge team meeting",
        starts_at=world.activity.starts_at,
        ends_at=world.activity.ends_at,
        team=other_team,
    )
    return world


def _api(
    world: World, role: str, name: str, params: dict[str, Any] | None = None, **kwargs: Any
) -> tuple[int, Any]:
    secret = ApiToken.issue(world.users[role], "tests")[1]
    response = Client().get(
        reverse(f"api:{name}", kwargs=kwargs),
        {"limit": 100, **(params or {})},
        headers={"Authorization": f"Bearer {secret}"},
    )
    return response.status_code, response.json()


def _page(world: World, role: str, name: str, **kwargs: Any) -> tuple[int, Any]:
    response = world.client(role).get(reverse(name, kwargs=kwargs))
    return response.status_code, response.context


@pytest.mark.parametrize("role", SIGNED_IN)
def test_a_cohorts_people_agree_on_page_api_and_export(varied: World, role: str) -> None:
    world = varied
    page_status, context = _page(world, role, "programmes:cohort_participants", pk=world.cohort.pk)
    api_status, body = _api(world, role, "cohort-enrolments", cohort_id=world.cohort.pk)
    assert (page_status == 200) == (api_status == 200)
    on_page = {e.pk for e in context["enrolments"]} if page_status == 200 else set()
    in_api = {item["id"] for item in body["items"]} if api_status == 200 else set()
    assert on_page == in_api
    export = world.client(role).get(
        reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "csv"])
    )
    if export.status_code == 200:
        url = reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "csv"])
        text = download(world.client(role), url).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))[1:]
        names = {e.person.name for e in Enrolment.objects.filter(pk__in=on_page)}
        assert {row[0] for row in rows} == names


@pytest.mark.parametrize("role", SIGNED_IN)
def test_a_cohorts_calendar_agrees_on_page_and_api(varied: World, role: str) -> None:
    world = varied
    page_status, context = _page(world, role, "programmes:cohort_calendar", pk=world.cohort.pk)
    api_status, body = _api(world, role, "cohort-activities", cohort_id=world.cohort.pk)
    assert (page_status == 200) == (api_status == 200)
    on_page = {a.pk for a in context["activities"]} if page_status == 200 else set()
    in_api = {item["id"] for item in body["items"]} if api_status == 200 else set()
    assert on_page == in_api
    for pk in Activity.objects.filter(cohort=world.cohort).values_list("pk", flat=True):
        status = world.client(role).get(reverse("programmes:activity", args=[pk])).status_code
        assert (status == 200) == (pk in on_page), f"activity {pk}"


@pytest.mark.parametrize("role", SIGNED_IN)
def test_people_agree_on_page_and_api(varied: World, role: str) -> None:
    world = varied
    api_status, body = _api(world, role, "people")
    assert api_status == 200
    listed = {item["id"] for item in body["items"]}
    for person in Person.objects.all():
        status = world.client(role).get(reverse("directory:person", args=[person.pk])).status_code
        one_status, _ = _api(world, role, "person", person_id=person.pk)
        assert (status == 200) == (person.pk in listed) == (one_status == 200), person.name


@pytest.mark.parametrize("role", SIGNED_IN)
def test_cohorts_agree_on_page_and_api(varied: World, role: str) -> None:
    world = varied
    api_status, body = _api(world, role, "cohorts")
    assert api_status == 200
    listed = {item["id"] for item in body["items"]}
    for cohort in (world.cohort, world.past_cohort, world.other_cohort):
        status, _ = _page(world, role, "programmes:cohort", pk=cohort.pk)
        assert (status == 200) == (cohort.pk in listed), cohort


def test_staff_of_another_programme_see_the_directory_but_not_this_programmes_enrolments(
    world: World,
) -> None:
    client = world.client("other_staff")
    page = client.get(reverse("directory:person", args=[world.participant_person.pk]))
    assert page.status_code == 200
    assert world.programme.name not in page.content.decode()
    status, body = _api(world, "other_staff", "people", {"cohort": world.cohort.pk})
    assert status == 200 and body["items"] == []
