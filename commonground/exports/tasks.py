"""Background work of the exports app: preparing one export, and the hourly clear-out."""

from __future__ import annotations

from django_tasks import task


@task()
def prepare_export(export_id: int) -> str:
    """Write one export's file; returns its status ("ready" or "failed")."""
    from .services import prepare

    return prepare(export_id)


@task()
def delete_expired_exports() -> int:
    """Delete the exports kept past EXPORTS_KEEP_HOURS; `manage.py delete_expired_exports` runs
    it hourly from cron. Returns how many were deleted."""
    from .services import delete_expired

    return delete_expired()
