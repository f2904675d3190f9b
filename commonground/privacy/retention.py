"""Retention: each kind of record is kept for a period set in settings, then anonymised by a
daily job, with a dry run that says what would go first.

An app registers a `RetentionKind` from its `AppConfig.ready()`: which entry of
`settings.RETENTION_DAYS` gives its period, what happens to an expired record, the records past
their time, and how to anonymise them. Anonymising keeps what the programme's figures count
(an application's status, a survey's ratings) and removes who it was about or who gave it, so
the figures stay the same; an expired record is no longer found as expired once anonymised, so
a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited

from .models import RetentionRun


@dataclass(frozen=True)
class RetentionKind:
    """One kind of record with a retention period.

    `expired(cutoff)` returns the records whose period ran out before `cutoff` and that still
    hold something to remove; `dated_by` is the field the period runs from (for the oldest
    date); `anonymise(records)` anonymises them and returns how many.
    """

    key: str
    title: str
    runs_from: str  # "the decision", shown after "days after"
    action: str
    expired: Callable[[dt.datetime], QuerySet[Any]]
    dated_by: str
    anonymise: Callable[[QuerySet[Any]], int]


@dataclass(frozen=True)
class Due:
    """What one kind has past its time today."""

    kind: RetentionKind
    days: int
    count: int
    oldest: dt.date | None


_kinds: dict[str, RetentionKind] = {}


def register(kind: RetentionKind) -> None:
    if kind.key in _kinds:
        raise ImproperlyConfigured(f"A retention kind named {kind.key!r} is already registered.")
    if kind.key not in settings.RETENTION_DAYS:
        raise ImproperlyConfigured(f"RETENTION_DAYS has no period for {kind.key!r}.")
    _kinds[kind.key] = kind


def kinds() -> list[RetentionKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.title)


def days(kind: RetentionKind) -> int:
    return int(settings.RETENTION_DAYS[kind.key])


def _cutoff(kind: RetentionKind, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=days(kind))


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    return value


def report(now: dt.datetime | None = None) -> list[Due]:
    """The dry run: for each kind, how many records would be anonymised now and the oldest
    date among them; changes nothing."""
    now = now or timezone.now()
    found = []
    for kind in kinds():
        figures = kind.expired(_cutoff(kind, now)).aggregate(
            count=Count("pk"), oldest=Min(kind.dated_by)
        )
        found.append(Due(kind, days(kind), figures["count"], _as_date(figures["oldest"])))
    return found


def apply(actor: User | None, now: dt.datetime | None = None) -> RetentionRun:
    """Anonymise every expired record, one kind at a time, and record the counts in a
    retention run and its audit entry."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for kind in kinds():
        with transaction.atomic():
            counts[kind.key] = kind.anonymise(kind.expired(_cutoff(kind, now)))
    run = RetentionRun(ran_at=now, ran_by=actor, counts=counts)
    with audited(actor, run, "privacy.retention.applied"):
        run.save()
    return run
