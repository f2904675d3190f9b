"""`manage.py recruitment_housekeeping`: reminders, expired offers and anonymisation; run hourly."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.recruitment import services


class Command(BaseCommand):
    help = "Remind sponsors, expire offers past their deadline, anonymise old applications."

    def handle(self, *args: Any, **options: Any) -> None:
        done = services.housekeeping()
        self.stdout.write(
            f"{done['reminders']} sponsor reminder(s) sent, {done['expired']} offer(s) expired, "
            f"{done['anonymised']} application(s) anonymised."
        )
