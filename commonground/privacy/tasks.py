"""Background work of the privacy app: the daily retention run and the subject access ZIP (the
latter through the exports app's own task)."""

from __future__ import annotations

from django_tasks import task


@task()
def apply_retention() -> dict[str, int]:
    """Anonymise every record past its retention period; `manage.py apply_retention` runs it
    daily from cron. Returns how many of each kind were anonymised."""
    from .retention import apply

    return dict(apply(None).counts)
