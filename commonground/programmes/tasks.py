"""Background work of programme delivery: invitations, reminders and cohort messages.

Each task takes ids and loads what it needs, so it can run in another process (`db_worker`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from commonground.lib import emails

from .calendar import calendar_message, entry, participants_to_tell
from .models import Activity, CohortMessage

REMIND_BEFORE = dt.timedelta(days=2)


def _activity(activity_id: int) -> Activity | None:
    return Activity.objects.select_related("cohort__programme").filter(pk=activity_id).first()


def invitation_email(activity: Activity, restored: bool = False) -> str:
    """The email an activity's participants are sent: its cancellation, that it is back on, that
    it changed since they were invited, or the invitation."""
    if activity.is_cancelled:
        return "activity-cancelled"
    if restored:
        return "activity-restored"
    return "activity-changed" if activity.calendars_out_of_date else "activity-invitation"


@task()
def send_invitations(activity_id: int, restored: bool = False) -> int:
    """Email every active participant the activity for their calendars, its latest version (or
    its cancellation); after a cancelled activity is restored, the email says it is back on."""
    activity = _activity(activity_id)
    if activity is None:
        return 0
    name = invitation_email(activity, restored)
    item = entry(activity)
    sent = 0
    for enrolment in participants_to_tell(activity):
        person = enrolment.person
        emails.send(
            name,
            [person.email],
            {
                "person": person,
                "activity": activity,
                "url": settings.SITE_URL + activity.get_absolute_url(),
            },
            calendar=calendar_message(item, person),
        )
        sent += 1
    Activity.objects.filter(pk=activity.pk).update(
        invitations_sent_at=timezone.now(), invited_sequence=activity.sequence
    )
    return sent


def claim_due_reminders(now: dt.datetime | None = None) -> list[int]:
    """Claim the activities due a reminder with one UPDATE each, so no two workers send twice."""
    now = now or timezone.now()
    due = Q(
        reminders_sent_at__isnull=True,
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    )
    claimed = []
    for pk in Activity.objects.filter(due).values_list("pk", flat=True):
        with transaction.atomic():
            # Only the worker whose UPDATE changes the row sends; another finds it claimed.
            if Activity.objects.filter(due, pk=pk).update(reminders_sent_at=now) == 1:
                claimed.append(pk)
    return claimed


def send_reminder(activity_id: int) -> int:
    activity = _activity(activity_id)
    if activity is None:
        return 0
    sent = 0
    for enrolment in participants_to_tell(activity):
        emails.send(
            "activity-reminder",
            [enrolment.person.email],
            {
                "person": enrolment.person,
                "activity": activity,
                "url": settings.SITE_URL + activity.get_absolute_url(),
            },
        )
        sent += 1
    return sent


def send_due_reminders() -> tuple[int, int]:
    """(activities, emails) reminded now."""
    claimed = claim_due_reminders()
    return len(claimed), sum(send_reminder(pk) for pk in claimed)


@task()
def send_activity_reminders() -> int:
    """The scheduled reminder run, as a task; returns how many emails went."""
    return send_due_reminders()[1]


@task()
def send_cohort_message(message_id: int) -> int:
    message = CohortMessage.objects.select_related("cohort", "sender").filter(pk=message_id).first()
    if message is None or message.sent_at is not None:
        return 0
    sent = 0
    for person in message.recipients.exclude(email="").order_by("last_name", "first_name"):
        emails.send(
            "cohort-message",
            [person.email],
            {"person": person, "message": message, "cohort": message.cohort},
        )
        sent += 1
        CohortMessage.objects.filter(pk=message.pk).update(sent_count=sent)
    CohortMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), sent_count=sent)
    return sent
