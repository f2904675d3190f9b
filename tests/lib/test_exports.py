"""CSV and XLSX files: readable by spreadsheets, safe from formulas, written as the rows come."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from commonground.lib import exports

HEADERS = ["Name", "Recorded at"]
ROWS: list[list[Any]] = [
    ['=HYPERLINK("http://bad")', dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)],
    ["Zoë Brontë", None],
]


def _write(path: Path, fmt: str, rows: Any = ROWS) -> list[int]:
    said: list[int] = []
    exports.write(path, fmt, "Attendance 2026/27", HEADERS, rows, said.append)
    return said


def test_it_writes_csv_that_excel_reads_as_utf8_with_formulas_defused(tmp_path: Path) -> None:
    path = tmp_path / "attendance.csv"
    _write(path, "csv")
    assert path.read_bytes().startswith("\ufeff".encode())
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert rows[0] == ["Name", "Recorded at"]
    assert rows[1][0].startswith("'=")
    assert rows[1][1] == "2026-07-01 09:30:00"
    assert rows[2] == ["Zoë Brontë", ""]


def test_it_writes_xlsx_with_a_valid_sheet_name_and_london_times(tmp_path: Path) -> None:
    path = tmp_path / "attendance.xlsx"
    _write(path, "xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet.title == "Attendance 2026-27"
    assert sheet["A2"].value.startswith("'=")
    assert sheet["B2"].value == dt.datetime(2026, 7, 1, 9, 30)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_reads_the_rows_once_as_they_come_and_says_how_far_it_has_got(
    tmp_path: Path, fmt: str
) -> None:
    made = 0

    def rows() -> Iterator[list[Any]]:
        nonlocal made
        for n in range(5000):
            made += 1
            yield [f"Person {n}", None]

    said = _write(tmp_path / f"people.{fmt}", fmt, rows())
    assert made == 5000
    assert said == [2000, 4000, 5000]


def test_it_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="csv or xlsx"):
        _write(tmp_path / "attendance.pdf", "pdf")


def test_xlsx_cells_keep_their_types_and_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "types.xlsx"
    rows = [["12", 12, 2.5, True, dt.date(2026, 9, 1), "", "http://example.org", "+44 1234"]]
    exports.write(path, "xlsx", "Types", [f"c{n}" for n in range(8)], rows, lambda done: None)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    got = next(sheet.iter_rows(min_row=2, values_only=True))
    # Text that looks like a number, a link or a formula is kept as typed (the last defused).
    assert got == (
        "12",
        12,
        2.5,
        True,
        dt.datetime(2026, 9, 1),
        None,
        "http://example.org",
        "'+44 1234",
    )
    assert sheet["E2"].number_format == "yyyy-mm-dd"
