"""Background work for recruitment: the scheduled housekeeping, runnable as a task."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def housekeeping() -> dict[str, int]:
    """Sponsor reminders, expired offers (promoting the next), and anonymisation."""
    return services.housekeeping()
