"""Notify's delivery receipts: a failure is stored against the person it was for, once, and
only a request carrying the configured token is believed."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.notify.models import Channel, DeliveryFailure, FailureStatus, TextReminderChoice
from tests.conftest import World

URL = reverse("notify:delivery_receipt")
TOKEN = "a-long-random-callback-token-of-our-own"


@pytest.fixture(autouse=True)
def _token(settings: Settings) -> None:
    settings.NOTIFY_CALLBACK_TOKEN = TOKEN


def _receipt(to: str, status: str, **more: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "reference": "activity-invitation",
        "to": to,
        "status": status,
        "created_at": "2026-11-02T09:00:00.000000Z",
        "completed_at": "2026-11-02T09:00:05.000000Z",
        "sent_at": "2026-11-02T09:00:01.000000Z",
        "notification_type": "email",
        **more,
    }


def _post(receipt: Any, token: str = TOKEN) -> Any:
    return Client().post(
        URL,
        json.dumps(receipt),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_permanent_failure_is_stored_against_the_person_with_that_address(
    world: World,
) -> None:
    receipt = _receipt(world.participant_person.email.upper(), "permanent-failure")
    assert _post(receipt).status_code == 204
    failure = DeliveryFailure.objects.get()
    assert failure.person == world.participant_person
    assert failure.status == FailureStatus.PERMANENT
    assert failure.email_type == "activity-invitation"
    assert failure.notification_id == receipt["id"]
    assert failure.failed_at == dt.datetime(2026, 11, 2, 9, 0, 5, tzinfo=dt.UTC)


def test_a_failure_for_an_address_in_no_record_is_kept_without_a_person(db: None) -> None:
    assert _post(_receipt("nobody@example.org", "temporary-failure")).status_code == 204
    failure = DeliveryFailure.objects.get()
    assert failure.person is None
    assert failure.address == "nobody@example.org"


def test_a_delivered_message_leaves_nothing_to_record(world: World) -> None:
    assert _post(_receipt(world.participant_person.email, "delivered")).status_code == 204
    assert not DeliveryFailure.objects.exists()


def test_a_receipt_sent_twice_is_stored_once(world: World) -> None:
    receipt = _receipt(world.participant_person.email, "technical-failure")
    assert _post(receipt).status_code == 204
    assert _post(receipt).status_code == 204
    assert DeliveryFailure.objects.count() == 1


def test_a_failed_text_is_matched_to_the_person_by_their_mobile(world: World) -> None:
    TextReminderChoice.objects.create(person=world.participant_person, mobile="+447700900982")
    receipt = _receipt("+447700900982", "permanent-failure", notification_type="sms")
    assert _post(receipt).status_code == 204
    failure = DeliveryFailure.objects.get()
    assert (failure.person, failure.channel) == (world.participant_person, Channel.SMS)


def test_a_wrong_token_is_refused_and_nothing_is_stored(world: World) -> None:
    response = _post(_receipt(world.participant_person.email, "permanent-failure"), "guess")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert not DeliveryFailure.objects.exists()


def test_without_a_configured_token_the_address_does_not_exist(
    world: World, settings: Settings
) -> None:
    settings.NOTIFY_CALLBACK_TOKEN = ""
    response = _post(_receipt(world.participant_person.email, "permanent-failure"), "")
    assert response.status_code == 404
    assert not DeliveryFailure.objects.exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("not json", "Not a delivery receipt"),
        (json.dumps(["a", "list"]), "the body is not a JSON object"),
        (json.dumps({"id": "1", "to": "a@example.org"}), "the receipt has no 'status'"),
    ],
)
def test_a_body_that_is_not_a_receipt_is_refused_saying_why(db: None, body: str, says: str) -> None:
    response = Client().post(
        URL, body, content_type="application/json", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400
    assert says in response.json()["error"]
    assert not DeliveryFailure.objects.exists()
