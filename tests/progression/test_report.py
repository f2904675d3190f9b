"""The progression report: completers now more senior, with Wilson intervals; the comparison
with applicants not selected, with Newcombe's interval; small numbers hidden from the board."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.accounts.models import ApiToken
from commonground.directory.models import CareerChoice, Person
from commonground.lib.proportions import newcombe_difference, wilson
from commonground.programmes.models import Enrolment
from commonground.programmes.movement import movement_figures
from commonground.progression.records import load
from commonground.progression.report import build
from tests.conftest import World

Past = Callable[[int, int, int, int], None]


def test_staff_see_the_share_its_interval_and_the_comparison(world: World, past: Past) -> None:
    past(10, 6, 8, 2)
    today = timezone.localdate()
    report = build(load(world.programme, today), today, None)
    # The world's alumnus completed too, with no posts: counted as completed, not as known.
    assert report.completed.value == 11
    assert (report.overall.moved_up.value, report.overall.known.value) == (6, 10)
    assert report.overall.interval == wilson(6, 10)
    everyone, near = report.comparisons
    assert (everyone.group.moved_up.value, everyone.group.known.value) == (2, 8)
    assert everyone.difference == newcombe_difference(6, 10, 2, 8)
    # Scored 18 against a line of 20: applicants 0, 2, 4 and 6, of whom only the first moved up.
    assert (near.group.moved_up.value, near.group.known.value) == (1, 4)


def test_people_who_said_no_are_left_out(world: World, past: Past) -> None:
    past(3, 1, 0, 0)
    CareerChoice.objects.create(
        person=Person.objects.get(first_name="Completer1"),
        follow_up=False,
        notice_version="x",
        chosen_at=timezone.now(),
    )
    today = timezone.localdate()
    report = build(load(world.programme, today), today, None)
    assert (report.overall.moved_up.value, report.overall.known.value) == (0, 2)


def test_the_page_says_the_headline_and_the_caveats(world: World, past: Past) -> None:
    past(10, 6, 8, 2)
    page = world.client("staff").get(reverse("progression:report", args=[world.programme.slug]))
    text = page.content.decode()
    lo, hi = wilson(6, 10).lower, wilson(6, 10).upper
    assert "60% now hold a more senior role" in text
    assert f"95% CI {round(lo * 100)}% to {round(hi * 100)}%" in text
    assert "against 25% of applicants who were not selected" in text
    for caveat in ("Who answered.", "Survivorship.", "Selection."):
        assert caveat in text
    assert "<svg" in text and "Time to first move up: the figures" in text


def test_the_board_sees_shares_only_where_no_group_is_small(world: World, past: Past) -> None:
    past(12, 6, 10, 5)
    page = world.client("board").get(reverse("progression:report", args=[world.programme.slug]))
    text = page.content.decode()
    assert "50% now hold a more senior role" in text
    # Just below the line: 3 moved up, 2 did not; both too few to show.
    near = page.context["report"].comparisons[1]
    assert near.group.value.startswith("not shown")
    assert near.difference is None
    assert "Import posts" not in text


def test_small_groups_are_hidden_from_the_board_but_not_staff(world: World, past: Past) -> None:
    past(6, 2, 0, 0)
    board = world.client("board").get(reverse("progression:report", args=[world.programme.slug]))
    assert board.context["report"].overall.interval is None
    assert "its groups are too small" in board.content.decode()
    staff = world.client("staff").get(reverse("progression:report", args=[world.programme.slug]))
    assert staff.context["report"].overall.interval == wilson(2, 6)


def test_the_curve_counts_who_moved_up_by_each_year(world: World, past: Past) -> None:
    past(10, 6, 0, 0)
    today = timezone.localdate()
    report = build(load(world.programme, today), today, None)
    # They completed at the end of July 2025 and moved up a month later; the rest last
    # confirmed their post in September 2026, so nobody is followed for two years yet.
    first, second = report.curve
    assert first.completers == pytest.approx(0.6)
    assert first.completers_text == "60%"
    assert (first.completers_followed.value, second.completers_followed.value) == (4, 0)
    assert second.completers is None and second.completers_text == "not followed this long"


def test_the_movement_figures_carry_the_interval_and_comparison(world: World, past: Past) -> None:
    past(10, 6, 8, 2)
    figures = {f.key: f for f in movement_figures(world.programme, None, timezone.localdate())}
    senior = figures["alumni_more_senior"]
    assert senior.value == "60%" and senior.number == pytest.approx(0.6)
    assert senior.interval.startswith("95% CI ")
    difference = figures["alumni_more_senior_than_applicants"]
    assert difference.number == pytest.approx(0.35)
    assert difference.value == "+35 percentage points"
    # Just below the line: 1 of 4 moved up, so 60% less 25%.
    near = figures["alumni_more_senior_than_near_line"]
    assert near.value == "+35 percentage points"
    # Newcombe's interval for 6/10 against 1/4: -0.183 to 0.659.
    assert near.interval == "95% CI -18 to +66 percentage points"
    assert "within 3 points below the lowest score offered a place" in near.definition
    hidden = {f.key: f for f in movement_figures(world.programme, 5, timezone.localdate())}
    assert hidden["alumni_more_senior_than_applicants"].hidden
    assert hidden["alumni_more_senior_than_near_line"].hidden


@pytest.mark.parametrize("size", [5, 25])
def test_the_page_runs_a_fixed_number_of_queries(
    world: World, past: Past, django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    past(size, size // 2, size, size // 3)
    client = world.client("staff")
    url = reverse("progression:report", args=[world.programme.slug])
    client.get(url)
    # session, user, roles, person; the programme; five for the report (records.load); the rungs
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_the_api_gives_the_figures_with_small_numbers_hidden(world: World, past: Past) -> None:
    past(6, 2, 0, 0)

    def get(role: str) -> dict[str, Any]:
        token = ApiToken.issue(world.users[role], "tests")[1]
        url = reverse("api:progression", kwargs={"slug": world.programme.slug})
        response = Client().get(url, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
        body: dict[str, Any] = response.json()
        return body

    staff = get("staff")["more_senior"]
    assert staff == {
        "label": "All who completed",
        "known": 6,
        "more_senior": 2,
        "share": pytest.approx(2 / 6),
        "lower": pytest.approx(wilson(2, 6).lower),
        "upper": pytest.approx(wilson(2, 6).upper),
        "suppressed": False,
    }
    board = get("board")["more_senior"]
    assert board["share"] is None and board["suppressed"] is True and board["more_senior"] is None
    first_year = get("board")["time_to_first_move_up"][0]
    assert first_year["completers_moved_up"] is None
    assert first_year["completers_shown_as"] == "not shown"


def test_years_since_completing_count_from_each_completion_date(world: World, past: Past) -> None:
    past(10, 6, 0, 0)
    # Four of them completed early, in mid-June 2025, the rest with the cohort at the end of July.
    early = Enrolment.objects.filter(person__first_name__in=[f"Completer{n}" for n in (1, 2, 7, 8)])
    assert early.update(left_on=dt.date(2025, 6, 15)) == 4
    today = dt.date(2026, 7, 1)
    rows = {s.label: s for s in build(load(world.programme, today), today, None).by_years}
    assert (rows["1 year"].moved_up.value, rows["1 year"].known.value) == (2, 4)
    assert rows["1 year"].interval == wilson(2, 4)
    # The world's alumnus, with no posts, completed with the cohort too: completed, not known.
    assert (rows["Less than 1 year"].moved_up.value, rows["Less than 1 year"].known.value) == (4, 6)
    assert rows["5 years or more"].value == "no one yet"
    board = {s.label: s for s in build(load(world.programme, today), today, 5).by_years}
    assert board["1 year"].value == "not shown (fewer than 5 in a group)"


def test_a_hidden_row_cannot_be_worked_out_from_the_total_less_the_rows_shown() -> None:
    # As the seeded demo had it: one person completed less than a year ago, the total below.
    from commonground.progression.careers import Career
    from commonground.progression.report import beside_total, share

    def people(size: int) -> list[Career]:
        return [Career(2, 1 if i % 2 else 2, 1.0 if i % 2 else None, 3.0) for i in range(size)]

    rows = [share(str(size), people(size), 5) for size in (1, 7, 9, 9, 75)]
    shown = beside_total(rows, 5)
    total = sum(len(people(size)) for size in (1, 7, 9, 9, 75))
    hidden = [row for row in shown if row.known.shown is None]
    assert [row.label for row in hidden][:1] == ["1"]
    assert len(hidden) >= 2, "one hidden row beside the total gives itself away"
    # What a reader can say of the hidden rows: their sum, which no longer pins the small one.
    left = total - sum(row.known.value for row in shown if row.known.shown is not None)
    assert left >= 1 + 5
    assert all(row.moved_up.shown is None and row.interval is None for row in hidden)
    assert beside_total(rows, None) == rows
