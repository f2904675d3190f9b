"""Writes a table of rows to a CSV or XLSX file, row by row; every export goes through here.

Rows come from an iterator and go straight to the file, so memory stays flat however many rows
there are: the csv module writes each row as it comes, and XlsxWriter's constant-memory workbook
writes each row of its sheet to disk as soon as the next one starts.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .lazy_modules import lazy

if TYPE_CHECKING:
    import xlsxwriter
    from xlsxwriter.worksheet import Worksheet
else:
    xlsxwriter = lazy("xlsxwriter")

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
    """An Excel workbook of one sheet. Each value goes in by its type (text, number, true or
    false, date, date and time) with XlsxWriter's own call for it, so no text is ever read as a
    formula, a number or a link; an empty value leaves the cell blank."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent)})
    try:
        sheet = workbook.add_worksheet(sheet_title(title))
        put = _xlsx_cell(
            sheet,
            workbook.add_format({"num_format": "yyyy-mm-dd h:mm:ss"}),
            workbook.add_format({"num_format": "yyyy-mm-dd"}),
        )
        for column, header in enumerate(headers):
            sheet.write_string(0, column, header)
        for number, row in enumerate(_counted(rows, progress), start=1):
            for column, value in enumerate(row):
                put(number, column, value)
    finally:
        workbook.close()


def _xlsx_cell(sheet: Worksheet, when: Any, day: Any) -> Callable[[int, int, Any], None]:
    text, number, truth, moment = (
        sheet.write_string,
        sheet.write_number,
        sheet.write_boolean,
        sheet.write_datetime,
    )

    def put(row: int, column: int, value: Any) -> None:
        kind = value.__class__
        if kind is str:
            if value:
                text(row, column, value)
        elif kind is bool:
            truth(row, column, value)
        elif kind is int or kind is float:
            number(row, column, value)
        elif isinstance(value, dt.datetime):
            moment(row, column, value, when)
        elif isinstance(value, dt.date):
            moment(row, column, value, day)
        elif isinstance(value, int | float | Decimal):
            number(row, column, float(value))
        else:
            text(row, column, str(value))

    return put


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
