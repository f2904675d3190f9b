"""Small numbers stay with programme staff: a count of too few people is shown as a range."""

from __future__ import annotations

from django.conf import settings


def figure(value: int, exact: bool) -> str:
    """The number, or "fewer than 5" when it is small and the viewer only sees aggregates."""
    threshold: int = settings.SMALL_NUMBER_THRESHOLD
    if exact or value == 0 or value >= threshold:
        return str(value)
    return f"fewer than {threshold}"
