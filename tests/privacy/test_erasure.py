"""Erasure on request: staff record it, read what will be erased and what kept and why, then
carry it out; the person can no longer sign in, and the request keeps the record."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.alumni.models import Profile
from commonground.audit.models import AuditEntry
from commonground.directory.models import Person
from commonground.privacy.models import ErasureRequest
from commonground.programmes.models import CalendarFeed, Certificate, Enrolment, EnrolmentStatus
from tests.conftest import PASSWORD, World


def _request(world: World) -> ErasureRequest:
    response = world.client("staff").post(
        reverse("privacy:erasure_new", args=[world.alumnus_person.pk]),
        {"received_on": "2026-11-02", "how": "Email to the programme team"},
    )
    assert response.status_code == 302
    return ErasureRequest.objects.get()


def _alumnus_records(world: World) -> Certificate:
    CalendarFeed.objects.create(person=world.alumnus_person, token_hash="a" * 64)
    Profile.objects.create(person=world.alumnus_person, works_on="Homelessness in Basildon")
    enrolment = Enrolment.objects.get(person=world.alumnus_person)
    return Certificate.objects.create(
        enrolment=enrolment, code="CG-ALEX-0001", issued_on=timezone.localdate()
    )


def test_recording_a_request_leads_to_a_check_page_of_what_is_erased_and_kept(
    world: World,
) -> None:
    _alumnus_records(world)
    erasure = _request(world)
    assert erasure.recorded_by == world.users["staff"]
    page = world.client("staff").get(reverse("privacy:erasure", args=[erasure.pk])).content
    text = page.decode()
    assert "Check before you erase this person" in text
    assert "Alumni profile" in text and "Erased" in text
    assert "Completion certificates" in text and "Kept: anyone the person showed" in text
    assert "Places in cohorts" in text and "Kept without the person" in text
    assert Person.objects.get(pk=world.alumnus_person.pk).first_name == "Alex"


def test_a_request_with_a_future_date_is_refused_and_nothing_is_recorded(world: World) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = world.client("staff").post(
        reverse("privacy:erasure_new", args=[world.alumnus_person.pk]),
        {"received_on": tomorrow.isoformat(), "how": "Email"},
    )
    assert response.status_code == 400
    assert "must be in the past" in response.content.decode()
    assert ErasureRequest.objects.count() == 0


def test_erasing_removes_the_name_and_records_what_was_kept_and_why(world: World) -> None:
    certificate = _alumnus_records(world)
    erasure = _request(world)
    client = world.client("staff")
    response = client.post(reverse("privacy:erasure", args=[erasure.pk]), {"confirm": "yes"})
    assert response.status_code == 302

    person = Person.objects.get(pk=world.alumnus_person.pk)
    assert (person.name, person.email) == (
        f"Erased person {person.pk}",
        f"erased-{person.pk}@erased.invalid",
    )
    assert not Profile.objects.filter(person=person).exists()
    assert not CalendarFeed.objects.filter(person=person).exists()
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    assert Enrolment.objects.get(person=person).status == EnrolmentStatus.COMPLETED

    erasure.refresh_from_db()
    assert erasure.erased_by == world.users["staff"] and erasure.erased_at is not None
    kept = {step["kind"]: step["outcome"] for step in erasure.outcome}
    assert kept["Alumni profile"] == "Erased"
    assert kept["Completion certificates"].startswith("Kept: anyone the person showed")
    assert AuditEntry.objects.filter(action="privacy.erasure.carried_out").exists()
    page = client.get(response["Location"]).content.decode()
    assert "What was erased, and what was kept and why" in page
    assert "Alex Alumnus" not in page


def test_the_erased_person_can_no_longer_sign_in(world: World) -> None:
    erasure = _request(world)
    signed_in = world.client("alumnus")
    world.client("staff").post(reverse("privacy:erasure", args=[erasure.pk]), {"confirm": "yes"})
    assert not Client().login(email="alex.alumnus@example.org", password=PASSWORD)
    assert not Client().login(email="alumnus@example.org", password=PASSWORD)
    # A session opened before the erasure no longer signs them in either.
    assert signed_in.get(reverse("home")).status_code == 302


def test_a_carried_out_request_is_not_carried_out_twice(world: World) -> None:
    erasure = _request(world)
    url = reverse("privacy:erasure", args=[erasure.pk])
    client = world.client("staff")
    client.post(url, {"confirm": "yes"})
    first = ErasureRequest.objects.get().outcome
    client.post(url, {"confirm": "yes"})
    assert ErasureRequest.objects.get().outcome == first
    assert AuditEntry.objects.filter(action="privacy.erasure.carried_out").count() == 1


def test_an_empty_request_names_each_thing_missing(world: World) -> None:
    url = reverse("privacy:erasure_new", args=[world.participant_person.pk])
    page = world.client("staff").post(url, {})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Enter the date the request was received" in text
    assert "Say how the request was made" in text
