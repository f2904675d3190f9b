"""Retention and the applicant's own data: anonymising ended applications when their time is
up, the scheduled housekeeping, and everything held about a person for them to download."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from commonground.audit.log import erase_history
from commonground.directory.models import Person

from ..models import (
    Application,
    ContinueLink,
    Endorsement,
    EqualityResponse,
    Review,
    Round,
    Status,
)
from .endorsing import send_sponsor_reminders
from .offers import expire_offers


def anonymise(application: Application) -> None:
    """Remove everything that identifies the applicant; keep what the figures count."""
    Application.objects.filter(pk=application.pk).update(
        person=None,
        answers={},
        statements={},
        challenge_ranking=[],
        sponsor_name="",
        sponsor_email="",
        nominated_by=None,
        job_title="",
        moderation_note="",
        anonymised_at=timezone.now(),
    )
    Endorsement.objects.filter(application=application).delete()
    ContinueLink.objects.filter(application=application).delete()
    Review.objects.filter(application=application).update(comment="")
    EqualityResponse.objects.filter(application=application).update(application=None)
    erase_history(application, f"Anonymised applicant {application.pk}")


def anonymise_due(now: dt.datetime | None = None) -> int:
    """Anonymise ended applications older than their round's retention period.

    Someone who asked to be considered next year is kept a year longer.
    """
    now = now or timezone.now()
    done = 0
    for round_pk, days in Round.objects.values_list("pk", "retention_days"):
        cutoff = now - dt.timedelta(days=days)
        due = Application.objects.filter(
            Q(consider_next_year=False, decided_at__lte=cutoff)
            | Q(consider_next_year=True, decided_at__lte=cutoff - dt.timedelta(days=365)),
            round_id=round_pk,
            status__in=Status.ENDED,
            anonymised_at__isnull=True,
        )
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                claimed = Application.objects.filter(pk=pk, anonymised_at__isnull=True).update(
                    anonymised_at=now
                )
                if claimed:
                    anonymise(Application(pk=pk))
                    done += 1
    return done


def housekeeping(now: dt.datetime | None = None) -> dict[str, int]:
    """The scheduled work: sponsor reminders, expired offers, anonymisation."""
    return {
        "reminders": send_sponsor_reminders(now),
        "expired": expire_offers(now),
        "anonymised": anonymise_due(now),
    }


def held_data(person: Person) -> dict[str, Any]:
    """Everything recruitment holds about a person, as they may download it."""
    applications = (
        Application.objects.filter(person=person)
        .select_related("round__cohort__programme", "organisation", "endorsement__sponsor")
        .prefetch_related("reviews")
        .order_by("pk")
    )
    equality = {
        e.application_id: e for e in EqualityResponse.objects.filter(application__person=person)
    }
    return {
        "person": {
            "name": person.name,
            "email": person.email,
            "organisation": str(person.organisation or ""),
            "job_title": person.job_title,
        },
        "applications": [_held(a, equality.get(a.pk)) for a in applications],
    }


def _held(application: Application, equality: EqualityResponse | None) -> dict[str, Any]:
    """One application as its applicant may read it, in the words of its round."""
    application_round = application.round
    return {
        "round": str(application_round.cohort),
        "status": application.get_status_display(),
        "organisation": str(application.organisation or ""),
        "job_title": application.job_title,
        "band": application.get_band_display(),
        "answers": {
            q: application.answers.get(str(i), "")
            for i, q in enumerate(application_round.questions)
        },
        "statements": {
            c: application.statements.get(str(i), "")
            for i, c in enumerate(application_round.criteria)
        },
        "challenge_ranking": application.challenge_ranking,
        "sponsor": {"name": application.sponsor_name, "email": application.sponsor_email},
        "sponsor_response": _sponsor_response(application),
        "panel_marks": [r.scores for r in application.reviews.all() if r.submitted_at],
        "moderated_score": (
            str(application.moderated_score) if application.moderated_score else None
        ),
        "equality_monitoring": _equality_answers(equality),
        "submitted_at": application.submitted_at.isoformat() if application.submitted_at else None,
        "consider_next_year": application.consider_next_year,
    }


def _sponsor_response(application: Application) -> dict[str, str] | None:
    endorsement = getattr(application, "endorsement", None)
    if endorsement is None:
        return None
    return {"status": endorsement.get_status_display(), "statement": endorsement.statement}


def _equality_answers(answer: EqualityResponse | None) -> dict[str, str] | None:
    if answer is None:
        return None
    return {
        name: getattr(answer, f"get_{name}_display")()
        for name in ("age_band", "sex", "ethnicity", "disability", "caring")
        if getattr(answer, name)
    }
