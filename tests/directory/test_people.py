"""The people list: search, filters in a labelled form, pages and the export link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.directory.models import Person
from commonground.programmes.models import EnrolmentStatus
from tests.conftest import World

URL = reverse("directory:people")


def _names(client: Client, **params: Any) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [person.name for person in response.context["page"]]


def test_it_lists_people_with_title_organisation_and_band(world: World) -> None:
    body = world.client("staff").get(URL).content.decode()
    assert "Pat Participant" in body
    assert "Head of Service" in body
    assert "Essex Police" in body
    assert "Chief officer" in body


def test_it_searches_names_emails_and_job_titles(world: World) -> None:
    client = world.client("staff")
    assert _names(client, q="pat part") == ["Pat Participant"]
    assert _names(client, q="olly.outsider@") == ["Olly Outsider"]
    world.sponsor_person.job_title = "Chief Executive"
    world.sponsor_person.save()
    assert _names(client, q="chief exec") == ["Sam Sponsor"]


def test_it_filters_by_organisation_sector_and_area(world: World) -> None:
    client = world.client("staff")
    assert _names(client, organisation=world.other_organisation.name) == ["Pat Participant"]
    assert _names(client, organisation="police") == ["Pat Participant"]
    assert _names(client, sector="Local government") == [
        "Alex Alumnus",
        "Olly Outsider",
        "Sam Sponsor",
    ]
    assert _names(client, area="Greater Essex") == ["Pat Participant"]


def test_it_filters_by_cohort_and_enrolment_status(world: World) -> None:
    client = world.client("staff")
    assert _names(client, cohort=str(world.cohort)) == ["Pat Participant"]
    assert _names(client, status=EnrolmentStatus.COMPLETED) == ["Alex Alumnus"]
    assert _names(client, cohort=str(world.cohort), status=EnrolmentStatus.COMPLETED) == []


def test_the_filters_suggest_names_as_one_types(world: World) -> None:
    client = world.client("staff")
    organisations = client.get(
        reverse("directory:organisation_names"), {"q": world.other_organisation.name[:6]}
    ).json()["results"]
    assert world.other_organisation.name in organisations
    assert client.get(reverse("directory:organisation_names"), {"q": "zzzq"}).json() == {
        "results": []
    }
    cohorts = client.get(reverse("directory:cohort_names"), {"q": world.cohort.name}).json()
    assert cohorts["results"] == [str(world.cohort)]


def test_it_offers_only_cohorts_of_the_viewers_programmes(world: World) -> None:
    client = world.client("staff")
    offered = client.get(reverse("directory:cohort_names"), {"q": "20"}).json()["results"]
    assert str(world.other_cohort) not in offered
    assert str(world.cohort) in offered
    # Someone enrolled only in another programme does not show up by status either.
    assert "Olly Outsider" not in _names(client, status=EnrolmentStatus.ACTIVE)


def test_the_filters_have_labels(world: World) -> None:
    body = world.client("staff").get(URL).content.decode()
    for field, label in (
        ("q", "Search"),
        ("organisation", "Organisation"),
        ("sector", "Sector"),
        ("area", "Area"),
        ("cohort", "Cohort"),
        ("status", "Enrolment status"),
    ):
        assert f'<label class="govuk-label govuk-label--s" for="id_{field}">{label}</label>' in body


def test_the_export_links_keep_the_filters(world: World) -> None:
    body = world.client("staff").get(URL, {"sector": "Local government"}).content.decode()
    assert f"{reverse('directory:people_export', args=['csv'])}?sector=Local+government" in body


def test_it_pages_the_list(
    world: World, settings: Settings, add_people: Callable[[int], list[Person]]
) -> None:
    settings.PAGE_SIZE = 3
    add_people(4)
    client = world.client("staff")
    assert len(_names(client)) == 3
    assert "Page 3 of 3" in client.get(URL, {"page": 3}).content.decode()


def test_facilitators_read_it_but_cannot_add_people(world: World) -> None:
    body = world.client("facilitator").get(URL).content.decode()
    assert "Pat Participant" in body
    assert reverse("directory:person_new") not in body


def test_it_is_not_found_for_participants_and_sponsors(world: World) -> None:
    assert world.client("participant").get(URL).status_code == 404
    assert world.client("sponsor").get(URL).status_code == 404
