"""CSV and XLSX downloads: readable by spreadsheets, safe from formulas, right names."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.http import Http404

from commonground.lib.exports import Table, export_response


def _table() -> Table:
    return Table(
        title="Attendance 2026/27",
        headers=["Name", "Recorded at"],
        rows=[
            ['=HYPERLINK("http://bad")', dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)],
            ["Zoë Brontë", None],
        ],
        filename="attendance",
    )


def test_it_writes_csv_that_excel_reads_as_utf8_with_formulas_defused() -> None:
    response = export_response(_table(), "csv")
    assert response["Content-Disposition"] == 'attachment; filename="attendance.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Name", "Recorded at"]
    assert rows[1][0].startswith("'=")
    assert rows[1][1] == "2026-07-01 09:30:00"
    assert rows[2] == ["Zoë Brontë", ""]


def test_it_writes_xlsx_with_a_valid_sheet_name_and_london_times() -> None:
    response = export_response(_table(), "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet is not None
    assert sheet.title == "Attendance 2026-27"
    assert sheet["A2"].value.startswith("'=")
    assert sheet["B2"].value == dt.datetime(2026, 7, 1, 9, 30)


def test_it_refuses_other_formats() -> None:
    with pytest.raises(Http404):
        export_response(_table(), "pdf")
