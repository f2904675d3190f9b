"""Background work for recruitment: its emails and the scheduled housekeeping.

Each task takes ids and plain values and loads what it needs, so it can run in another process
(`db_worker`).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django_tasks import task

from commonground.directory.models import Organisation
from commonground.lib import emails

from . import services
from .models import Round

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
def start_by_email(round_id: int, applicant: dict[str, Any]) -> bool:
    """Start a signed-out visitor's application and send the email that says what follows."""
    application_round = Round.objects.filter(pk=round_id).first()
    organisation = Organisation.objects.filter(pk=applicant["organisation"]).first()
    if application_round is None:
        return False
    try:
        services.apply_by_email(
            application_round, services.Applicant(**applicant | {"organisation": organisation})
        )
    except ValidationError:
        return False  # the round closed, or the organisation left it, since the form was checked
    return True


@task()
def housekeeping() -> dict[str, int]:
    """Sponsor reminders, expired offers (promoting the next), and anonymisation."""
    return services.housekeeping()
