"""GET /api/cohorts/{id}/activities and /api/activities/{id}: the calendar of a cohort."""

import pytest
from pytest_django import DjangoAssertNumQueries

from tests.api.conftest import Api, add_activities, add_people
from tests.conftest import World


@pytest.mark.parametrize("role", ["admin", "staff", "facilitator", "participant"])
def test_it_lists_a_cohorts_activities(api: Api, world: World, role: str) -> None:
    items = api.ok(role, "cohort-activities", cohort_id=world.cohort.pk)["items"]
    assert [item["title"] for item in items] == ["Leading in complexity"]


def test_it_gives_an_activitys_fields(api: Api, world: World) -> None:
    world.activity.facilitators.add(world.sponsor_person)
    activity = api.ok("participant", "activity", activity_id=world.activity.pk)
    assert activity == {
        "id": world.activity.pk,
        "cohort_id": world.cohort.pk,
        "kind": "learning_day",
        "title": "Leading in complexity",
        "starts_at": world.activity.starts_at.isoformat().replace("+00:00", "Z"),
        "ends_at": world.activity.ends_at.isoformat().replace("+00:00", "Z"),
        "place": "County Hall, Chelmsford",
        "online_link": "",
        "counts_towards_completion": True,
        "facilitators": [{"id": world.sponsor_person.pk, "name": "Sam Sponsor"}],
    }


@pytest.mark.parametrize("role", ["alumnus", "sponsor", "evaluator", "board", "outsider"])
def test_others_get_not_found(api: Api, world: World, role: str) -> None:
    assert api.get(role, "cohort-activities", cohort_id=world.cohort.pk).status == 404
    assert api.get(role, "activity", activity_id=world.activity.pk).status == 404


def test_an_outsider_reads_their_own_cohorts_calendar(api: Api, world: World) -> None:
    activity = api.ok("outsider", "activity", activity_id=world.other_activity.pk)
    assert activity["title"] == "Launch"
    assert api.get("staff", "activity", activity_id=world.other_activity.pk).status == 404


@pytest.mark.parametrize("extra", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_activities(world, extra)
    api.token("staff")
    with django_assert_num_queries(8):
        page = api.ok("staff", "cohort-activities", cohort_id=world.cohort.pk)
    assert page["count"] == 1 + extra
    assert all(len(item["facilitators"]) == 2 for item in page["items"][1:])


@pytest.mark.parametrize("facilitators", [3, 30])
def test_it_reads_an_activity_in_a_fixed_number_of_queries(
    api: Api,
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    facilitators: int,
) -> None:
    world.activity.facilitators.add(*add_people(world, facilitators))
    api.token("staff")
    with django_assert_num_queries(6):
        activity = api.ok("staff", "activity", activity_id=world.activity.pk)
    assert len(activity["facilitators"]) == facilitators
