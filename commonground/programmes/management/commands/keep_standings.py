"""`manage.py keep_standings`: work out afresh every attendance standing that has run out.

A kept standing holds until the next counted activity starts (see `kept_standings`); the staff
home works out those that have run out from their marks, so this is not needed for the figures
to be right, only to keep that work small. Run it from cron every hour.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.lib.words import count_of
from commonground.programmes.kept_standings import keep_run_out


class Command(BaseCommand):
    help = "Work out afresh the attendance standings that no longer hold (run it hourly)."

    def handle(self, *args: Any, **options: Any) -> None:
        kept = keep_run_out()
        self.stdout.write(f"Kept {count_of(kept, 'attendance standing')}.")
