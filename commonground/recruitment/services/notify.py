"""Recruitment's emails: each leaves as a background task once the change behind it is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from commonground.programmes.models import ProgrammeRole, Role

from .. import tasks
from ..models import Application, Round


def when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y at %-I:%M%p").replace(":00", "")


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def sign_in_url() -> str:
    return site_url(reverse("account_login"))


def mail(name: str, to: Sequence[str], context: Mapping[str, Any]) -> None:
    """Queue the email for after the commit; records in the context travel by their ids."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    values: dict[str, Any] = {}
    records: dict[str, list[Any]] = {}
    for key, value in context.items():
        if isinstance(value, models.Model):
            records[key] = [value._meta.label_lower, value.pk]
        else:
            values[key] = list(value) if isinstance(value, tuple) else value

    def enqueue() -> None:
        tasks.send_email.enqueue(name, recipients, values, records)

    transaction.on_commit(enqueue)


def staff_emails(application_round: Round) -> list[str]:
    return sorted(
        ProgrammeRole.objects.filter(
            programme_id=application_round.cohort.programme_id, role=Role.STAFF
        ).values_list("user__email", flat=True)
    )


def tell_context(application: Application, **extra: Any) -> dict[str, Any]:
    """What an email about their application says to the applicant (also shown on check pages)."""
    person = application.person
    return {
        "name": person.first_name if person else "",
        "application": application,
        "round": application.round,
        "link": site_url(application.get_absolute_url()),
        **extra,
    }


def tell(application: Application, template: str, **extra: Any) -> None:
    person = application.person
    if person is None:
        return
    mail(template, [person.email], tell_context(application, **extra))
