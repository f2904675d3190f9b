"""Files that are small on disk but huge inside, cells longer than a CSV reader allows, and
problems in records that span lines: each reported where it is, quickly, without a traceback."""

from __future__ import annotations

import io
import time
import zipfile

from openpyxl import Workbook

from commonground.programmes.imports.parsing import MAX_CELL_CHARS, read_file

HEADER = ["first_name", "last_name", "email", "organisation", "status", "job_title"]


def _streamed_xlsx(rows: int) -> bytes:
    """A workbook written row by row, as many tools do: it has no dimension record."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(["Ann", "Lee", f"ann{n}@example.org", "ECC", "active", "Head"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _with_dimension(content: bytes, ref: str) -> bytes:
    """The same workbook with a dimension record claiming the sheet spans `ref`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>'.encode()
                )
            target.writestr(item, data)
    return out.getvalue()


def test_a_sheet_whose_dimension_is_too_big_is_refused_before_it_is_read() -> None:
    content = _with_dimension(_streamed_xlsx(5), "A1:F100000")
    started = time.monotonic()
    parsed = read_file(content)
    assert time.monotonic() - started < 2
    assert [str(p) for p in parsed.problems] == [
        "The spreadsheet has 100,000 rows; import at most 2,000 rows at a time"
    ]


def test_a_sheet_without_a_dimension_stops_being_read_past_the_limit() -> None:
    parsed = read_file(_streamed_xlsx(2_200))
    assert [str(p) for p in parsed.problems] == [
        "The spreadsheet has more than 2,100 rows; import at most 2,000 rows at a time"
    ]


def test_a_sheet_just_over_the_limit_names_its_row_count() -> None:
    parsed = read_file(_streamed_xlsx(2_001))
    assert [str(p) for p in parsed.problems] == [
        "The file has 2,001 rows; import at most 2,000 rows at a time"
    ]


def test_a_csv_cell_too_long_is_reported_with_its_line_and_column() -> None:
    long = "x" * (MAX_CELL_CHARS + 1)
    content = (
        "first_name,last_name,email,organisation,status,job_title\n"
        "Ann,Lee,ann@example.org,ECC,active,Head\n"
        f'Bo,Ng,bo@example.org,ECC,active,"{long}"\n'
    ).encode()
    parsed = read_file(content)
    assert [str(p) for p in parsed.problems] == [
        "Line 3, column job_title: the cell is longer than 131,072 characters"
    ]


def test_a_long_cell_in_a_record_spanning_lines_names_the_line_it_starts_on() -> None:
    long = "y" * (MAX_CELL_CHARS + 1)
    content = (
        "first_name,last_name,email,organisation,status,job_title\n"
        'Ann,Lee,ann@example.org,ECC,active,"Head of\nService\nDelivery"\n'
        f'Bo,Ng,bo@example.org,ECC,active,"Director of\n{long}"\n'
    ).encode()
    parsed = read_file(content)
    assert [str(p) for p in parsed.problems] == [
        "Line 5, column job_title: the cell is longer than 131,072 characters"
    ]


def test_reading_a_long_cell_leaves_the_csv_modules_limit_as_it_was() -> None:
    import csv

    before = csv.field_size_limit()
    read_file(b"first_name\n" + b"z" * (MAX_CELL_CHARS + 5) + b"\n")
    assert csv.field_size_limit() == before
