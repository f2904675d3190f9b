"""Cancelling, restoring, inviting and messaging go through the check page: nothing is sent until
it is confirmed, and each is recorded in the activity's history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.programmes.calendar import cancel_activity
from commonground.programmes.models import Activity, CohortMessage
from tests.conftest import World


def _url(name: str, world: World) -> str:
    return reverse(f"programmes:{name}", args=[world.activity.pk])


def test_cancelling_shows_who_is_told_and_the_email_before_anything_happens(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    with django_capture_on_commit_callbacks(execute=True):
        for response in (
            client.get(_url("activity_cancel", world)),
            client.post(_url("activity_cancel", world)),
        ):
            page = response.content.decode()
            assert response.status_code == 200
            assert "Check before you cancel the activity" in page
            assert "Cancellation: 1 person" in page and "Pat Participant" in page
            assert "Cancelled: Leading in complexity" in page  # the email's subject
            assert "is cancelled." in page  # and its text
    world.activity.refresh_from_db()
    assert not world.activity.is_cancelled
    assert not mail.outbox
    assert not AuditEntry.objects.filter(action="programmes.activity.cancelled").exists()


def test_confirming_cancels_tells_participants_and_records_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("activity_cancel", world), {"confirm": "yes"}, follow=True)
    assert "Leading in complexity is cancelled." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    world.activity.refresh_from_db()
    assert world.activity.is_cancelled
    entry = AuditEntry.objects.get(action="programmes.activity.cancelled")
    assert entry.actor == world.users["staff"]
    page = response.content.decode()
    assert "Restore the activity" in page and "Cancel the activity" not in page


def test_a_cancelled_activity_is_restored_after_a_check_and_participants_told_it_is_back_on(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        cancel_activity(world.activity, by=world.users["staff"])
    mail.outbox.clear()
    client = world.client("staff")
    check = client.get(_url("activity_restore", world)).content.decode()
    assert "Check before you restore the activity" in check
    assert "Back on: 1 person" in check and "Pat Participant" in check
    assert "Back on: Leading in complexity" in check
    assert not mail.outbox
    world.activity.refresh_from_db()
    assert world.activity.is_cancelled

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("activity_restore", world), {"confirm": "yes"}, follow=True)
    assert "Leading in complexity is back on." in response.content.decode()
    world.activity.refresh_from_db()
    assert not world.activity.is_cancelled
    day = timezone.localtime(world.activity.starts_at)
    assert [message.subject for message in mail.outbox] == [
        f"Back on: Leading in complexity on {day.day} {day:%B %Y}"
    ]
    calendar = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == world.activity.sequence
    entry = AuditEntry.objects.get(action="programmes.activity.restored")
    assert entry.actor == world.users["staff"] and entry.changes["cancelled_at"][1] is None


def test_restoring_a_past_activity_emails_no_one(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.activity.starts_at = timezone.now() - dt.timedelta(days=3)
    world.activity.ends_at = world.activity.starts_at + dt.timedelta(hours=3)
    world.activity.cancelled_at = timezone.now() - dt.timedelta(days=4)
    world.activity.save()
    client = world.client("staff")
    assert "No one is emailed: the activity has already taken place." in (
        client.get(_url("activity_restore", world)).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("activity_restore", world), {"confirm": "yes"})
    world.activity.refresh_from_db()
    assert not world.activity.is_cancelled and not mail.outbox


def test_an_activity_that_is_not_cancelled_has_nothing_to_restore(world: World) -> None:
    client = world.client("staff")
    page = client.get(_url("activity_restore", world)).content.decode()
    assert "Leading in complexity is not cancelled." in page and 'name="confirm"' not in page
    client.post(_url("activity_restore", world), {"confirm": "yes"})
    assert not AuditEntry.objects.filter(action="programmes.activity.restored").exists()


def test_invitations_are_sent_only_once_confirmed_and_are_recorded(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(_url("activity_invite", world)).content.decode()
        client.post(_url("activity_invite", world))
    assert "Check before you send the invitations" in page
    assert "Invitation: 1 person" in page and "Pat Participant" in page
    assert "You are invited to Leading in complexity" in page
    assert "Send 1 invitation" in page
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("activity_invite", world), {"confirm": "yes"}, follow=True)
    assert "are being sent to 1 participant" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    entry = AuditEntry.objects.get(action="programmes.activity.invited")
    assert entry.changes == {"invited": [None, 1]} and entry.actor == world.users["staff"]


def test_a_cancelled_activity_offers_no_invitations(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.activity.cancelled_at = timezone.now()
    world.activity.save()
    client = world.client("staff")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(_url("activity_invite", world)).content.decode()
        client.post(_url("activity_invite", world), {"confirm": "yes"})
    assert "nothing to invite anyone to" in page and 'name="confirm"' not in page
    assert not mail.outbox


MESSAGE = {
    "subject": "Venue change",
    "body": "We meet at Brentwood.\nBring lunch.",
    "audience": "all",
}


def test_a_message_is_checked_with_its_recipients_and_text_before_it_is_sent(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    url = reverse("programmes:cohort_messages", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, MESSAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check before you send the message" in page
    assert "The message: 1 person" in page and "Pat Participant" in page
    assert "Venue change" in page and "We meet at Brentwood." in page
    assert "Send the message to 1 person" in page
    # What was written is posted again by the check page's button.
    assert '<input type="hidden" name="subject" value="Venue change">' in page
    assert not CohortMessage.objects.exists() and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {**MESSAGE, "confirm": "yes"}, follow=True)
    assert "Your message “Venue change” is being sent to 1 person." in sent.content.decode()
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    assert "Bring lunch." in mail.outbox[0].body
    message = CohortMessage.objects.get()
    assert AuditEntry.objects.filter(
        action="programmes.cohortmessage.created", object_id=str(message.pk)
    ).exists()


def test_a_message_with_nothing_in_it_is_sent_back_with_its_errors(world: World) -> None:
    url = reverse("programmes:cohort_messages", args=[world.cohort.pk])
    response = world.client("staff").post(url, {"audience": "all", "confirm": "yes"})
    assert response.status_code == 400
    assert "Enter the message&#x27;s subject." in response.content.decode()
    assert not CohortMessage.objects.exists()


def test_staff_are_offered_cancel_and_invite_as_links_to_the_check(world: World) -> None:
    page = world.client("staff").get(_url("activity", world)).content.decode()
    assert f'href="{_url("activity_cancel", world)}"' in page
    assert f'href="{_url("activity_invite", world)}"' in page
    assert "Restore the activity" not in page
    assert Activity.objects.get(pk=world.activity.pk).cancelled_at is None
