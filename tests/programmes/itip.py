"""Reading a sent invitation as mail clients and calendar applications do: the email's MIME
parts, and the calendar in it parsed by two independent parsers that must agree; and changing
an activity as staff do."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import icalendar
import vobject
from django.core.mail import EmailMessage as DjangoEmail
from django.urls import reverse
from django.utils import timezone

from commonground.programmes.models import Activity
from tests.conftest import World


@dataclass(frozen=True)
class Reading:
    """What one parser reads in a calendar with one event; both parsers must read the same."""

    method: str | None
    uid: str
    sequence: int
    status: str
    summary: str
    stamp: dt.datetime
    location: str | None
    url: str
    description: str
    organizer: str | None
    organizer_name: str | None
    attendees: list[dict[str, str]]
    conference: list[dict[str, str]]
    refresh: list[str]


def _params(params: Any) -> dict[str, str]:
    return {
        key.upper(): str(value[0] if isinstance(value, list) else value)
        for key, value in params.items()
    }


def by_icalendar(content: bytes) -> list[Reading]:
    calendar: Any = icalendar.Calendar.from_ical(content)
    refresh = [
        f"{name}:{calendar[name].to_ical().decode()}"
        for name in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL")
        if name in calendar
    ]
    readings = []
    for event in calendar.walk("VEVENT"):
        organizer = event.get("ORGANIZER")
        attendees = event.get("ATTENDEE", [])
        conferences = event.get("CONFERENCE", [])
        readings.append(
            Reading(
                method=str(calendar["METHOD"]) if "METHOD" in calendar else None,
                uid=str(event["UID"]),
                sequence=int(event["SEQUENCE"]),
                status=str(event["STATUS"]),
                summary=str(event["SUMMARY"]),
                stamp=event["DTSTAMP"].dt,
                location=str(event["LOCATION"]) if "LOCATION" in event else None,
                url=str(event["URL"]),
                description=str(event["DESCRIPTION"]),
                organizer=str(organizer) if organizer else None,
                organizer_name=str(organizer.params["CN"]) if organizer else None,
                attendees=[
                    {"value": str(a), **_params(a.params)}
                    for a in (attendees if isinstance(attendees, list) else [attendees])
                ],
                conference=[
                    {"value": str(c), **_params(c.params)}
                    for c in (conferences if isinstance(conferences, list) else [conferences])
                ],
                refresh=refresh,
            )
        )
    return readings


def by_vobject(content: bytes) -> list[Reading]:
    calendar = vobject.readOne(content.decode(), validate=True)
    contents = calendar.contents
    refresh = [
        f"{line.name}:{line.value}"
        for name in ("refresh-interval", "x-published-ttl")
        for line in contents.get(name, [])
    ]
    readings = []
    for event in calendar.vevent_list:
        lines = event.contents
        organizer = lines.get("organizer", [None])[0]
        readings.append(
            Reading(
                method=contents["method"][0].value if "method" in contents else None,
                uid=event.uid.value,
                sequence=int(event.sequence.value),
                status=event.status.value,
                summary=event.summary.value,
                stamp=event.dtstamp.value,
                location=event.location.value if "location" in lines else None,
                url=event.url.value,
                description=event.description.value,
                organizer=organizer.value if organizer else None,
                organizer_name=organizer.params["CN"][0] if organizer else None,
                attendees=[
                    {"value": line.value, **_params(line.params)}
                    for line in lines.get("attendee", [])
                ],
                conference=[
                    {"value": line.value, **_params(line.params)}
                    for line in lines.get("conference", [])
                ],
                refresh=refresh,
            )
        )
    return readings


def read(content: bytes) -> list[Reading]:
    """The events in the calendar, as both parsers read them alike."""
    first, second = by_icalendar(content), by_vobject(content)
    assert first == second
    return first


@dataclass(frozen=True)
class CalendarPart:
    content_type: str
    method: str | None
    charset: str | None
    content: bytes
    attachment_type: str
    event: Reading


def calendar_part(message: DjangoEmail) -> CalendarPart:
    """The calendar an email carries, from the message as it goes on the wire: the text/calendar
    alternative to the text and HTML, and the same file attached as invite.ics."""
    wire = message.message().as_bytes()
    parsed = email.message_from_bytes(wire, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    [alternative] = [p for p in parsed.walk() if p.get_content_type() == "multipart/alternative"]
    parts = {p.get_content_type(): p for p in alternative.iter_parts()}
    assert list(parts) == ["text/plain", "text/html", "text/calendar"]
    part = parts["text/calendar"]
    content = part.get_content().encode()
    [attachment] = [p for p in parsed.iter_attachments() if p.get_filename() == "invite.ics"]
    assert attachment.get_content().replace(b"\r\n", b"\n") == content.replace(b"\r\n", b"\n")
    [event] = read(content)
    method = part.get_param("method")
    assert method is None or isinstance(method, str)
    return CalendarPart(
        content_type=part.get_content_type(),
        method=method,
        charset=part.get_content_charset(),
        content=content,
        attachment_type=attachment.get_content_type(),
        event=event,
    )


def _form(activity: Activity, **changes: str) -> dict[str, Any]:
    return {
        "kind": activity.kind,
        "title": activity.title,
        "starts_at": timezone.localtime(activity.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(activity.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": activity.place,
        "online_link": activity.online_link,
        "counts_towards_completion": "on" if activity.counts_towards_completion else "",
        **changes,
    }


def change_activity(world: World, **changes: str) -> Any:
    """Staff change the world's activity on its form; the response."""
    url = reverse("programmes:activity_edit", args=[world.activity.pk])
    return world.client("staff").post(url, _form(world.activity, **changes))
