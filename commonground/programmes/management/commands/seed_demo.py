"""`manage.py seed_demo`: fills an empty database with the Leading Greater Essex demo."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from commonground.programmes.demo.seed import seed
from commonground.programmes.kept_standings import keep
from commonground.programmes.models import Enrolment

# Each later capability seeds its own part of the demo on top of the programme, in this order.
# Every step is idempotent: it returns a line to print, or None when its data is already there.
FEATURE_STEPS: tuple[str, ...] = (
    "commonground.challenges.demo.seed",
    "commonground.grouping.demo.seed",
    "commonground.programmes.demo_delivery.seed",
    "commonground.evaluation.demo.seed",
    "commonground.recruitment.demo.seed",
    "commonground.progression.demo.seed",
    "commonground.mentoring.demo.seed",
    "commonground.initiatives.demo.seed",
    "commonground.alumni.demo.seed",
)


class Command(BaseCommand):
    help = "Seed Leading Greater Essex with invented people, cohorts since 2016/17 and registers."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        summary = seed()
        if summary is None:
            self.stdout.write("Demo data already present: nothing changed.")
        else:
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
        for path in FEATURE_STEPS:
            step: Callable[[], str | None] = import_string(path)
            line = step()
            if line is not None:
                self.stdout.write(self.style.SUCCESS(line))
        # The registers, groups and apologies above are written in bulk: keep every standing once.
        kept = keep(Enrolment.objects.all())
        self.stdout.write(self.style.SUCCESS(f"Kept {kept} enrolments' attendance standings."))
