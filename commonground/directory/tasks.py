"""Background work of the directory: the yearly "still in this role?" emails."""

from __future__ import annotations

from django_tasks import task

from .career_checks import ask_everyone_due


@task()
def ask_still_in_role() -> int:
    """The scheduled run, as a task; returns how many people were asked."""
    return ask_everyone_due()
