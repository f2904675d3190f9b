"""A date in words ("1 May 2026"), worked out once for each date and language.

The staff home names the dates of every cohort's year, the same few hundred times over, and
each formatting looks the month's name up through the translation machinery.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language


def long_date(day: dt.date) -> str:
    return _long_date(day, get_language())


@lru_cache(maxsize=4096)
def _long_date(day: dt.date, language: str | None) -> str:
    # `language` is the one active now, which date_format uses: it is here to key the cache.
    return date_format(day, "j F Y")
