"""Heartbeats of background runs, so a run whose worker died is seen to have stopped.

A running task writes `heartbeat_at` each time it reports progress. A run still waiting or
running whose heartbeat is older than BACKGROUND_RUN_STALE_SECONDS (or that never had one) is
taken to have stopped: its page says so and it may be run again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

STOPPED_MESSAGE = "The calculation stopped unexpectedly; run it again."

M = TypeVar("M", bound=Model)


def stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.BACKGROUND_RUN_STALE_SECONDS)


def has_stopped(heartbeat_at: dt.datetime | None) -> bool:
    return heartbeat_at is None or heartbeat_at < stale_before()


def stopped() -> Q:
    """Rows whose heartbeat is too old; combine with the statuses that mean "under way"."""
    return Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale_before())


def mark_stopped(runs: QuerySet[M], under_way: Iterable[str], **failed: Any) -> int:
    """One UPDATE turning the stopped runs among `runs` into `failed` (status and message).

    The filter repeats the staleness test, so a run that beat again meanwhile is left alone.
    """
    return runs.filter(stopped(), status__in=list(under_way)).update(**failed)
