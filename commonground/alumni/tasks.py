"""Background work of the alumni network: event invitations and the weekly email.

Each task takes ids and loads what it needs, so it can run in another process (`db_worker`).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from commonground.lib import emails
from commonground.programmes.calendar import calendar_message

from . import digest
from .events import entry, invited
from .models import AlumniEvent


def invitation_email(event: AlumniEvent) -> str:
    """The email everyone invited is sent: the cancellation, that the event changed since they
    were invited, or the invitation."""
    if event.is_cancelled:
        return "alumni-event-cancelled"
    return "alumni-event-changed" if event.calendars_out_of_date else "alumni-event-invitation"


@task()
def send_event_invitations(event_id: int) -> int:
    """Email everyone invited the event for their calendars, its latest version (or its
    cancellation)."""
    event = AlumniEvent.objects.select_related("programme").filter(pk=event_id).first()
    if event is None:
        return 0
    item = entry(event)
    name = invitation_email(event)
    sent = 0
    for person in invited(event):
        emails.send(
            name,
            [person.email],
            {"person": person, "event": event, "url": item.url},
            calendar=calendar_message(item, person),
        )
        sent += 1
    if event.is_cancelled:
        AlumniEvent.objects.filter(pk=event.pk).update(invited_sequence=event.sequence)
    else:
        AlumniEvent.objects.filter(pk=event.pk).update(
            invitations_sent_at=timezone.now(), invited_sequence=event.sequence
        )
    return sent


@task()
def send_weekly_digest() -> int:
    """The scheduled weekly email, as a task; returns how many emails went."""
    return digest.send_weekly()
