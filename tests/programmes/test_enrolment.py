"""Enrolling people in a cohort and changing an enrolment, through the pages and services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.programmes.models import Enrolment, EnrolmentStatus
from commonground.programmes.services import change_enrolment, enrol
from tests.conftest import World


def _enrol(world: World, **changes: object) -> tuple[int, str]:
    data = {
        "person": world.outsider_person.pk,
        "status": "active",
        "enrolled_on": str(world.cohort.starts_on),
        "sponsor": world.sponsor_person.pk,
    } | changes
    url = reverse("programmes:enrolment_new", args=[world.cohort.pk])
    response = world.client("staff").post(url, data, follow=True)
    return response.status_code, response.content.decode()


def test_it_enrols_a_person_and_records_it(world: World) -> None:
    status, page = _enrol(world)
    assert status == 200 and "Olly Outsider enrolled in Leading Greater Essex 2026/27." in page
    enrolment = Enrolment.objects.get(person=world.outsider_person, cohort=world.cohort)
    assert enrolment.sponsor == world.sponsor_person
    entry = AuditEntry.objects.get(action="programmes.enrolment.created")
    assert entry.object_id == str(enrolment.pk)
    assert entry.actor == world.users["staff"]


def test_it_says_clearly_when_the_person_is_already_enrolled(world: World) -> None:
    _, page = _enrol(world, person=world.participant_person.pk, sponsor="")
    assert "There is a problem" in page
    assert "Pat Participant is already enrolled in Leading Greater Essex 2026/27." in page
    assert Enrolment.objects.filter(person=world.participant_person).count() == 1
    assert not AuditEntry.objects.exists()


def test_it_refuses_a_participant_as_their_own_sponsor(world: World) -> None:
    _, page = _enrol(world, sponsor=world.outsider_person.pk)
    assert "A participant cannot be their own sponsor." in page
    assert not Enrolment.objects.filter(person=world.outsider_person, cohort=world.cohort).exists()


def test_it_asks_for_a_person(world: World) -> None:
    _, page = _enrol(world, person="")
    assert "Choose the person to enrol." in page


def test_it_warns_but_enrols_when_the_cohort_is_full(world: World) -> None:
    world.cohort.capacity = 1
    world.cohort.save()
    _, page = _enrol(world)
    assert "now has 2 participants for 1 places" in page
    assert Enrolment.objects.filter(person=world.outsider_person, cohort=world.cohort).exists()


def _change(world: World, **data: object) -> str:
    url = reverse("programmes:enrolment_edit", args=[world.enrolment.pk])
    response = world.client("staff").post(url, data, follow=True)
    return response.content.decode()


def test_it_withdraws_a_participant_with_the_date_they_left(world: World) -> None:
    left = timezone.localdate()
    page = _change(world, status="withdrawn", left_on=str(left), sponsor=world.sponsor_person.pk)
    assert "Pat Participant&#x27;s enrolment saved." in page
    world.enrolment.refresh_from_db()
    assert (world.enrolment.status, world.enrolment.left_on) == ("withdrawn", left)
    entry = AuditEntry.objects.get(action="programmes.enrolment.changed")
    assert entry.changes["status"] == ["active", "withdrawn"]


def test_it_asks_for_the_date_they_left(world: World) -> None:
    page = _change(world, status="completed", left_on="", sponsor="")
    assert "Enter the date they completed, withdrew or deferred." in page
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == "active" and world.enrolment.sponsor is not None


def test_it_refuses_a_leaving_date_before_enrolment(world: World) -> None:
    before = world.enrolment.enrolled_on - dt.timedelta(days=1)
    page = _change(world, status="deferred", left_on=str(before), sponsor="")
    assert "The date they left must be on or after" in page
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == "active"


def test_it_changes_the_sponsor_and_shows_the_history(world: World) -> None:
    _change(world, status="active", left_on="", sponsor=world.alumnus_person.pk)
    assert Enrolment.objects.get(pk=world.enrolment.pk).sponsor == world.alumnus_person
    url = reverse("programmes:enrolment_edit", args=[world.enrolment.pk])
    page = world.client("staff").get(url).content.decode()
    assert "Change history" in page and "Alex Alumnus" in page


def test_the_enrol_service_refuses_a_second_enrolment(world: World) -> None:
    with pytest.raises(ValidationError, match="already enrolled"):
        enrol(world.participant_person, world.cohort, sponsor=None, by=world.users["staff"])


def test_the_change_service_fills_in_today_when_someone_leaves(world: World) -> None:
    done = change_enrolment(
        world.enrolment, status=EnrolmentStatus.COMPLETED, sponsor=None, by=world.users["staff"]
    )
    assert done.enrolment.left_on == timezone.localdate()
    assert done.warning is None
