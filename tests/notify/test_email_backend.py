"""Emails through GOV.UK Notify: each by its template, retried through rate limits and outages,
refused addresses recorded against the person, calendar invitations kept as attachments."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from pytest_django.fixtures import Settings

from commonground.audit.models import AuditEntry
from commonground.notify import client
from commonground.notify.client import NotifyError
from commonground.notify.models import DeliveryFailure, FailureStatus
from commonground.programmes.tasks import send_invitations, send_reminder
from tests.conftest import World
from tests.notify.conftest import GENERIC_TEMPLATE, REMINDER_TEMPLATE
from tests.notify.fake_notify import SERVICE_ID, FakeNotify

EMAIL = "/v2/notifications/email"


def _plain_email(to: list[str]) -> int:
    return EmailMessage("Your sign-in link", "Follow the link to sign in.", to=to).send()


def test_an_activity_reminder_goes_to_notify_by_its_own_template_with_its_words(
    world: World, notify: FakeNotify
) -> None:
    assert send_reminder(world.activity.pk) == 1
    [request] = notify.received
    assert request.path == EMAIL
    assert request.authorised and request.issuer == SERVICE_ID
    assert request.body["email_address"] == world.participant_person.email
    assert request.body["template_id"] == REMINDER_TEMPLATE
    assert request.body["reference"] == "activity-reminder"
    personalisation = request.body["personalisation"]
    assert personalisation["subject"].startswith(f"Reminder: {world.activity.title}")
    assert world.activity.title in personalisation["body"]
    assert mail.outbox == []


def test_an_email_with_no_template_of_its_own_goes_by_the_generic_one(
    notify: FakeNotify,
) -> None:
    assert _plain_email(["Ann Example <ann@example.org>"]) == 1
    [request] = notify.received
    assert request.body["template_id"] == GENERIC_TEMPLATE
    assert request.body["email_address"] == "ann@example.org"
    assert request.body["personalisation"] == {
        "subject": "Your sign-in link",
        "body": "Follow the link to sign in.",
    }
    assert "reference" not in request.body


def test_each_recipient_gets_a_notification_of_their_own(notify: FakeNotify) -> None:
    message = EmailMessage("Notes", "The notes.", to=["ann@example.org"], cc=["bo@example.org"])
    assert message.send() == 1
    assert [r.body["email_address"] for r in notify.received] == [
        "ann@example.org",
        "bo@example.org",
    ]


def test_a_rate_limit_is_waited_out_with_the_configured_waits_and_the_email_goes(
    notify: FakeNotify, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(client, "sleep", waits.append)
    settings.NOTIFY_RETRY_DELAYS = [1.0, 5.0]
    notify.script = [429, 429]
    assert _plain_email(["ann@example.org"]) == 1
    assert len(notify.received) == 3
    assert waits == [1.0, 5.0]


def test_an_outage_that_outlasts_the_retries_fails_loudly(notify: FakeNotify) -> None:
    notify.script = [500, 500, 500]
    with pytest.raises(NotifyError, match=r"GOV\.UK Notify answered 500: Internal server error"):
        _plain_email(["ann@example.org"])
    assert len(notify.received) == 3
    assert not DeliveryFailure.objects.exists()


def test_a_quiet_connection_reports_an_outage_as_nothing_sent(notify: FakeNotify) -> None:
    notify.script = [500, 500, 500]
    message = EmailMessage("Notes", "The notes.", to=["ann@example.org"])
    assert get_connection(fail_silently=True).send_messages([message]) == 0


def test_a_refused_address_is_recorded_against_the_person_and_not_retried(
    world: World, notify: FakeNotify
) -> None:
    notify.script = [400]
    assert send_reminder(world.activity.pk) == 1
    assert len(notify.received) == 1
    failure = DeliveryFailure.objects.get()
    assert failure.person == world.participant_person
    assert failure.status == FailureStatus.REFUSED
    assert failure.email_type == "activity-reminder"
    assert failure.detail == "email_address Not a valid email address"
    assert AuditEntry.objects.filter(action="notify.delivery_failure.recorded").count() == 1


def test_a_wrong_api_key_fails_loudly_at_once(notify: FakeNotify, settings: Settings) -> None:
    settings.NOTIFY_API_KEY = f"commonground_test-{SERVICE_ID}-{'0' * 8}-0000-4000-8000-{'0' * 12}"
    with pytest.raises(NotifyError, match="403: Invalid token: API key not found"):
        _plain_email(["ann@example.org"])
    assert len(notify.received) == 1
    assert not notify.received[0].authorised
    assert not DeliveryFailure.objects.exists()


def test_a_calendar_invitation_keeps_its_attachment_and_does_not_go_through_notify(
    world: World, notify: FakeNotify
) -> None:
    assert send_invitations.call(world.activity.pk) == 1
    assert notify.received == []
    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == [world.participant_person.email]
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("invite.ics", "application/ics")
    assert b"METHOD:REQUEST" in content
    # The calendar itself rides as a text/calendar part beside the text, as Outlook reads it.
    assert any(kind.startswith("text/calendar") for _, kind in message.alternatives)


def test_with_no_template_the_backend_names_the_setting_to_set(
    notify: FakeNotify, settings: Settings
) -> None:
    settings.NOTIFY_GENERIC_TEMPLATE_ID = ""
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_GENERIC_TEMPLATE_ID"):
        _plain_email(["ann@example.org"])
    assert notify.received == []


def test_with_no_api_key_the_backend_names_the_setting_to_set(
    notify: FakeNotify, settings: Settings
) -> None:
    settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        _plain_email(["ann@example.org"])
