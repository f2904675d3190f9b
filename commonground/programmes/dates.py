"""The dates a programme's cohorts and activities may hold: years 2000 to 2100.

Anything wider is a typing slip (0001 for 2001, 9999 for 2025), and dates near the ends of
what Python holds overflow when a calendar is copied forward or converted to UTC.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
OUT_OF_RANGE = "Enter a date between 1 January 2000 and 31 December 2100."


def in_range(value: dt.date | dt.datetime) -> bool:
    day = value.date() if isinstance(value, dt.datetime) else value
    return EARLIEST <= day <= LATEST


def shifted(moment: dt.datetime, shift: dt.timedelta) -> dt.datetime | None:
    """The same wall-clock time in London `shift` later, or None if it falls outside the range
    (or outside what Python's dates hold)."""
    local = timezone.localtime(moment)
    try:
        day = local.date() + shift
    except OverflowError:
        return None
    if not in_range(day):
        return None
    return timezone.make_aware(dt.datetime.combine(day, local.time()))
