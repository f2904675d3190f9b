"""`manage.py send_evaluation_emails`: the sweep. Invite to waves that have opened and were not
sent, remind before they close; a wave that has not opened is never touched.

The worker already sends each wave on its opening morning (`tasks.open_wave`, queued when the
wave is planned or changed); run this hourly from cron to catch any run that was lost. Each
email is claimed by one atomic UPDATE first, so two runs at once never send the same one twice.
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
