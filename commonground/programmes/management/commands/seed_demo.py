"""`manage.py seed_demo`: fills an empty database with the Leading Greater Essex demo."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from commonground.programmes.demo.seed import seed


class Command(BaseCommand):
    help = "Seed Leading Greater Essex with invented people, cohorts since 2016/17 and registers."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        summary = seed()
        if summary is None:
            self.stdout.write("Demo data already present: nothing changed.")
            return
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded Leading Greater Essex in {seconds:.1f} s: "
                f"{summary.organisations} organisations, {summary.people} people, "
                f"{summary.posts} posts, {summary.cohorts} cohorts, "
                f"{summary.enrolments} enrolments ({summary.alumni} alumni), "
                f"{summary.activities} activities, {summary.attendance} attendance marks, "
                f"{summary.logins} demo logins."
            )
        )
