"""Emailed invitations that calendar applications act on: a request, its updates and its
cancellation are one event (the same UID) with a rising SEQUENCE, sent through the real email
path and read by two independent calendar parsers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.programmes import feeds
from tests.conftest import World
from tests.programmes.itip import CalendarPart, calendar_part, change_activity, read

ORGANISER = "Leading Greater Essex <programme@lge.example.org>"
MEETING = "https://teams.example.org/l/meetup-join/19%3ameeting"


def _send(world: World, capture: Any, action: str) -> list[CalendarPart]:
    """Confirm ACTION's check page and read the calendar in each email it sends."""
    mail.outbox.clear()
    with capture(execute=True):
        response = world.client("staff").post(
            reverse(f"programmes:activity_{action}", args=[world.activity.pk]), {"confirm": "yes"}
        )
    assert response.status_code == 302
    world.activity.refresh_from_db()
    return [calendar_part(message) for message in mail.outbox]


def test_an_invitation_is_a_request_from_the_programme_to_the_participant(
    world: World, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = ORGANISER
    before = timezone.now().replace(microsecond=0)
    [sent] = _send(world, django_capture_on_commit_callbacks, "invite")
    assert (sent.content_type, sent.method, sent.charset) == ("text/calendar", "REQUEST", "utf-8")
    assert sent.attachment_type == "application/ics"
    event = sent.event
    assert event.method == "REQUEST"
    assert event.uid == f"activity-{world.activity.pk}@127.0.0.1"
    assert event.organizer == "mailto:programme@lge.example.org"
    assert event.organizer_name == "Leading Greater Essex"
    assert event.attendees == [
        {
            "value": "mailto:pat.participant@example.org",
            "CN": "Pat Participant",
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "FALSE",
        }
    ]
    assert before <= event.stamp <= timezone.now()
    assert (event.status, event.location) == ("CONFIRMED", "County Hall, Chelmsford")


def test_a_changed_place_is_sent_as_an_update_then_the_cancellation_as_a_later_version(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    [invited] = _send(world, capture, "invite")
    changed = change_activity(world, place="Essex Police HQ, Chelmsford")
    update_url = reverse("programmes:activity_invite", args=[world.activity.pk])
    assert changed.status_code == 302 and changed["Location"] == update_url
    check = world.client("staff").get(update_url).content.decode()
    assert "Check before you send the update" in check
    assert "Pat Participant" in check and "Send 1 update" in check
    [update] = _send(world, capture, "invite")
    assert mail.outbox[0].subject.startswith("Changed: Leading in complexity")
    [cancellation] = _send(world, capture, "cancel")
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    [restored] = _send(world, capture, "restore")
    versions = [invited, update, cancellation, restored]
    assert [sent.method for sent in versions] == ["REQUEST", "REQUEST", "CANCEL", "REQUEST"]
    assert [sent.event.method for sent in versions] == ["REQUEST", "REQUEST", "CANCEL", "REQUEST"]
    assert len({sent.event.uid for sent in versions}) == 1
    sequences = [sent.event.sequence for sent in versions]
    assert sequences == sorted(set(sequences)), "each version is strictly later"
    assert update.event.location == "Essex Police HQ, Chelmsford"
    assert cancellation.event.status == "CANCELLED"
    assert cancellation.event.attendees[0]["value"] == "mailto:pat.participant@example.org"
    assert restored.event.status == "CONFIRMED"


def test_a_change_calendars_do_not_show_is_no_new_version_and_offers_no_update(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _send(world, django_capture_on_commit_callbacks, "invite")
    sequence = world.activity.sequence
    response = change_activity(world, counts_towards_completion="")
    assert response["Location"] == world.activity.get_absolute_url()
    world.activity.refresh_from_db()
    assert not world.activity.counts_towards_completion
    assert world.activity.sequence == sequence
    page = world.client("staff").get(world.activity.get_absolute_url()).content.decode()
    assert "Email invitations again" in page and "Email the update" not in page


def test_the_feed_asks_to_be_fetched_hourly_and_carries_each_events_version(
    world: World,
) -> None:
    change_activity(world, title="Leading in complexity, part one")
    token = feeds.issue(world.participant_person, None)
    feed = world.client("anonymous").get(reverse("programmes:calendar_feed", args=[token]))
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in feed.content
    [event] = read(feed.content)
    assert event.refresh == ["REFRESH-INTERVAL:PT1H", "X-PUBLISHED-TTL:PT1H"]
    assert (event.summary, event.sequence) == ("Leading in complexity, part one", 1)


def test_an_online_activity_carries_its_meeting_link_in_the_event(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    assert change_activity(world, place="", online_link=MEETING).status_code == 302
    page = world.client("participant").get(world.activity.get_absolute_url()).content.decode()
    assert f'href="{MEETING}"' in page
    [sent] = _send(world, django_capture_on_commit_callbacks, "invite")
    event = sent.event
    assert event.location == "Online"
    assert event.url == MEETING
    assert f"Join online: {MEETING}" in event.description
    assert event.conference == [
        {"value": MEETING, "VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Join online"}
    ]


def test_a_meeting_link_must_be_a_secure_web_address(world: World) -> None:
    response = change_activity(world, online_link="http://meet.example.org/abc")
    assert response.status_code == 400
    assert "Enter the online link as a web address starting https://" in response.content.decode()
    world.activity.refresh_from_db()
    assert world.activity.online_link == "" and world.activity.sequence == 0


def test_an_activity_that_is_over_is_offered_no_update(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _send(world, django_capture_on_commit_callbacks, "invite")
    hours = world.activity.ends_at - world.activity.starts_at
    yesterday = timezone.localtime(world.activity.starts_at - timedelta(days=8))
    response = change_activity(
        world,
        starts_at=yesterday.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(yesterday + hours).strftime("%Y-%m-%dT%H:%M"),
    )
    assert response["Location"] == world.activity.get_absolute_url()
    world.activity.refresh_from_db()
    assert world.activity.sequence == 1 and not world.activity.calendars_out_of_date
    page = world.client("staff").get(world.activity.get_absolute_url()).content.decode()
    assert "Email the update" not in page
