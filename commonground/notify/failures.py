"""Records messages that did not arrive against the person they were for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from commonground.audit.log import record_changes
from commonground.directory.models import Person

from .models import Channel, DeliveryFailure, FailureStatus, TextReminderChoice

FAILED = {FailureStatus.PERMANENT, FailureStatus.TEMPORARY, FailureStatus.TECHNICAL}


def _person(address: str, channel: str) -> Person | None:
    if channel == Channel.SMS:
        choice = TextReminderChoice.objects.filter(mobile=address).select_related("person")
        found = choice.first()
        return found.person if found else None
    return Person.objects.annotate(lower=Lower("email")).filter(lower=address.lower()).first()


def record(
    address: str,
    status: str,
    *,
    channel: str = Channel.EMAIL,
    email_type: str = "",
    notification_id: str = "",
    detail: str = "",
    failed_at: dt.datetime | None = None,
) -> DeliveryFailure | None:
    """Store one failure with its audit entry; None when this notification is already stored."""
    failure = DeliveryFailure(
        person=_person(address, channel),
        address=address,
        channel=channel,
        status=status,
        email_type=email_type[:100],
        notification_id=notification_id,
        detail=detail,
        failed_at=failed_at or timezone.now(),
    )
    try:
        with transaction.atomic():
            failure.save()
            record_changes(
                None,
                failure,
                "notify.delivery_failure.recorded",
                {"status": [None, status], "address": [None, address]},
            )
    except IntegrityError:
        return None
    return failure


class BadReceipt(ValueError):
    """A delivery receipt without the fields Notify always sends."""


def record_receipt(receipt: dict[str, Any]) -> DeliveryFailure | None:
    """Store a Notify delivery receipt if it reports a failure; receipts of delivery are not
    kept, as Notify itself keeps them for its retention period."""
    try:
        status = str(receipt["status"])
        notification_id = str(receipt["id"])
        address = str(receipt["to"])
    except (KeyError, TypeError) as missing:
        raise BadReceipt(f"the receipt has no {missing}") from None
    if status not in FAILED:
        return None
    when = parse_datetime(str(receipt.get("completed_at") or receipt.get("created_at") or ""))
    return record(
        address,
        status,
        channel=Channel.SMS if receipt.get("notification_type") == "sms" else Channel.EMAIL,
        email_type=str(receipt.get("reference") or ""),
        notification_id=notification_id[:36],
        failed_at=when,
    )
