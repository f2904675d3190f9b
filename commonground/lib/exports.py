"""Writes a table of rows to a CSV or XLSX file, row by row; every export goes through here.

Rows come from an iterator and go straight to the file, so memory stays flat however many rows
there are: the csv module writes each row as it comes, and openpyxl's write-only workbook streams
its sheet to disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel", "zip": "ZIP"}
# A spreadsheet treats a cell starting with these as a formula; a name like "=HYPERLINK(...)"
# typed into a form must stay text when staff open the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# How often, in rows, a long export says how far it has got.
PROGRESS_EVERY = 2000

Progress = Callable[[int], None]


def cell(value: Any) -> Any:
    """A value as a spreadsheet should receive it: no formulas, no time zones, no None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        # Spreadsheets have no time zones: show the time as it was in London.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sheet_title(title: str) -> str:
    """A sheet name spreadsheets accept: none of []:*?/\\ (as in "2026/27"), 31 at most."""
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31]


def _counted(rows: Iterable[Sequence[Any]], progress: Progress) -> Iterable[list[Any]]:
    done = 0
    for row in rows:
        yield [cell(value) for value in row]
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done)
    progress(done)


def write_csv(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], progress: Progress
) -> None:
    # utf-8-sig starts the file with a byte order mark, which makes Excel read it as UTF-8
    # (names with accents survive).
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(_counted(rows, progress))


def write_xlsx(
    path: Path,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress,
) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    sheet.append(list(headers))
    for row in _counted(rows, progress):
        sheet.append(row)
    workbook.save(path)


def write(
    path: Path,
    fmt: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress,
) -> None:
    """Write `rows` under `headers` to `path` as `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        write_csv(path, headers, rows, progress)
    elif fmt == "xlsx":
        write_xlsx(path, title, headers, rows, progress)
    else:
        raise ValueError(f"Exports come as csv or xlsx, not {fmt!r}")
