"""GET /api/cohorts/{id}/enrolments: all for staff, fellow participants' basics for members."""

import pytest
from pytest_django import DjangoAssertNumQueries

from commonground.programmes.models import EnrolmentStatus
from tests.api.conftest import Api, add_people
from tests.conftest import World


@pytest.mark.parametrize("role", ["admin", "staff", "facilitator"])
def test_staff_and_facilitators_get_every_field(api: Api, world: World, role: str) -> None:
    items = api.ok(role, "cohort-enrolments", cohort_id=world.cohort.pk)["items"]
    assert items == [
        {
            "id": world.enrolment.pk,
            "name": "Pat Participant",
            "job_title": "Head of Service",
            "organisation": {"id": world.other_organisation.pk, "name": "Essex Police"},
            "person_id": world.participant_person.pk,
            "email": "pat.participant@example.org",
            "status": "active",
            "enrolled_on": world.cohort.starts_on.isoformat(),
            "left_on": None,
            "sponsor": {"id": world.sponsor_person.pk, "name": "Sam Sponsor"},
        }
    ]


def test_participants_get_fellows_names_job_titles_and_organisations_only(
    api: Api, world: World
) -> None:
    fellow = add_people(world, 1, world.cohort)[0]
    items = api.ok("participant", "cohort-enrolments", cohort_id=world.cohort.pk)["items"]
    assert items[1] == {
        "id": fellow.enrolments.get().pk,
        "name": "Extra00 Person00",
        "job_title": "Inspector",
        "organisation": {"id": world.other_organisation.pk, "name": "Essex Police"},
        "person_id": None,
        "email": None,
        "status": None,
        "enrolled_on": None,
        "left_on": None,
        "sponsor": None,
    }
    assert items[0]["name"] == "Pat Participant"
    assert items[0]["status"] == "active"
    assert items[0]["sponsor"] is None


def test_participants_do_not_see_fellows_who_withdrew_or_deferred(api: Api, world: World) -> None:
    withdrawn, deferred = add_people(world, 2, world.cohort)
    withdrawn.enrolments.update(status=EnrolmentStatus.WITHDRAWN)
    deferred.enrolments.update(status=EnrolmentStatus.DEFERRED)
    assert api.names("participant", "cohort-enrolments", cohort_id=world.cohort.pk) == [
        "Pat Participant"
    ]
    assert len(api.names("staff", "cohort-enrolments", cohort_id=world.cohort.pk)) == 3


def test_alumni_see_their_own_cohort_only(api: Api, world: World) -> None:
    names = api.names("alumnus", "cohort-enrolments", cohort_id=world.past_cohort.pk)
    assert names == ["Alex Alumnus"]
    assert api.get("alumnus", "cohort-enrolments", cohort_id=world.cohort.pk).status == 404


@pytest.mark.parametrize("role", ["sponsor", "evaluator", "board", "outsider"])
def test_others_get_not_found(api: Api, world: World, role: str) -> None:
    assert api.get(role, "cohort-enrolments", cohort_id=world.cohort.pk).status == 404


@pytest.mark.parametrize("extra", [3, 30])
@pytest.mark.parametrize("role", ["staff", "participant"])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api,
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    extra: int,
    role: str,
) -> None:
    add_people(world, extra, world.cohort)
    api.token(role)
    queries = {"staff": 7, "participant": 9}[role]
    with django_assert_num_queries(queries):
        page = api.ok(role, "cohort-enrolments", cohort_id=world.cohort.pk)
    assert page["count"] == 1 + extra
