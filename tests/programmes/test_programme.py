"""The programme page, its edit page and adding a cohort."""

from __future__ import annotations

import re

from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.programmes.models import Cohort, Programme
from tests.conftest import World
from tests.programmes.conftest import Grow, grow_cohort


def _page(world: World, role: str) -> str:
    url = reverse("programmes:programme", args=[world.programme.slug])
    response = world.client(role).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_cohorts_over_the_years_for_staff(world: World) -> None:
    page = _page(world, "staff")
    assert "2026/27" in page and "2024/25" in page
    assert "100%" in page  # the alumnus completed the 2024/25 cohort
    assert "Not finished yet" in page
    assert "fewer than 5" not in page
    assert reverse("programmes:cohort_new", args=[world.programme.slug]) in page
    assert reverse("imports:cohort_import", args=[world.programme.slug]) in page
    assert "Change history" in page


def test_it_lets_facilitators_open_cohorts_but_not_change_the_programme(world: World) -> None:
    page = _page(world, "facilitator")
    assert reverse("programmes:cohort", args=[world.cohort.pk]) in page
    assert reverse("programmes:programme_edit", args=[world.programme.slug]) not in page
    assert reverse("imports:cohort_import", args=[world.programme.slug]) not in page
    assert "fewer than 5" not in page


def test_it_hides_small_numbers_from_the_board(world: World) -> None:
    page = _page(world, "board")
    assert "fewer than 5" in page
    assert "Not shown (small numbers)" in page
    assert reverse("programmes:cohort", args=[world.cohort.pk]) not in page
    assert "Change history" not in page


def test_it_shows_the_board_numbers_that_are_large_enough(world: World, grow: Grow) -> None:
    grow(10, 0)
    page = _page(world, "evaluator")
    assert ">11<" in page


def test_it_saves_the_programme_and_records_the_change(world: World) -> None:
    url = reverse("programmes:programme_edit", args=[world.programme.slug])
    response = world.client("staff").post(
        url, {"name": "Leading Greater Essex", "description": "Leading across boundaries"}
    )
    assert response.status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.description == "Leading across boundaries"
    entry = AuditEntry.objects.get(action="programmes.programme.changed")
    assert entry.changes["description"] == ["", "Leading across boundaries"]


def test_it_explains_a_missing_programme_name_and_saves_nothing(world: World) -> None:
    url = reverse("programmes:programme_edit", args=[world.programme.slug])
    response = world.client("staff").post(url, {"name": "", "description": "x"})
    page = response.content.decode()
    assert "There is a problem" in page and "Enter the programme&#x27;s name." in page
    assert Programme.objects.get(pk=world.programme.pk).description == ""


def _new_cohort(world: World, **changes: str) -> str:
    data = {
        "name": "2027/28",
        "starts_on": "2027-09-01",
        "ends_on": "2028-07-31",
        "capacity": "48",
        "status": "planning",
    } | changes
    url = reverse("programmes:cohort_new", args=[world.programme.slug])
    response = world.client("staff").post(url, data)
    return response.content.decode() if response.status_code == 200 else ""


def test_it_adds_a_cohort_and_records_it(world: World) -> None:
    assert _new_cohort(world) == ""
    cohort = Cohort.objects.get(programme=world.programme, name="2027/28")
    assert cohort.capacity == 48
    assert AuditEntry.objects.filter(
        action="programmes.cohort.created", object_id=str(cohort.pk)
    ).exists()


def test_it_refuses_a_cohort_that_ends_before_it_starts(world: World) -> None:
    page = _new_cohort(world, ends_on="2027-08-01")
    assert "There is a problem" in page
    assert "The end date must be after the start date." in page
    assert not Cohort.objects.filter(name="2027/28").exists()


def test_it_refuses_a_cohort_with_no_places(world: World) -> None:
    page = _new_cohort(world, capacity="0")
    assert "Capacity must be at least 1." in page
    assert not Cohort.objects.filter(name="2027/28").exists()


def test_it_refuses_a_second_cohort_with_the_same_name(world: World) -> None:
    page = _new_cohort(world, name="2026/27")
    assert "This programme already has a cohort called 2026/27." in page
    assert Cohort.objects.filter(programme=world.programme, name="2026/27").count() == 1


def _column(page: str, name: str) -> list[str]:
    """One column of the cohorts table and its total, as the page shows them."""
    table = page[page.index("Cohorts over the years") :]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)
    cells = [re.findall(r"--numeric\">([^<]*)</td>", row) for row in rows]
    index = ["Places", "Participants", "Completed"].index(name)
    return [row[index] if len(row) == 4 else row[index - 1] for row in cells if row]


def test_no_hidden_cohort_count_follows_from_the_programme_total(world: World) -> None:
    grow_cohort(world, world.past_cohort, enrolments=10, activities=0)
    staff = _column(_page(world, "staff"), "Participants")
    assert staff == ["1", "11", "12"]
    for role in ("board", "evaluator"):
        shown = _column(_page(world, role), "Participants")
        # One cohort of 1 beside a total of 12 would give it away: the 11 is hidden too.
        assert shown == ["fewer than 5", "not shown", "12"]
        home = world.client(role).get(reverse("home")).content.decode()
        overview = home[home.index("Programme figures") :]
        assert ">12<" in overview
        assert ">11<" not in _page(world, role)
