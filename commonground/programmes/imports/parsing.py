"""Reads an uploaded CSV or XLSX file into rows keyed by column name, each with its line number."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from dataclasses import dataclass, field

from openpyxl import load_workbook

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024

REQUIRED_COLUMNS = ("first_name", "last_name", "email", "organisation", "status")
OPTIONAL_COLUMNS = (
    "organisation_sector",
    "organisation_area",
    "job_title",
    "band",
    "enrolled_on",
    "left_on",
    "sponsor_first_name",
    "sponsor_last_name",
    "sponsor_email",
    "sponsor_organisation",
    "sponsor_job_title",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where it is (line, column) when known, and what is wrong."""

    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        if self.line is None:
            return self.reason
        if self.column is None:
            return f"Line {self.line}: {self.reason}"
        return f"Line {self.line}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Row:
    """One data row of the file: its line (as a spreadsheet shows it) and its cells by column."""

    line: int
    cells: dict[str, Cell]


@dataclass
class ParsedFile:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_xlsx(content: bytes) -> bool:
    """XLSX files are ZIP archives; CSV files never start with the ZIP signature."""
    return content.startswith(b"PK\x03\x04")


def read_file(content: bytes) -> ParsedFile:
    """The file's rows, or the problems that stop it being read at all."""
    if not content.strip():
        return ParsedFile(problems=[Problem(None, None, "The file is empty")])
    table = _xlsx_table(content) if is_xlsx(content) else _csv_table(content)
    if table is None:
        return ParsedFile(problems=[Problem(None, None, NOT_A_TABLE)])
    return _rows(table)


NOT_A_TABLE = (
    "The file is neither a CSV file (saved as UTF-8) nor an XLSX spreadsheet; "
    "save it as one of these and upload it again"
)

Table = list[tuple[int, list[Cell]]]


def _csv_table(content: bytes) -> Table | None:
    if b"\x00" in content:
        return None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    table: Table = []
    try:
        start = 1
        for values in reader:
            table.append((start, list(values)))
            # A quoted cell may span lines: the next record starts after the last line read.
            start = reader.line_num + 1
    except csv.Error:
        return None
    return table


def _xlsx_table(content: bytes) -> Table | None:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    # openpyxl raises many kinds of error on a damaged or foreign ZIP file; all mean "not XLSX".
    except Exception:
        return None
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell(value: object) -> Cell:
    """Spreadsheet values as plain Python; rich text, decimals and formulas become text."""
    if value is None or isinstance(value, str | int | float | dt.date | dt.time):
        return value
    return str(value)


def _is_blank(values: list[Cell]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def normalise_header(value: Cell) -> str:
    """Header names are case-insensitive and may use spaces for underscores ("First name")."""
    text = "" if value is None else str(value)
    return "_".join(text.strip().lower().replace("-", " ").split())


def _rows(table: Table) -> ParsedFile:
    filled = [(line, values) for line, values in table if not _is_blank(values)]
    if not filled:
        return ParsedFile(problems=[Problem(None, None, "The file is empty")])
    header_line, header = filled[0]
    columns, problems = _columns(header_line, header)
    data = filled[1:]
    if not data:
        problems.append(Problem(None, None, "The file has column headings but no rows of people"))
    if len(data) > MAX_ROWS:
        problems.append(
            Problem(
                None,
                None,
                f"The file has {len(data):,} rows; import at most {MAX_ROWS:,} rows at a time",
            )
        )
    if problems:
        return ParsedFile(problems=problems)
    rows = [
        Row(
            line=line,
            cells={
                name: values[index] if index < len(values) else None
                for index, name in columns.items()
            },
        )
        for line, values in data
    ]
    return ParsedFile(rows=rows)


def _columns(line: int, header: list[Cell]) -> tuple[dict[int, str], list[Problem]]:
    """Which position holds which column; unknown, repeated and missing columns are problems."""
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    for index, value in enumerate(header):
        name = normalise_header(value)
        if not name:
            continue
        if name in columns.values():
            problems.append(Problem(line, name, f"Column '{name}' appears more than once"))
        elif name not in COLUMNS:
            problems.append(Problem(line, name, _unknown_column(name)))
        else:
            columns[index] = name
    for name in REQUIRED_COLUMNS:
        if name not in columns.values():
            problems.append(Problem(None, name, f"Column '{name}' is missing"))
    return columns, problems


def _unknown_column(name: str) -> str:
    close = difflib.get_close_matches(name, COLUMNS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{name}' is not a column this import knows{hint}"
