"""Taking a register: the page, who may save it, and the service that records it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.programmes.models import Attendance, Enrolment
from commonground.programmes.services import record_attendance
from tests.conftest import World


def _save(world: World, role: str, status: str) -> str:
    url = reverse("programmes:register", args=[world.activity.pk])
    response = world.client(role).post(url, {f"mark-{world.enrolment.pk}": status}, follow=True)
    return response.content.decode()


def test_it_saves_the_register_with_who_recorded_it_and_when(world: World) -> None:
    before = timezone.now()
    page = _save(world, "facilitator", "late")
    assert "Register saved: 1 mark recorded." in page
    mark = Attendance.objects.get(activity=world.activity, enrolment=world.enrolment)
    assert mark.status == "late"
    assert mark.recorded_by == world.users["facilitator"]
    assert mark.recorded_at >= before
    assert "Last saved by Facilitator" in page
    assert 'value="late" checked' in page


def test_it_records_old_and_new_marks_in_the_audit(world: World) -> None:
    _save(world, "staff", "absent")
    _save(world, "staff", "apologies")
    entries = AuditEntry.objects.filter(action="programmes.attendance.recorded").order_by("pk")
    assert [entry.changes["status"] for entry in entries] == [
        [None, "absent"],
        ["absent", "apologies"],
    ]
    mark = Attendance.objects.get(enrolment=world.enrolment)
    assert mark.status == "apologies" and mark.recorded_by == world.users["staff"]


def test_it_leaves_an_unchanged_mark_alone(world: World) -> None:
    _save(world, "staff", "present")
    page = _save(world, "staff", "present")
    assert "Register saved: 0 marks recorded." in page
    assert AuditEntry.objects.filter(action="programmes.attendance.recorded").count() == 1


def test_it_explains_an_unknown_mark_and_saves_nothing(world: World) -> None:
    url = reverse("programmes:register", args=[world.activity.pk])
    response = world.client("staff").post(url, {f"mark-{world.enrolment.pk}": "asleep"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Attendance.objects.exists()


def test_participants_may_not_save_a_register(world: World) -> None:
    url = reverse("programmes:register", args=[world.activity.pk])
    response = world.client("participant").post(url, {f"mark-{world.enrolment.pk}": "present"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_service_rejects_enrolments_from_another_cohort_and_writes_nothing(
    world: World,
) -> None:
    foreign = Enrolment.objects.get(person=world.outsider_person)
    with pytest.raises(ValidationError, match="not in this cohort") as raised:
        record_attendance(
            world.activity,
            {world.enrolment.pk: "present", foreign.pk: "present"},
            by=world.users["staff"],
        )
    assert str(foreign.pk) in str(raised.value)
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_service_rejects_an_unknown_mark(world: World) -> None:
    with pytest.raises(ValidationError, match="not a register mark"):
        record_attendance(world.activity, {world.enrolment.pk: "here"}, by=None)
    assert not Attendance.objects.exists()
