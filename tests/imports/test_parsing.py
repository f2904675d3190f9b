"""Reading CSV and XLSX files into numbered rows, and refusing files that cannot be read."""

from __future__ import annotations

import datetime as dt

from commonground.programmes.imports.parsing import MAX_ROWS, read_file
from tests.imports.conftest import csv_bytes, person_row, xlsx_bytes


def test_it_reads_a_csv_with_headers_in_any_order_and_case() -> None:
    content = (
        b"Email,LAST_NAME,first name,Organisation,Status\nann@example.org,Lee,Ann,ECC,active\n"
    )
    parsed = read_file(content)
    assert parsed.problems == []
    assert parsed.rows[0].line == 2
    assert parsed.rows[0].cells["first_name"] == "Ann"
    assert parsed.rows[0].cells["email"] == "ann@example.org"


def test_it_reads_a_csv_saved_with_a_byte_order_mark() -> None:
    parsed = read_file(b"\xef\xbb\xbf" + csv_bytes([person_row("Ann", "Lee")]))
    assert parsed.problems == []
    assert parsed.rows[0].cells["first_name"] == "Ann"


def test_it_counts_lines_as_the_file_shows_them() -> None:
    content = (
        b"first_name,last_name,email,organisation,status,job_title\n"
        b"\n"
        b'Ann,Lee,ann@example.org,ECC,active,"Head of\nService"\n'
        b"Bo,Ng,bo@example.org,ECC,active,Director\n"
    )
    parsed = read_file(content)
    assert [row.line for row in parsed.rows] == [3, 5]


def test_it_reads_the_first_sheet_of_an_xlsx_with_real_dates() -> None:
    content = xlsx_bytes(
        [
            ["First name", "Last name", "Email", "Organisation", "Status", "Enrolled on"],
            ["Ann", "Lee", "ann@example.org", "ECC", "active", dt.datetime(2018, 9, 12)],
        ]
    )
    parsed = read_file(content)
    assert parsed.problems == []
    assert parsed.rows[0].line == 2
    assert parsed.rows[0].cells["enrolled_on"] == dt.datetime(2018, 9, 12)


def test_it_says_an_empty_file_is_empty() -> None:
    assert [str(p) for p in read_file(b"").problems] == ["The file is empty"]
    assert [str(p) for p in read_file(b"\n \n").problems] == ["The file is empty"]


def test_it_says_a_header_alone_has_no_people() -> None:
    problems = read_file(b"first_name,last_name,email,organisation,status\n").problems
    assert [str(p) for p in problems] == ["The file has column headings but no rows of people"]


def test_it_refuses_a_file_that_is_neither_csv_nor_xlsx() -> None:
    for content in (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04not really a workbook",
        "first_name\nAnn\n".encode("utf-16"),
    ):
        problems = [str(p) for p in read_file(content).problems]
        assert len(problems) == 1
        assert problems[0].startswith("The file is neither a CSV file")


def test_it_names_each_missing_column() -> None:
    problems = read_file(b"first_name,last_name\nAnn,Lee\n").problems
    assert [str(p) for p in problems] == [
        "Column 'email' is missing",
        "Column 'organisation' is missing",
        "Column 'status' is missing",
    ]


def test_it_suggests_the_column_meant_by_an_unknown_heading() -> None:
    content = csv_bytes(
        [person_row("Ann", "Lee")],
        headers=["first_name", "last_name", "email", "organisation", "status", "sponser_email"],
    )
    problems = read_file(content).problems
    assert [str(p) for p in problems] == [
        "Line 1, column sponser_email: 'sponser_email' is not a column this import knows "
        "(did you mean 'sponsor_email'?)"
    ]


def test_it_refuses_a_repeated_column() -> None:
    problems = read_file(b"email,first_name,last_name,organisation,status,Email\n").problems
    assert "Line 1, column email: Column 'email' appears more than once" in [
        str(p) for p in problems
    ]


def test_it_refuses_more_rows_than_it_imports_at_once() -> None:
    rows = [person_row("Ann", f"Lee{n}") for n in range(MAX_ROWS + 1)]
    problems = read_file(csv_bytes(rows)).problems
    assert [str(p) for p in problems] == [
        "The file has 2,001 rows; import at most 2,000 rows at a time"
    ]
