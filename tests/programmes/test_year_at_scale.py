"""The staff home at a national body's size: the first few cohorts and the first few of each
kind of attention, the rest on pages of their own, and no query that grows a list of ids or a
lookup per person with the number of cohorts and people."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from commonground.grouping.models import Grouping, Kind
from commonground.grouping.models import Status as GroupingStatus
from commonground.programmes.models import Cohort, CohortStatus
from commonground.programmes.views.home import YEARS_SHOWN
from commonground.programmes.views.year import YEARS_PER_PAGE
from commonground.programmes.year import FIRST_FEW
from tests.challenges.helpers import challenges
from tests.conftest import World
from tests.programmes.conftest import grow_cohort

UNSPONSORED = "participant-without-a-sponsor"


def _running(world: World, count: int) -> list[Cohort]:
    """More running cohorts of the staff's programme, each with participants and no sponsor
    for some (so each has something that needs attention) and a register taken."""
    made = []
    before = Cohort.objects.filter(name__startswith="Extra").count()
    for number in range(before, before + count):
        cohort = Cohort.objects.create(
            programme=world.programme,
            name=f"Extra {number:02d}",
            starts_on=world.cohort.starts_on,
            ends_on=world.cohort.ends_on,
            status=CohortStatus.RUNNING,
        )
        grow_cohort(world, cohort, enrolments=4, activities=2, tag=f"x{number}")
        made.append(cohort)
    return made


def test_the_home_shows_the_first_few_and_links_to_the_rest(world: World) -> None:
    _running(world, 7)
    body = world.client("staff").get(reverse("home")).content.decode()
    assert body.count('aria-label="The year of ') == YEARS_SHOWN
    in_the_year = Cohort.objects.filter(
        programme=world.programme, status__in=["recruiting", "selecting", "running"]
    ).count()
    assert f"See the year of all {in_the_year} cohorts recruiting or running" in body
    attention = body[
        body.index('id="attention"') : body.index("</div>", body.index('id="attention"'))
    ]
    unsponsored = [line for line in attention.split("<li>") if "without a sponsor" in line]
    assert len(unsponsored) == FIRST_FEW + 1
    assert reverse("programmes:attention", args=[UNSPONSORED]) in unsponsored[-1]
    assert "see every cohort" in unsponsored[-1]


def test_the_year_page_shows_every_cohort_a_page_at_a_time(world: World) -> None:
    _running(world, YEARS_PER_PAGE + 1)
    client = world.client("staff")
    first = client.get(reverse("programmes:year")).content.decode()
    second = client.get(reverse("programmes:year"), {"page": 2}).content.decode()
    shown = first.count('aria-label="The year of ') + second.count('aria-label="The year of ')
    assert first.count('aria-label="The year of ') == YEARS_PER_PAGE
    assert (
        shown
        == Cohort.objects.filter(
            programme=world.programme, status__in=["recruiting", "selecting", "running"]
        ).count()
    )
    assert "Extra 10" in second  # the cohorts run in the order of their start, then name


def test_the_attention_page_lists_every_cohort_of_one_kind(world: World) -> None:
    made = _running(world, FIRST_FEW + 2)
    body = world.client("staff").get(reverse("programmes:attention", args=[UNSPONSORED]))
    text = body.content.decode()
    for cohort in made:
        assert f"in {cohort}</li>" in text
    assert "participants without a sponsor" in text


def test_a_kind_with_nothing_to_see_says_so(world: World) -> None:
    body = world.client("staff").get(reverse("programmes:attention", args=["no-such-thing"]))
    assert body.status_code == 200
    assert "Nothing of this kind needs attention" in body.content.decode()


@pytest.mark.parametrize("url", ["home", "programmes:year", "programmes:attention"])
def test_each_page_costs_the_same_with_more_cohorts(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, url: str
) -> None:
    address = reverse(url, args=[UNSPONSORED] if url == "programmes:attention" else [])
    client = world.client("staff")
    _running(world, 1)
    with django_assert_num_queries(QUERIES[url]):
        assert client.get(address).status_code == 200
    _running(world, 6)
    with django_assert_num_queries(QUERIES[url]):
        assert client.get(address).status_code == 200


# Each part of the year asks what needs attention in every cohort in the year at once, and the
# home asks for the steps of the first few (see test_homes.py); the year page asks for the steps
# of one page of cohorts, after counting them; the attention page only what needs attention.
QUERIES = {"home": 34, "programmes:year": 16, "programmes:attention": 21}

# A list of ids the query carries as literals: `IN (1, 2, 3)`, not `IN (SELECT ...)`.
ID_LIST = re.compile(r"\bIN \(((?:\s*(?:'[^']*'|-?\d+)\s*,?)+)\)", re.IGNORECASE)
# The most literals a query of these pages may carry: statuses and the staff's own programmes.
MOST = 6


def _longest_list(sql: str) -> int:
    return max((len(found.group(1).split(",")) for found in ID_LIST.finditer(sql)), default=0)


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *[node for child in plan.get("Plans", []) for node in _nodes(child)]]


def test_no_query_of_the_staff_home_carries_a_list_of_ids(world: World) -> None:
    _running(world, 8)
    client = world.client("staff")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    longest = {query["sql"][:120]: _longest_list(query["sql"]) for query in captured}
    assert max(longest.values()) <= MOST, longest
    if connection.vendor != "postgresql":
        return
    # On PostgreSQL, read each plan: no subquery run per row (a correlated SubPlan) may filter
    # by a literal list, and no plan is costly enough for PostgreSQL to compile it (JIT).
    with connection.cursor() as cursor:
        for query in captured:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
            [[plan]] = cursor.fetchall()
            found = (json.loads(plan) if isinstance(plan, str) else plan)[0]
            assert "JIT" not in found, query["sql"]
            for node in _nodes(found["Plan"]):
                if node.get("Parent Relationship") == "SubPlan":
                    conditions = " ".join(
                        str(node.get(key, "")) for key in ("Filter", "Index Cond", "Recheck Cond")
                    )
                    arrays = re.findall(r"ANY \('\{([^}]*)\}'", conditions)
                    assert all(len(array.split(",")) <= MOST for array in arrays), query["sql"]


def test_a_grouping_that_failed_is_counted_in_its_cohort(world: World) -> None:
    _running(world, 2)
    for kind in (Kind.LEARNING_SETS, Kind.MIXING_PLAN):
        Grouping.objects.create(
            cohort=world.cohort,
            name=f"Sets {kind}",
            kind=kind,
            status=GroupingStatus.FAILED,
            created_by=world.users["staff"],
        )
    body = world.client("staff").get(reverse("home")).content.decode()
    assert f"2 groupings that failed to run</a> in {world.cohort}" in body
    assert body.count("failed to run</a>") == 1  # the other cohorts have none


def test_overdue_challenge_milestones_are_counted_in_their_cohort(world: World) -> None:
    _running(world, 2)
    team = challenges(world).team
    team.milestones.update(due_on=dt.date(2020, 1, 1), done_on=None)
    overdue = team.milestones.count()
    body = world.client("staff").get(reverse("home")).content.decode()
    assert f"{overdue} challenge milestones overdue</a> in {world.cohort}" in body
    team.milestones.update(done_on=dt.date(2020, 1, 2))
    body = world.client("staff").get(reverse("home")).content.decode()
    assert "milestones overdue" not in body and "milestone overdue" not in body
