"""Text-message reminders the day before a cohort day, for participants who asked for them.

Each (person, activity) reminder is claimed by inserting its unique row before the text is sent,
so overlapping runs of the daily job never text anyone twice.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from commonground.programmes.calendar import participants_to_tell
from commonground.programmes.models import Activity

from . import failures
from .client import NotifyError, call, client, is_configured
from .models import Channel, FailureStatus, TextReminderChoice, TextReminderSent

REFERENCE = "text-reminder"


def offered() -> bool:
    """Whether participants may ask for texts: only with Notify and a reminder template set."""
    return is_configured() and bool(settings.NOTIFY_SMS_REMINDER_TEMPLATE_ID)


def activities_on(day: dt.date) -> list[Activity]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return list(
        Activity.objects.filter(
            cancelled_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=start + dt.timedelta(days=1),
        ).order_by("starts_at", "pk")
    )


def personalisation(choice: TextReminderChoice, activity: Activity) -> dict[str, str]:
    """The fields the Notify template fills in: ((first_name)), ((activity)), ((date)),
    ((time)) and ((place))."""
    starts = timezone.localtime(activity.starts_at)
    return {
        "first_name": choice.person.first_name,
        "activity": activity.title,
        "date": date_format(starts, "l j F"),
        "time": date_format(starts, "H:i"),
        "place": activity.place or "online",
    }


def _claim(choice: TextReminderChoice, activity: Activity) -> TextReminderSent | None:
    try:
        with transaction.atomic():
            return TextReminderSent.objects.create(person=choice.person, activity=activity)
    except IntegrityError:
        return None


def send_day_before_reminders(today: dt.date | None = None) -> int:
    """Text everyone who asked about tomorrow's activities, once each; returns how many went.

    A refused number is recorded as a delivery failure; a rate limit or outage that outlasts
    the retries gives the claim back and stops the run, so the next run sends the rest."""
    if not offered():
        return 0
    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    notify = client()
    sent = 0
    for activity in activities_on(tomorrow):
        people = [enrolment.person_id for enrolment in participants_to_tell(activity)]
        for choice in (
            TextReminderChoice.objects.filter(person_id__in=people, remind_day_before=True)
            .exclude(mobile="")
            .select_related("person")
        ):
            claim = _claim(choice, activity)
            if claim is None:
                continue
            try:
                response = call(
                    partial(
                        notify.send_sms_notification,
                        phone_number=choice.mobile,
                        template_id=settings.NOTIFY_SMS_REMINDER_TEMPLATE_ID,
                        personalisation=personalisation(choice, activity),
                        reference=REFERENCE,
                    )
                )
            except NotifyError as error:
                if not error.refused:
                    claim.delete()
                    raise
                failures.record(
                    choice.mobile,
                    FailureStatus.REFUSED,
                    channel=Channel.SMS,
                    email_type=REFERENCE,
                    detail=error.message,
                )
                continue
            claim.notification_id = str(response.get("id", ""))[:36]
            claim.save(update_fields=["notification_id"])
            sent += 1
    return sent


@task()
def send_text_reminders() -> int:
    """The daily text reminder run, as a task; returns how many texts went."""
    return send_day_before_reminders()
