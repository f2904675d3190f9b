"""Background work of the evaluation app: survey invitations, reminders and the daily run."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from commonground.lib import emails

from .models import RATER_TYPE_LABELS, SurveyResponse, Wave


def email_context(
    wave: Wave, participant_first_name: str, name: str, link: str, relationship: str = ""
) -> dict[str, Any]:
    """What an invitation or reminder says: to a participant, or (with `relationship`) a rater."""
    return {
        "wave": wave,
        "wave_name": wave.get_kind_display().lower(),
        "closes_on": wave.closes_on,
        "participant_first_name": participant_first_name,
        "name": name,
        "link": link,
        "is_rater": bool(relationship),
        "relationship": relationship,
    }


def _context(response: SurveyResponse) -> tuple[str, dict[str, Any]] | None:
    """Who the email goes to and what it says; raters get a fresh personal link."""
    from .services import issue_token

    participant = response.enrolment.person
    wave = response.wave
    if response.nomination is None:
        link = settings.SITE_URL + reverse("evaluation:survey", args=[response.pk])
        context = email_context(wave, participant.first_name, participant.first_name, link)
        return participant.email, context
    token = issue_token(response)
    link = settings.SITE_URL + reverse("evaluation:rater_survey", args=[token])
    relationship = RATER_TYPE_LABELS[response.rater_type].lower()
    context = email_context(
        wave, participant.first_name, response.nomination.name, link, relationship
    )
    return response.nomination.email, context


def _send(response_id: int, name: str) -> bool:
    response = (
        SurveyResponse.objects.select_related("wave", "enrolment__person", "nomination")
        .filter(pk=response_id, submitted_at__isnull=True)
        .first()
    )
    if response is None:
        return False
    found = _context(response)
    if found is None or not found[0]:
        return False
    emails.send(name, [found[0]], found[1])
    return True


@task()
def send_invitation(response_id: int) -> bool:
    """Invite one person to answer one survey; False if it was already answered."""
    return _send(response_id, "evaluation-invitation")


@task()
def send_reminder(response_id: int) -> bool:
    """Remind one person who has not answered yet; False if they have answered since."""
    return _send(response_id, "evaluation-reminder")


@task()
def open_wave(wave_id: int) -> int:
    """Scheduled for a wave's opening day: send its invitations if it is open and unsent."""
    from .services import open_when_due

    return open_when_due(wave_id)


@task()
def send_scheduled_emails() -> tuple[int, int]:
    """The sweep: invitations for waves that have opened, reminders for waves about to close.

    `manage.py send_evaluation_emails` runs it (hourly from cron); it catches any wave whose
    `open_wave` run was lost, and never touches a wave that has not opened.
    """
    from .services import run_scheduled

    return run_scheduled()


@task()
def compute_report_snapshot(snapshot_id: int) -> bool:
    """Work out a report's statistics (and a programme's board PDF) and keep them."""
    from .snapshots import compute

    return compute(snapshot_id)
