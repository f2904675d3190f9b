"""An alumni event changed after its invitations went: staff are offered the update, which
reaches calendars as the same event with a higher SEQUENCE, as its cancellation does later."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.alumni.models import AlumniEvent
from tests.alumni.helpers import network
from tests.conftest import World
from tests.programmes.itip import CalendarPart, calendar_part

MEETING = "https://meet.example.org/alumni-reunion"


def _form(found: AlumniEvent, **changes: str) -> dict[str, str]:
    return {
        "kind": found.kind,
        "title": found.title,
        "description": found.description,
        "starts_at": timezone.localtime(found.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(found.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": found.place,
        "online_link": found.online_link,
        "capacity": str(found.capacity or ""),
        **changes,
    }


def _confirm(world: World, capture: Any, name: str, found: AlumniEvent) -> CalendarPart:
    mail.outbox.clear()
    with capture(execute=True):
        world.client("staff").post(reverse(name, args=[found.pk]), {"confirm": "yes"})
    [email] = mail.outbox
    assert email.to == ["alex.alumnus@example.org"]
    return calendar_part(email)


def test_a_changed_event_is_sent_as_an_update_then_cancelled_as_a_later_version(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    found = network(world).event
    invited = _confirm(world, capture, "alumni:event_invite", found)
    edit = reverse("alumni:event_edit", args=[found.pk])
    changed = world.client("staff").post(edit, _form(found, online_link=MEETING))
    invite = reverse("alumni:event_invite", args=[found.pk])
    assert changed.status_code == 302 and changed["Location"] == invite
    check = world.client("staff").get(invite).content.decode()
    assert "Check before you send the update" in check
    assert "Alex Alumnus (alex.alumnus@example.org)" in check
    update = _confirm(world, capture, "alumni:event_invite", found)
    assert mail.outbox[0].subject.startswith("Changed: Alumni reunion")
    cancellation = _confirm(world, capture, "alumni:event_cancel", found)
    versions = [invited, update, cancellation]
    assert [sent.method for sent in versions] == ["REQUEST", "REQUEST", "CANCEL"]
    assert len({sent.event.uid for sent in versions}) == 1
    assert invited.event.sequence < update.event.sequence < cancellation.event.sequence
    assert update.event.conference[0]["value"] == MEETING
    assert update.event.location == "The Old Court, Chelmsford"
    assert cancellation.event.status == "CANCELLED"


def test_a_change_calendars_do_not_show_is_saved_without_a_new_version(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    found = network(world).event
    _confirm(world, django_capture_on_commit_callbacks, "alumni:event_invite", found)
    found.refresh_from_db()
    edit = reverse("alumni:event_edit", args=[found.pk])
    response = world.client("staff").post(edit, _form(found, capacity="40"))
    assert response["Location"] == found.get_absolute_url()
    found.refresh_from_db()
    assert (found.capacity, found.sequence, found.calendars_out_of_date) == (40, 0, False)
