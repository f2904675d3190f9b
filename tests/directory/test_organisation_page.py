"""One organisation: its details, its people, its participants by cohort and its history."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

from commonground.directory.models import Person
from commonground.directory.views.organisations import PEOPLE_SHOWN
from tests.conftest import World


def _url(world: World) -> str:
    return reverse("directory:organisation", args=[world.organisation.pk])


def test_it_shows_the_organisation_and_its_people(world: World) -> None:
    response = world.client("staff").get(_url(world))
    body = response.content.decode()
    assert '<h1 class="govuk-heading-l">Essex County Council</h1>' in body
    assert "Local government" in body
    for name in ("Sam Sponsor", "Alex Alumnus", "Olly Outsider"):
        assert name in body
    assert "Change history" in body


def test_it_lists_participants_by_cohort_in_the_viewers_programmes(world: World) -> None:
    response = world.client("staff").get(_url(world))
    shown = [
        (str(e.cohort), e.person.name, e.get_status_display())
        for e in response.context["enrolments"]
    ]
    # The outsider's cohort belongs to a programme this staff member does not run.
    assert shown == [("Leading Greater Essex 2024/25", "Alex Alumnus", "Completed")]


def test_the_site_administrator_sees_every_programme(world: World) -> None:
    response = world.client("admin").get(_url(world))
    assert len(response.context["enrolments"]) == 2


def test_it_caps_the_people_and_links_to_the_full_list(
    world: World, add_people: Callable[[int], list[Person]]
) -> None:
    add_people(PEOPLE_SHOWN)
    body = world.client("staff").get(_url(world)).content.decode()
    total = PEOPLE_SHOWN + 3
    assert f"Showing {PEOPLE_SHOWN} of {total} people" in body
    link = f"{reverse('directory:people')}?organisation={quote(world.organisation.name)}"
    assert link in body


def test_facilitators_read_it_without_history_or_change_link(world: World) -> None:
    response = world.client("facilitator").get(_url(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Change history" not in body
    assert reverse("directory:organisation_edit", args=[world.organisation.pk]) not in body


def test_it_is_not_found_for_sponsors(world: World) -> None:
    assert world.client("sponsor").get(_url(world)).status_code == 404
