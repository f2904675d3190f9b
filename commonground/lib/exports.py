"""Turns a table of rows into a CSV or XLSX download; every export goes through here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet treats a cell starting with these as a formula; a name like "=HYPERLINK(...)"
# typed into a form must stay text when staff open the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    filename: str


def _cell(value: Any) -> Any:
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


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_cell(value) for value in row])
    # The byte order mark makes Excel read the file as UTF-8 (names with accents survive).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(table.title))
    sheet.append(list(table.headers))
    for row in table.rows:
        sheet.append([_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(table: Table, fmt: str) -> HttpResponse:
    """The download for `fmt` ("csv" or "xlsx"); any other format is a page that does not exist."""
    if fmt not in FORMATS:
        raise Http404("Exports come as csv or xlsx")
    body = to_csv(table) if fmt == "csv" else to_xlsx(table)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{fmt}"'
    return response
