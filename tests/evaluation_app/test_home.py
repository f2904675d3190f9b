"""The evaluation home lists the cohorts' plans a page at a time, at the same cost at any size."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from commonground.evaluation.views.home import COHORTS_PER_PAGE
from commonground.programmes.models import Cohort
from tests.conftest import World


def _cohorts(world: World, n: int) -> None:
    Cohort.objects.bulk_create(
        Cohort(
            programme=world.programme,
            name=f"Extra {number:03}",
            starts_on=dt.date(2000 + number % 20, 9, 1),
            ends_on=dt.date(2001 + number % 20, 7, 31),
        )
        for number in range(n)
    )


def test_staff_see_the_plans_a_page_at_a_time(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("evaluation:home")
    client = world.client("staff")
    client.get(url)
    with django_assert_num_queries(7):
        client.get(url)
    _cohorts(world, 2 * COHORTS_PER_PAGE)
    with django_assert_num_queries(7):
        first = client.get(url).content.decode()
    # Each cohort's row links to its plan and to its network.
    assert first.count('href="/cohorts/') == 2 * COHORTS_PER_PAGE
    assert first.count('/evaluation/network/"') == COHORTS_PER_PAGE
    assert 'rel="next"' in first
    last = client.get(url, {"page": 3}).content.decode()
    # The programme's own two cohorts and the hundred added: two are left for the third page.
    assert last.count('href="/cohorts/') == 2 * 2
