"""Retention periods: each kind of record is kept for a period set in settings, then anonymised
by the privacy app's daily job, with a dry run that says what would go first.

An app registers a `RetentionKind` from its `AppConfig.ready()`: which entry of
`settings.RETENTION_DAYS` gives its period, what happens to an expired record, the records past
their time, and how to anonymise them. Anonymising keeps what the programme's figures count
(an application's status, a survey's ratings) and removes who it was about or who gave it, so
the figures stay the same; an expired record is no longer found as expired once anonymised, so
a second run changes nothing. The registry sits here, below every app, so that
the apps that hold the records can register them; the run itself is `privacy.retention`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Min, QuerySet
from django.utils import timezone


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


def cutoff(kind: RetentionKind, now: dt.datetime) -> dt.datetime:
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
        figures = kind.expired(cutoff(kind, now)).aggregate(
            count=Count("pk"), oldest=Min(kind.dated_by)
        )
        found.append(Due(kind, days(kind), figures["count"], _as_date(figures["oldest"])))
    return found
