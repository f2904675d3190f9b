"""What the Notify part holds about a person, for the subject access export and erasure: messages
that did not reach them, their mobile number and reminder choice, and which reminders went."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import DeliveryFailure, TextReminderChoice, TextReminderSent

PURPOSE = "To send programme messages and reminders, and to correct an address that fails."


def _failures(person: Person) -> list[Row]:
    return [
        {
            "Sent to": failure.address,
            "By": failure.get_channel_display(),
            "Message": failure.email_type,
            "What happened": failure.get_status_display(),
            "Detail": failure.detail,
            "When": failure.failed_at,
        }
        for failure in DeliveryFailure.objects.filter(person=person)
    ]


def _choice(person: Person) -> list[Row]:
    return [
        {
            "Mobile number": choice.mobile,
            "Text the day before a cohort day": choice.remind_day_before,
        }
        for choice in TextReminderChoice.objects.filter(person=person)
    ]


def _sent(person: Person) -> list[Row]:
    sent = TextReminderSent.objects.filter(person=person).select_related("activity")
    return [{"Activity": row.activity.title, "Sent": row.claimed_at} for row in sent]


def _deleter(model: type[models.Model]) -> Callable[[Person], int]:
    def delete(person: Person) -> int:
        deleted, _ = model._default_manager.filter(person=person).delete()
        return deleted

    return delete


def register_holdings() -> None:
    for key, title, model, rows in (
        ("notify.failures", "Messages that did not arrive", DeliveryFailure, _failures),
        ("notify.text_reminders", "Mobile number and text reminders", TextReminderChoice, _choice),
        ("notify.texts_sent", "Text reminders sent", TextReminderSent, _sent),
    ):
        register(Holding(key, "Messages", title, PURPOSE, (model,), rows, erase=_deleter(model)))
