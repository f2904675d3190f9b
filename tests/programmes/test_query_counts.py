"""Each page runs the same number of queries with 3 people and 2 activities as with 43 and 14."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from tests.conftest import World
from tests.programmes.conftest import Grow

# Each page's queries, pinned: a change here means a page now costs more per request.
# Running the year adds a fixed few: completion rules, attendance standings, who presented
# their challenge and who answered the end-of-year survey.
# The staff home asks each app's part of the year (programmes, recruitment, grouping, challenges,
# evaluation) what needs attention in all cohorts at once, and the steps of the five it shows;
# participants' and alumni's homes ask for their tasks, sponsors' for the endorsements waiting,
# the board's for participants by sector. Mentoring asks
# once whether a participant's cohort has mentors or their request, and an alumnus's home for
# their mentees and the programmes they could mentor on. Participants and alumni are asked once
# whether they have answered the career record's privacy notice.
HOME = {
    "admin": 34,
    "staff": 34,
    "facilitator": 5,
    "participant": 18,
    "alumnus": 15,  # 9, the network news (their profile, next events), mentoring, the ladder
    "sponsor": 11,
    "board": 8,
    "evaluator": 8,
    "outsider": 18,
}
PAGES = {
    ("programme", "staff"): 8,
    ("programme", "facilitator"): 7,
    ("programme", "board"): 7,
    ("cohort", "staff"): 15,  # 14, plus the cohort's application round (one query)
    ("cohort", "facilitator"): 13,
    ("cohort", "participant"): 16,  # the overview; its parts are pinned in test_cohort_hub.py
    ("activity", "staff"): 10,
    ("activity", "facilitator"): 9,
    ("activity", "participant"): 9,  # 8, plus whether they may check in or send apologies
}


def _url(page: str, world: World) -> str:
    if page == "programme":
        return reverse("programmes:programme", args=[world.programme.slug])
    if page == "cohort":
        return reverse("programmes:cohort", args=[world.cohort.pk])
    return reverse("programmes:activity", args=[world.activity.pk])


def _pinned(
    world: World, grow: Grow, queries: DjangoAssertNumQueries, role: str, url: str, expected: int
) -> None:
    client = world.client(role)
    client.get(url)  # the first load fills Django's caches (content types, templates)
    for enrolments, activities, tag in ((3, 2, ""), (40, 12, "more")):
        grow(enrolments, activities, tag=tag)
        with queries(expected):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", sorted(HOME))
def test_the_home_page_costs_the_same_whatever_the_numbers(
    world: World, grow: Grow, django_assert_num_queries: DjangoAssertNumQueries, role: str
) -> None:
    _pinned(world, grow, django_assert_num_queries, role, reverse("home"), HOME[role])


@pytest.mark.parametrize(("page", "role"), sorted(PAGES))
def test_each_page_costs_the_same_whatever_the_numbers(
    world: World,
    grow: Grow,
    django_assert_num_queries: DjangoAssertNumQueries,
    page: str,
    role: str,
) -> None:
    _pinned(world, grow, django_assert_num_queries, role, _url(page, world), PAGES[(page, role)])
