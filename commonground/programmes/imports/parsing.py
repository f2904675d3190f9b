"""Reads an uploaded CSV or XLSX file into rows keyed by column name, each with its line number."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from openpyxl import load_workbook

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
# The csv module's own default limit; a longer cell is reported where it is.
MAX_CELL_CHARS = 131_072
# A spreadsheet may have a heading and some blank rows besides MAX_ROWS of people; beyond this
# it is refused before its rows are read (a small file can unpack to a huge sheet).
MAX_SHEET_ROWS = MAX_ROWS + 100
TOO_MANY_ROWS = "import at most {limit:,} rows at a time"

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


def read_file(
    content: bytes,
    required: tuple[str, ...] = REQUIRED_COLUMNS,
    optional: tuple[str, ...] = OPTIONAL_COLUMNS,
) -> ParsedFile:
    """The file's rows, or the problems that stop it being read at all. The columns default to
    a cohort's; another import (posts, say) names its own and shares the rest."""
    if not content.strip():
        return ParsedFile(problems=[Problem(None, None, "The file is empty")])
    table = _xlsx_table(content) if is_xlsx(content) else _csv_table(content)
    if table is None:
        return ParsedFile(problems=[Problem(None, None, NOT_A_TABLE)])
    if isinstance(table, Problem):
        return ParsedFile(problems=[table])
    return _rows(table, required, optional)


NOT_A_TABLE = (
    "The file is neither a CSV file (saved as UTF-8) nor an XLSX spreadsheet; "
    "save it as one of these and upload it again"
)

Table = list[tuple[int, list[Cell]]]


@contextmanager
def _cells_of_any_length() -> Iterator[None]:
    """Lets the csv module read a cell as long as the file, so a long one can be reported with
    its line and column rather than as an unreadable file; the module's limit is restored."""
    previous = csv.field_size_limit(MAX_BYTES + 1)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _csv_table(content: bytes) -> Table | Problem | None:
    if b"\x00" in content:
        return None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    table: Table = []
    # reader.line_num is the line a record ends on; a quoted cell may span lines, so each record
    # is numbered by the line it starts on, one after the previous record's end.
    start = 1
    with _cells_of_any_length():
        try:
            for values in reader:
                long_cell = next((i for i, v in enumerate(values) if len(v) > MAX_CELL_CHARS), None)
                if long_cell is not None:
                    column = _column_name(table, long_cell)
                    return Problem(
                        start, column, f"the cell is longer than {MAX_CELL_CHARS:,} characters"
                    )
                table.append((start, list(values)))
                start = reader.line_num + 1
        except csv.Error as error:
            return Problem(start, None, f"the file cannot be read as CSV here ({error})")
    return table


def _column_name(table: Table, index: int) -> str:
    """The heading of column `index` (from 0) as the file names it, else its position."""
    for _, values in table:
        if not _is_blank(values):
            heading = values[index] if index < len(values) else None
            return normalise_header(heading) or str(index + 1)
    return str(index + 1)


def _xlsx_table(content: bytes) -> Table | Problem | None:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    # openpyxl raises many kinds of error on a damaged or foreign ZIP file; all mean "not XLSX".
    except Exception:
        return None
    try:
        sheet = workbook.worksheets[0]
        # The sheet's dimension record gives its size without reading it (None when absent).
        size = sheet.max_row
        if size is not None and size > MAX_SHEET_ROWS:
            return Problem(
                None,
                None,
                f"The spreadsheet has {size:,} rows; " + TOO_MANY_ROWS.format(limit=MAX_ROWS),
            )
        table: Table = []
        rows = sheet.iter_rows(min_row=1, values_only=True)
        for number, values in enumerate(rows, start=1):
            if number > MAX_SHEET_ROWS:
                return Problem(
                    None,
                    None,
                    f"The spreadsheet has more than {MAX_SHEET_ROWS:,} rows; "
                    + TOO_MANY_ROWS.format(limit=MAX_ROWS),
                )
            table.append((number, [_cell(value) for value in values]))
        return table
    # A damaged sheet inside a readable ZIP fails while it is read, with openpyxl's many errors.
    except Exception:
        return None
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


def _rows(table: Table, required: tuple[str, ...], optional: tuple[str, ...]) -> ParsedFile:
    filled = [(line, values) for line, values in table if not _is_blank(values)]
    if not filled:
        return ParsedFile(problems=[Problem(None, None, "The file is empty")])
    header_line, header = filled[0]
    columns, problems = _columns(header_line, header, required, required + optional)
    data = filled[1:]
    if not data:
        problems.append(Problem(None, None, "The file has column headings but no rows of people"))
    if len(data) > MAX_ROWS:
        problems.append(
            Problem(
                None,
                None,
                f"The file has {len(data):,} rows; " + TOO_MANY_ROWS.format(limit=MAX_ROWS),
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


def _columns(
    line: int, header: list[Cell], required: tuple[str, ...], known: tuple[str, ...]
) -> tuple[dict[int, str], list[Problem]]:
    """Which position holds which column; unknown, repeated and missing columns are problems."""
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    for index, value in enumerate(header):
        name = normalise_header(value)
        if not name:
            continue
        if name in columns.values():
            problems.append(Problem(line, name, f"Column '{name}' appears more than once"))
        elif name not in known:
            problems.append(Problem(line, name, _unknown_column(name, known)))
        else:
            columns[index] = name
    for name in required:
        if name not in columns.values():
            problems.append(Problem(None, name, f"Column '{name}' is missing"))
    return columns, problems


def _unknown_column(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{name}' is not a column this import knows{hint}"
