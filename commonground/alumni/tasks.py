"""Background work of the alumni network: event invitations and the weekly email.

Each task takes ids and loads what it needs, so it can run in another process (`db_worker`).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from commonground.lib import emails
from commonground.lib.emails import Attachment
from commonground.programmes.calendar import invitation
from commonground.programmes.tasks import ICS

from . import digest
from .events import entry, invited
from .models import AlumniEvent


@task()
def send_event_invitations(event_id: int) -> int:
    """Email everyone invited the event with its calendar file (or its cancellation)."""
    event = AlumniEvent.objects.select_related("programme").filter(pk=event_id).first()
    if event is None:
        return 0
    item = entry(event)
    method = "CANCEL" if event.is_cancelled else "REQUEST"
    sent = 0
    for person in invited(event):
        emails.send(
            "alumni-event-cancelled" if event.is_cancelled else "alumni-event-invitation",
            [person.email],
            {"person": person, "event": event, "url": item.url},
            [Attachment("invite.ics", invitation(item, person), ICS.format(method=method))],
        )
        sent += 1
    if not event.is_cancelled:
        AlumniEvent.objects.filter(pk=event.pk).update(invitations_sent_at=timezone.now())
    return sent


@task()
def send_weekly_digest() -> int:
    """The scheduled weekly email, as a task; returns how many emails went."""
    return digest.send_weekly()
