"""Background work for recruitment: its emails and the scheduled housekeeping.

Each task takes ids and plain values and loads what it needs, so it can run in another process
(`db_worker`).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django_tasks import task

from commonground.lib import emails

from . import services

# A record named in an email's context travels as [app label.model name, primary key].
RecordRef = list[Any]


@task()
def send_email(
    name: str, to: list[str], values: dict[str, Any], records: dict[str, RecordRef]
) -> bool:
    """Send one recruitment email; nothing is sent when a record it names has since gone."""
    context = dict(values)
    for key, (label, pk) in records.items():
        found = apps.get_model(label)._default_manager.filter(pk=pk).first()
        if found is None:
            return False
        context[key] = found
    emails.send(name, to, context)
    return True


@task()
def housekeeping() -> dict[str, int]:
    """Sponsor reminders, expired offers (promoting the next), and anonymisation."""
    return services.housekeeping()
