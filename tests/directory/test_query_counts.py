"""Each directory page runs the same number of queries however much data there is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from commonground.directory.models import Organisation, Person
from tests.conftest import World


def _count(client: Client, url: str, queries: DjangoAssertNumQueries, n: int) -> None:
    client.get(url)  # once first, so cached content types do not change the count
    with queries(n):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_organisation_list_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_organisations: Callable[[int], list[Organisation]],
    add_people: Callable[[int], list[Person]],
    size: int,
) -> None:
    add_organisations(size)
    add_people(size)
    # session, user, roles, person; count, the page's ids, the page's organisations counted
    _count(world.client("staff"), reverse("directory:organisations"), django_assert_num_queries, 7)


@pytest.mark.parametrize("size", [3, 30])
def test_the_people_list_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_people: Callable[[int], list[Person]],
    size: int,
) -> None:
    add_people(size)
    url = reverse("directory:people") + f"?cohort={world.cohort.name}&q=e&status=active"
    # session, user, roles, person; count, page: the filters are text boxes, with no choices
    _count(world.client("staff"), url, django_assert_num_queries, 6)


@pytest.mark.parametrize("size", [3, 30])
def test_the_people_export_page_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_people: Callable[[int], list[Person]],
    size: int,
) -> None:
    add_people(size)
    url = reverse("directory:people_export", args=["csv"])
    # session, user, roles, person; no row is read until the export runs in the background
    _count(world.client("staff"), url, django_assert_num_queries, 4)


@pytest.mark.parametrize("size", [3, 30])
def test_the_organisation_export_page_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_organisations: Callable[[int], list[Organisation]],
    size: int,
) -> None:
    add_organisations(size)
    url = reverse("directory:organisations_export", args=["xlsx"])
    _count(world.client("staff"), url, django_assert_num_queries, 4)


@pytest.mark.parametrize("size", [3, 30])
def test_the_organisation_page_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_people: Callable[[int], list[Person]],
    size: int,
) -> None:
    add_people(size)
    url = reverse("directory:organisation", args=[world.organisation.pk])
    # session, user, roles, person; organisation, people, enrolments, history
    _count(world.client("staff"), url, django_assert_num_queries, 8)


@pytest.mark.parametrize("size", [3, 30])
def test_the_person_page_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_history: Callable[[int], None],
    size: int,
) -> None:
    add_history(size)
    url = reverse("directory:person", args=[world.participant_person.pk])
    # session, user, roles, person; person, enrolments, marks, sponsees, posts, the rungs of the
    # ladder of their latest programme, history, messages not delivered
    _count(world.client("staff"), url, django_assert_num_queries, 12)


@pytest.mark.parametrize("size", [3, 30])
def test_the_person_page_seen_by_the_person_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_history: Callable[[int], None],
    size: int,
) -> None:
    add_history(size)
    url = reverse("directory:person", args=[world.participant_person.pk])
    # session, user, roles, person, their enrolments, their sponsees; then as for staff, no history
    _count(world.client("participant"), url, django_assert_num_queries, 12)
