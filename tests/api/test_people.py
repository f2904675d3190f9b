"""GET /api/people and /api/people/{id}: everyone for the directory's readers, less for others."""

import pytest
from pytest_django import DjangoAssertNumQueries

from tests.api.conftest import Api, add_people
from tests.conftest import World

EVERYONE = ["Alex Alumnus", "Olly Outsider", "Pat Participant", "Sam Sponsor"]


@pytest.mark.parametrize("role", ["admin", "staff", "facilitator"])
def test_it_lists_everyone_for_staff_and_facilitators(api: Api, role: str) -> None:
    assert api.names(role, "people") == EVERYONE


def test_a_participant_sees_only_themselves(api: Api) -> None:
    assert api.names("participant", "people") == ["Pat Participant"]


def test_a_sponsor_sees_themselves_and_the_people_they_sponsor(api: Api) -> None:
    assert api.names("sponsor", "people") == ["Pat Participant", "Sam Sponsor"]


@pytest.mark.parametrize("role", ["evaluator", "board"])
def test_board_and_evaluators_see_no_one(api: Api, role: str) -> None:
    assert api.ok(role, "people") == {"items": [], "count": 0}


def test_it_filters_by_organisation(api: Api, world: World) -> None:
    names = api.names("staff", "people", {"organisation": world.organisation.pk})
    assert names == ["Alex Alumnus", "Olly Outsider", "Sam Sponsor"]


def test_it_filters_by_cohort(api: Api, world: World) -> None:
    assert api.names("staff", "people", {"cohort": world.past_cohort.pk}) == ["Alex Alumnus"]


def test_it_searches_names_and_email(api: Api) -> None:
    assert api.names("staff", "people", {"q": "pat partic"}) == ["Pat Participant"]
    assert api.names("staff", "people", {"q": "olly.outsider@"}) == ["Olly Outsider"]


def test_filters_never_widen_what_a_caller_sees(api: Api, world: World) -> None:
    params = {"organisation": world.organisation.pk}
    assert api.names("participant", "people", params) == []


def test_it_gives_a_person_with_their_posts(api: Api, world: World) -> None:
    extra = add_people(world, 1)[0]
    person = api.ok("facilitator", "person", person_id=extra.pk)
    assert person == {
        "id": extra.pk,
        "name": "Extra00 Person00",
        "first_name": "Extra00",
        "last_name": "Person00",
        "email": "extra0@example.org",
        "job_title": "Inspector",
        "band": "senior_manager",
        "organisation": {"id": world.other_organisation.pk, "name": "Essex Police"},
        "posts": [
            {
                "title": "Analyst",
                "band": "other",
                "organisation": {"id": world.organisation.pk, "name": "Essex County Council"},
                "started_on": "2015-01-01",
                "ended_on": "2019-01-01",
            }
        ],
    }


def test_a_participant_may_read_their_own_record(api: Api, world: World) -> None:
    person = api.ok("participant", "person", person_id=world.participant_person.pk)
    assert person["name"] == "Pat Participant"


def test_a_sponsor_may_read_the_people_they_sponsor(api: Api, world: World) -> None:
    assert api.ok("sponsor", "person", person_id=world.participant_person.pk)["posts"] == []
    assert api.get("sponsor", "person", person_id=world.alumnus_person.pk).status == 404


@pytest.mark.parametrize("role", ["participant", "alumnus", "evaluator", "board", "outsider"])
def test_others_get_not_found(api: Api, world: World, role: str) -> None:
    assert api.get(role, "person", person_id=world.sponsor_person.pk).status == 404


@pytest.mark.parametrize("extra", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_people(world, extra, world.cohort)
    api.token("staff")
    with django_assert_num_queries(6):
        page = api.ok("staff", "people", {"cohort": world.cohort.pk})
    assert page["count"] == 1 + extra


@pytest.mark.parametrize("posts", [3, 30])
def test_it_reads_a_person_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, posts: int
) -> None:
    person = add_people(world, 1)[0]
    for n in range(posts - 1):
        person.posts.create(
            organisation=world.organisation,
            title=f"Post {n}",
            band="other",
            started_on="2010-01-01",
        )
    api.token("staff")
    with django_assert_num_queries(6):
        assert len(api.ok("staff", "person", person_id=person.pk)["posts"]) == posts
