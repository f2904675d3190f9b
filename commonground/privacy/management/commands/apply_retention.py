"""`manage.py apply_retention`: anonymise every record past its retention period (settings'
RETENTION_DAYS). Run it daily from cron; `--dry-run` says what would be anonymised and changes
nothing."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from commonground.lib.retention import kinds, report
from commonground.privacy.retention import apply


class Command(BaseCommand):
    help = "Anonymise records kept past their retention period; --dry-run only reports them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be anonymised; change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            for due in report():
                oldest = f", oldest {due.oldest:%d %b %Y}" if due.oldest else ""
                self.stdout.write(
                    f"{due.kind.title}: {due.count} would be anonymised "
                    f"(kept {due.days} days after {due.kind.runs_from}{oldest})"
                )
            return
        run = apply(None)
        titles = {kind.key: kind.title for kind in kinds()}
        for key, count in run.counts.items():
            self.stdout.write(f"{titles[key]}: {count} anonymised")
