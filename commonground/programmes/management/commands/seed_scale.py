"""`manage.py seed_scale`: the national data set of `docs/performance.md`, on top of the demo."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.module_loading import import_string

from commonground.programmes.demo import scale

# The capabilities' parts, as `seed_demo` runs them, each given the seed and the sizes.
FEATURE_STEPS: tuple[str, ...] = (
    "commonground.evaluation.demo.seed_national",
    "commonground.recruitment.demo.seed_national",
)


class Command(BaseCommand):
    help = (
        "Seed a national-scale data set (2,000 organisations, 100,000 people, 50 programmes, "
        "1,000 cohorts and their registers and answers), after the demo whose logins see it all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        full = scale.Sizes()
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Share of the full size, e.g. 0.1 for a tenth"
        )
        parser.add_argument("--seed", type=int, default=scale.DEFAULT_SEED)
        for name in (
            "organisations",
            "people",
            "programmes",
            "cohorts",
            "enrolments_per_cohort",
            "activities_per_cohort",
            "applications_per_round",
        ):
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                type=int,
                dest=name,
                help=f"Default {getattr(full, name):,} at full scale",
            )
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not seed the demo (and its logins) first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0, for example 0.1.")
        sizes = scale.Sizes().scaled(options["scale"])
        chosen = {k: v for k, v in vars(sizes).items() if options.get(k) is not None}
        for key in list(chosen):
            chosen[key] = options[key]
            if chosen[key] < 1:
                raise CommandError(f"--{key.replace('_', '-')} must be at least 1.")
        sizes = scale.Sizes(**{**vars(sizes), **chosen})
        if not options["no_demo"]:
            call_command("seed_demo", stdout=self.stdout)
        started = time.monotonic()
        counts = scale.seed(sizes, options["seed"])
        if counts is None:
            self.stdout.write("National data set already present: nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded the national data set in {time.monotonic() - started:.0f} s: "
                f"{counts.organisations:,} organisations, {counts.people:,} people, "
                f"{counts.programmes} programmes, {counts.cohorts:,} cohorts, "
                f"{counts.enrolments:,} enrolments, {counts.activities:,} activities, "
                f"{counts.attendance:,} attendance marks, {counts.roles} demo roles."
            )
        )
        for path in FEATURE_STEPS:
            step_started = time.monotonic()
            if path.endswith("recruitment.demo.seed_national"):
                line = import_string(path)(options["seed"], sizes.applications_per_round)
            else:
                line = import_string(path)(options["seed"])
            if line is not None:
                seconds = time.monotonic() - step_started
                self.stdout.write(self.style.SUCCESS(f"{line} ({seconds:.0f} s)"))
        if connection.vendor == "postgresql":
            # Bulk inserts leave the planner's statistics empty until autovacuum analyses the
            # tables, which may be off or hours away: without them it estimates a programme's
            # answers as thousands per wave and reads the whole table to count them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write("Analysed the tables for the query planner.")
