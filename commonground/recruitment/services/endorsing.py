"""Endorsing: the sponsor's personal link, their answer, and reminders until they give it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.lib.links import digest, new_secret
from commonground.lib.once import AlreadyDone, lock

from ..models import Endorsement, EndorsementStatus, Status
from .notify import mail, site_url, when

MAX_REMINDERS = 3


def ask_sponsor(endorsement: Endorsement, token: str, *, reminder: bool) -> None:
    application = endorsement.application
    mail(
        "recruitment-endorse",
        [endorsement.sponsor.email],
        {
            "sponsor": endorsement.sponsor,
            "applicant": application.name,
            "round": application.round,
            "link": site_url(reverse("recruitment:endorse", args=[token])),
            "reminder": reminder,
            "closes": when(application.round.closes_at),
        },
    )


def find_endorsement(token: str) -> Endorsement | None:
    return (
        Endorsement.objects.select_related(
            "application__person", "application__round__cohort__programme", "sponsor"
        )
        .filter(token_digest=digest(token))
        .first()
    )


def respond_to_endorsement(
    endorsement: Endorsement, *, endorse: bool, statement: str, by: User | None
) -> None:
    """The sponsor endorses or declines, once: a second answer raises AlreadyDone."""
    application = endorsement.application
    with transaction.atomic():
        lock(endorsement)
        if endorsement.status != EndorsementStatus.PENDING:
            raise AlreadyDone(
                f"You have already answered: you {endorsement.get_status_display().lower()} "
                f"{application.name}'s application."
            )
        application.refresh_from_db()
        if application.status != Status.SUBMITTED:
            raise ValidationError(f"{application.name}'s application is no longer waiting for you.")
        if endorse and not statement.strip():
            raise ValidationError("Write a short statement of your support.")
        with audited(by, endorsement, "recruitment.endorsement.changed"):
            endorsement.status = (
                EndorsementStatus.ENDORSED if endorse else EndorsementStatus.DECLINED
            )
            endorsement.statement = statement.strip()
            endorsement.responded_at = timezone.now()
            endorsement.next_reminder_at = None
            endorsement.save()
        with audited(by, application, "recruitment.application.changed"):
            application.status = Status.ENDORSED if endorse else Status.SPONSOR_DECLINED
            if not endorse:
                application.decided_at = timezone.now()
            application.save()
        person = application.person
        assert person is not None
        mail(
            "recruitment-sponsor-answered",
            [person.email],
            {"name": person.first_name, "application": application, "endorsed": endorse},
        )


def send_sponsor_reminders(now: dt.datetime | None = None) -> int:
    """Remind sponsors who have not answered; each row is claimed by one atomic UPDATE."""
    now = now or timezone.now()
    sent = 0
    due = Endorsement.objects.filter(
        status=EndorsementStatus.PENDING,
        next_reminder_at__lte=now,
        reminders_sent__lt=MAX_REMINDERS,
        application__status=Status.SUBMITTED,
    ).values_list("pk", "application__round__reminder_days")
    for pk, days in list(due):
        with transaction.atomic():
            claimed = Endorsement.objects.filter(
                pk=pk, next_reminder_at__lte=now, status=EndorsementStatus.PENDING
            ).update(
                next_reminder_at=now + dt.timedelta(days=days),
                reminders_sent=F("reminders_sent") + 1,
            )
            if not claimed:
                continue
            # The link is a fresh secret: only its hash is stored, so the old one cannot be sent.
            token, token_digest = new_secret()
            Endorsement.objects.filter(pk=pk).update(token_digest=token_digest)
            endorsement = Endorsement.objects.select_related(
                "sponsor", "application__person", "application__round__cohort__programme"
            ).get(pk=pk)
            ask_sponsor(endorsement, token, reminder=True)
            sent += 1
    return sent
