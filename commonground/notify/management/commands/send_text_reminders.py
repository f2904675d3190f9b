"""`manage.py send_text_reminders`: text participants who asked about tomorrow's cohort days.

Run it from cron once a day (or more often: each reminder is claimed once, so reruns send
nothing twice). With no Notify text template configured it sends nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.lib.words import count_of
from commonground.notify.texts import offered, send_day_before_reminders


class Command(BaseCommand):
    help = "Text reminders for tomorrow's activities to participants who asked, once each."

    def handle(self, *args: Any, **options: Any) -> None:
        if not offered():
            self.stdout.write("No text reminders: NOTIFY_API_KEY or the template is not set.")
            return
        self.stdout.write(f"Sent {count_of(send_day_before_reminders(), 'text reminder')}.")
