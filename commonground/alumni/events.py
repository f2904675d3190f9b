"""Who an alumni event is for, and the event as calendar applications see it.

The calendar files are written by programmes' calendar module, as for a cohort's activities, so
an alumni reunion reads the same in a calendar as a learning day.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from commonground.directory.models import Person
from commonground.programmes.calendar import Entry
from commonground.programmes.models import EnrolmentStatus

from .models import AlumniEvent, RsvpStatus

# Past events stay in a feed this long, so last month's reunion is still in the calendar.
FEED_PAST = dt.timedelta(days=90)


def invited(event: AlumniEvent) -> list[Person]:
    """The programme's alumni with an email address, and their sponsors for an event that invites
    them, each once, by name."""
    completed = Q(
        enrolments__cohort__programme_id=event.programme_id,
        enrolments__status=EnrolmentStatus.COMPLETED,
    )
    wanted = completed
    if event.with_sponsors:
        wanted |= Q(
            sponsored_enrolments__cohort__programme_id=event.programme_id,
            sponsored_enrolments__status=EnrolmentStatus.COMPLETED,
        )
    return list(
        Person.objects.filter(wanted)
        .exclude(email="")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def entry(event: AlumniEvent) -> Entry:
    """The event for calendar files: its invitation, its download and people's feeds."""
    host = urlparse(settings.SITE_URL).hostname or "localhost"
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    lines = [f"{event.get_kind_display()} for alumni of {event.programme.name}."]
    if event.online_link:
        lines.append(f"Join online: {event.online_link}")
    if event.is_cancelled:
        lines.append("This event is cancelled.")
    lines.append(f"Details: {url}")
    return Entry(
        uid=f"alumni-event-{event.pk}@{host}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        sequence=event.sequence,
        updated_at=event.updated_at,
        cancelled=event.is_cancelled,
        location=event.place or ("Online" if event.online_link else ""),
        url=url,
        description="\n".join(lines),
        meeting_link=event.online_link,
    )


def feed_entries(person_id: int) -> list[Entry]:
    """The alumni events this person said they are coming to, or wait for, in their feed."""
    since = timezone.now() - FEED_PAST
    events = AlumniEvent.objects.filter(
        rsvps__person_id=person_id,
        rsvps__status__in=(RsvpStatus.GOING, RsvpStatus.WAITING),
        ends_at__gte=since,
    ).select_related("programme")
    return [entry(event) for event in events.order_by("starts_at", "pk")]
