"""The organisations list: search, filters, counts and pages."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.directory.models import Organisation, Person
from tests.conftest import World

URL = reverse("directory:organisations")


def test_it_lists_organisations_with_their_counts(
    world: World, add_people: Callable[[int], list[Person]]
) -> None:
    add_people(5)
    response = world.client("staff").get(URL)
    assert response.status_code == 200
    rows = {
        organisation.name: (people, participants)
        for organisation, people, participants in response.context["rows"]
    }
    # The council: sponsor, alumnus, outsider and 5 more; 5 more plus the alumnus took part here.
    assert rows["Essex County Council"] == ("8", "6")
    assert rows["Essex Police"] == ("1", "1")
    assert "Essex Partners" in response.content.decode()


def test_it_searches_by_name_and_short_name(world: World) -> None:
    client = world.client("staff")
    for query, found in (("police", ["Essex Police"]), ("ECC", ["Essex County Council"])):
        response = client.get(URL, {"q": query})
        assert [o.name for o, _, _ in response.context["rows"]] == found


def test_it_filters_by_sector_and_area(world: World) -> None:
    client = world.client("staff")
    by_sector = client.get(URL, {"sector": "Local government"})
    assert [o.name for o, _, _ in by_sector.context["rows"]] == ["Essex County Council"]
    by_area = client.get(URL, {"area": "Greater Essex"})
    assert [o.name for o, _, _ in by_area.context["rows"]] == ["Essex Partners", "Essex Police"]


def test_it_pages_the_list_and_keeps_the_filters(
    world: World, settings: Settings, add_organisations: Callable[[int], list[Organisation]]
) -> None:
    settings.PAGE_SIZE = 2
    add_organisations(3)
    response = world.client("staff").get(URL, {"sector": "Local government", "page": "2"})
    body = response.content.decode()
    assert [o.name for o, _, _ in response.context["rows"]] == [
        "Borough Council 002",
        "Essex County Council",
    ]
    assert "Page 2 of 2" in body
    assert "sector=Local+government&amp;page=1" in body


def test_it_hides_small_counts_from_facilitators(world: World) -> None:
    response = world.client("facilitator").get(URL)
    rows = {o.name: (people, participants) for o, people, participants in response.context["rows"]}
    assert rows["Essex County Council"] == ("fewer than 5", "fewer than 5")
    assert "Add an organisation" not in response.content.decode()


def test_it_counts_only_participants_in_the_viewers_programmes(world: World) -> None:
    # The outsider is enrolled only in the other programme, which the staff member does not run.
    staff_rows = {o.name: p for o, _, p in world.client("staff").get(URL).context["rows"]}
    admin_rows = {o.name: p for o, _, p in world.client("admin").get(URL).context["rows"]}
    assert staff_rows["Essex County Council"] == "1"
    assert admin_rows["Essex County Council"] == "2"


def test_it_links_to_the_exports(world: World) -> None:
    body = world.client("staff").get(URL).content.decode()
    assert reverse("directory:organisations_export", args=["csv"]) in body
    assert reverse("directory:organisations_export", args=["xlsx"]) in body


def test_it_is_not_found_for_participants(world: World) -> None:
    assert world.client("participant").get(URL).status_code == 404
