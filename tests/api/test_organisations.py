"""GET /api/organisations and /api/organisations/{id}: the shared directory of bodies."""

import pytest
from pytest_django import DjangoAssertNumQueries

from tests.api.conftest import Api, add_organisations
from tests.conftest import World


@pytest.mark.parametrize("role", ["admin", "staff", "facilitator"])
def test_it_lists_organisations_for_staff_and_facilitators(api: Api, role: str) -> None:
    page = api.ok(role, "organisations")
    assert page["count"] == 3
    assert [item["name"] for item in page["items"]] == [
        "Essex County Council",
        "Essex Partners",
        "Essex Police",
    ]


def test_it_gives_each_organisations_fields(api: Api, world: World) -> None:
    council = api.ok("staff", "organisation", organisation_id=world.organisation.pk)
    assert council == {
        "id": world.organisation.pk,
        "name": "Essex County Council",
        "short_name": "ECC",
        "sector": "Local government",
        "kind": "",
        "area": "Essex",
        "locality": "",
    }


@pytest.mark.parametrize(
    "role", ["sponsor", "participant", "alumnus", "evaluator", "board", "outsider"]
)
def test_it_hides_the_directory_from_everyone_else(api: Api, world: World, role: str) -> None:
    assert api.get(role, "organisations").status == 404
    assert api.get(role, "organisation", organisation_id=world.organisation.pk).status == 404


def test_it_says_not_found_for_an_unknown_organisation(api: Api) -> None:
    assert api.get("staff", "organisation", organisation_id=999999).status == 404


@pytest.mark.parametrize("extra", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_organisations(extra)
    api.token("staff")
    with django_assert_num_queries(6):
        page = api.ok("staff", "organisations")
    assert page["count"] == 3 + extra
