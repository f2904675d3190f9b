"""GET /api/cohorts and /api/cohorts/{id}: staff and facilitators of the programme, and members."""

import pytest
from pytest_django import DjangoAssertNumQueries

from tests.api.conftest import Api, add_cohorts
from tests.conftest import World


def _cohorts(api: Api, role: str, **params: str) -> list[str]:
    items = api.ok(role, "cohorts", params)["items"]
    return [f"{item['programme']['name']} {item['name']}" for item in items]


def test_the_site_administrator_sees_every_cohort(api: Api) -> None:
    assert _cohorts(api, "admin") == [
        "Aspiring Leaders 2026/27",
        "Leading Greater Essex 2026/27",
        "Leading Greater Essex 2024/25",
    ]


@pytest.mark.parametrize("role", ["staff", "facilitator"])
def test_staff_and_facilitators_see_their_programmes_cohorts(api: Api, role: str) -> None:
    assert _cohorts(api, role) == ["Leading Greater Essex 2026/27", "Leading Greater Essex 2024/25"]


def test_participants_and_alumni_see_their_own_cohort(api: Api) -> None:
    assert _cohorts(api, "participant") == ["Leading Greater Essex 2026/27"]
    assert _cohorts(api, "alumnus") == ["Leading Greater Essex 2024/25"]
    assert _cohorts(api, "outsider") == ["Aspiring Leaders 2026/27"]


@pytest.mark.parametrize("role", ["sponsor", "evaluator", "board"])
def test_others_see_no_cohort(api: Api, role: str) -> None:
    assert _cohorts(api, role) == []


def test_it_filters_by_programme(api: Api, world: World) -> None:
    assert _cohorts(api, "admin", programme=world.other_programme.slug) == [
        "Aspiring Leaders 2026/27"
    ]


def test_it_gives_a_cohorts_fields(api: Api, world: World) -> None:
    cohort = api.ok("participant", "cohort", cohort_id=world.cohort.pk)
    assert cohort == {
        "id": world.cohort.pk,
        "name": "2026/27",
        "starts_on": world.cohort.starts_on.isoformat(),
        "ends_on": world.cohort.ends_on.isoformat(),
        "status": "running",
        "capacity": 50,
        "programme": {
            "id": world.programme.pk,
            "slug": "leading-greater-essex",
            "name": "Leading Greater Essex",
        },
    }


@pytest.mark.parametrize("role", ["participant", "sponsor", "evaluator", "board", "outsider"])
def test_a_cohort_outside_the_callers_scope_is_not_found(api: Api, world: World, role: str) -> None:
    assert api.get(role, "cohort", cohort_id=world.past_cohort.pk).status == 404


def test_an_alumnus_reads_their_cohort(api: Api, world: World) -> None:
    assert api.ok("alumnus", "cohort", cohort_id=world.past_cohort.pk)["status"] == "completed"


@pytest.mark.parametrize("extra", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_cohorts(world, extra)
    api.token("facilitator")
    with django_assert_num_queries(6):
        page = api.ok("facilitator", "cohorts")
    assert page["count"] == 2 + extra
