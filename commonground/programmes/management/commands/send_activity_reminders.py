"""`manage.py send_activity_reminders`: email participants about activities in the next 2 days.

Run it from cron every hour; each activity is claimed once, so overlapping runs never send twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.lib.words import count_of
from commonground.programmes.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Email reminders for activities starting in the next 2 days, once per activity."

    def handle(self, *args: Any, **options: Any) -> None:
        activities, sent = send_due_reminders()
        self.stdout.write(
            f"Reminded {count_of(activities, 'activity')}: {count_of(sent, 'email')}."
        )
