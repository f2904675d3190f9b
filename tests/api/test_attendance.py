"""GET /api/activities/{id}/attendance: the register, for staff and facilitators only."""

import datetime as dt

import pytest
from pytest_django import DjangoAssertNumQueries

from commonground.programmes.models import Attendance, AttendanceStatus
from tests.api.conftest import Api, add_attendance
from tests.conftest import World


@pytest.mark.parametrize("role", ["admin", "staff", "facilitator"])
def test_it_lists_the_register(api: Api, world: World, role: str) -> None:
    mark = Attendance.objects.create(
        activity=world.activity,
        enrolment=world.enrolment,
        status=AttendanceStatus.LATE,
        recorded_by=world.users["facilitator"],
        recorded_at=dt.datetime(2026, 1, 2, 9, 30, tzinfo=dt.UTC),
    )
    page = api.ok(role, "activity-attendance", activity_id=world.activity.pk)
    assert page["count"] == 1
    assert page["items"] == [
        {
            "id": mark.pk,
            "enrolment_id": world.enrolment.pk,
            "person": {"id": world.participant_person.pk, "name": "Pat Participant"},
            "status": "late",
            "attended": True,
            "recorded_at": "2026-01-02T09:30:00Z",
            "recorded_by": "Facilitator",
        }
    ]


@pytest.mark.parametrize(
    "role", ["participant", "alumnus", "sponsor", "evaluator", "board", "outsider"]
)
def test_everyone_else_gets_not_found(api: Api, world: World, role: str) -> None:
    assert api.get(role, "activity-attendance", activity_id=world.activity.pk).status == 404


def test_a_participant_who_sees_the_activity_still_does_not_see_the_register(
    api: Api, world: World
) -> None:
    assert api.get("participant", "activity", activity_id=world.activity.pk).status == 200
    response = api.get("participant", "activity-attendance", activity_id=world.activity.pk)
    assert response.status == 404


@pytest.mark.parametrize("extra", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_attendance(world, extra)
    api.token("facilitator")
    with django_assert_num_queries(7):
        page = api.ok("facilitator", "activity-attendance", activity_id=world.activity.pk)
    assert page["count"] == extra
    assert {item["status"] for item in page["items"]} == {"present"}
