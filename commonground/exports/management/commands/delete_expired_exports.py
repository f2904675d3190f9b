"""`manage.py delete_expired_exports`: delete every export kept past EXPORTS_KEEP_HOURS, with its
file. Run it hourly from cron; a download of an expired export is refused even before it runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.exports.services import delete_expired
from commonground.lib.words import count_of


class Command(BaseCommand):
    help = "Delete exports kept past EXPORTS_KEEP_HOURS, and their files."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {count_of(delete_expired(), 'expired export')}.")
