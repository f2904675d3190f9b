"""`manage.py send_alumni_digest`: this week's alumni email to everyone not yet sent it.

Run it weekly from cron (Monday morning); running it again in the same week sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.alumni.digest import send_weekly


class Command(BaseCommand):
    help = "Send this week's alumni email (new asks and offers, events coming up)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_weekly()
        self.stdout.write(f"Sent {sent} alumni email{'s' if sent != 1 else ''}.")
