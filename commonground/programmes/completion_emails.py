"""The email each participant gets when their completion is confirmed: the check page shows it
before, and a background task sends it once the completions are saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from commonground.directory.models import Person
from commonground.lib import emails

from .models import Enrolment, EnrolmentStatus

TEMPLATE = "completion-confirmed"


def completion_email(enrolment: Enrolment, completed_on: dt.date) -> dict[str, Any]:
    """The email's context for one participant (needs the cohort and its programme loaded)."""
    return {
        "person": enrolment.person,
        "cohort": enrolment.cohort,
        "completed_on": completed_on,
        "certificate_url": settings.SITE_URL
        + reverse("programmes:certificate_pdf", args=[enrolment.pk]),
    }


def recipient(person: Person) -> str:
    """How a recipient is named on a check page: their name and address."""
    return f"{person.name} <{person.email}>" if person.email else person.name


@task()
def send_completion_emails(enrolment_ids: Sequence[int]) -> int:
    """Email each participant whose completion stands, with the link to their certificate."""
    sent = 0
    for enrolment in (
        Enrolment.objects.filter(
            pk__in=list(enrolment_ids),
            status=EnrolmentStatus.COMPLETED,
            certificate__isnull=False,
        )
        .exclude(person__email="")
        .select_related("person", "cohort__programme")
        .order_by("pk")
    ):
        emails.send(
            TEMPLATE,
            [enrolment.person.email],
            completion_email(enrolment, enrolment.left_on or timezone.localdate()),
        )
        sent += 1
    return sent
