"""`manage.py ask_still_in_role`: the yearly "still in this role?" email to those due it.

Run it from cron once a day; each person is claimed once a year, so overlapping runs never ask
twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.directory.career_checks import ask_everyone_due
from commonground.lib.words import count_of


class Command(BaseCommand):
    help = 'Email "still in this role?" to people whose record was last checked a year ago.'

    def handle(self, *args: Any, **options: Any) -> None:
        sent = ask_everyone_due()
        self.stdout.write(f"Asked {count_of(sent, 'person', 'people')}.")
