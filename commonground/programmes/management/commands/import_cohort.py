"""Imports a past cohort from a CSV or XLSX file, writing everything or nothing."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from commonground.lib.words import count_of
from commonground.programmes.imports.parsing import MAX_BYTES, Problem, read_file
from commonground.programmes.imports.services import import_cohort
from commonground.programmes.imports.validation import CohortFields, participants, plan_import
from commonground.programmes.models import CohortStatus, Programme


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Import a past cohort's participants from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV or XLSX file of participants")
        parser.add_argument("--programme", required=True, help="The programme's slug")
        parser.add_argument("--name", required=True, help="The cohort's name, e.g. 2018/19")
        parser.add_argument("--starts", required=True, type=_date, help="Start date, YYYY-MM-DD")
        parser.add_argument("--ends", required=True, type=_date, help="End date, YYYY-MM-DD")
        parser.add_argument("--capacity", type=int, default=50, help="Places (default 50)")
        parser.add_argument(
            "--status",
            choices=CohortStatus.values,
            default=CohortStatus.COMPLETED,
            help="The cohort's status (default completed)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file only; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(f"There is no programme '{options['programme']}'")
        if options["capacity"] < 1:
            raise CommandError("--capacity must be at least 1")
        fields = CohortFields(
            name=options["name"].strip(),
            starts_on=options["starts"],
            ends_on=options["ends"],
            capacity=options["capacity"],
            status=options["status"],
        )
        content = self._read(path)
        parsed = read_file(content)
        self._stop_on(path, parsed.problems)
        if options["dry_run"]:
            plan = plan_import(programme, fields, parsed.rows)
            self._stop_on(path, plan.problems)
            self.stdout.write(
                f"{path}: no problems; {participants(plan.counts.participants)} would be imported "
                f"into {fields.name} (dry run, nothing written)"
            )
            return
        result = import_cohort(programme, fields, parsed.rows, by=None)
        self._stop_on(path, result.problems)
        assert result.cohort is not None
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {participants(counts.participants)} into {result.cohort.name} "
                f"({counts.new_people} new people, {counts.existing_people} already known, "
                f"{counts.new_sponsors} new sponsors, {counts.new_organisations} new organisations)"
            )
        )

    def _read(self, path: Path) -> bytes:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror})") from None
        if len(content) > MAX_BYTES:
            raise CommandError(f"{path}: the file is larger than 2 MB; split it")
        return content

    def _stop_on(self, path: Path, problems: list[Problem]) -> None:
        if not problems:
            return
        for problem in problems:
            self.stderr.write(_located(path, problem))
        count = len(problems)
        raise CommandError(f"{count_of(count, 'problem')}; nothing was imported")


def _located(path: Path, problem: Problem) -> str:
    """Where and what, as compilers print it: FILE:LINE: column COLUMN: reason."""
    if problem.line is None:
        return f"{path}: {problem.reason}"
    if problem.column is None:
        return f"{path}:{problem.line}: {problem.reason}"
    return f"{path}:{problem.line}: column {problem.column}: {problem.reason}"
