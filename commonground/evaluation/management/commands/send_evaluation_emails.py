"""`manage.py send_evaluation_emails`: invite to waves that have opened, remind before they close.

Run it daily from cron; each email is claimed by one atomic UPDATE first, so two runs at once
never send the same invitation or reminder twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.evaluation.services import run_scheduled


class Command(BaseCommand):
    help = (
        "Send survey invitations for waves that have opened and reminders for waves closing soon."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        invited, reminded = run_scheduled()
        self.stdout.write(f"Queued {invited} invitation(s) and {reminded} reminder(s).")
