"""The daily retention run: anonymise every record past its period (`lib/retention.py`), and
keep the run's counts as a `RetentionRun` with its audit entry."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.lib.retention import cutoff, kinds

from .models import RetentionRun


def apply(actor: User | None, now: dt.datetime | None = None) -> RetentionRun:
    """Anonymise every expired record, one kind at a time, and record the counts in a
    retention run and its audit entry."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for kind in kinds():
        with transaction.atomic():
            counts[kind.key] = kind.anonymise(kind.expired(cutoff(kind, now)))
    run = RetentionRun(ran_at=now, ran_by=actor, counts=counts)
    with audited(actor, run, "privacy.retention.applied"):
        run.save()
    return run
