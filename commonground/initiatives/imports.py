"""Reads an indicator's values from a CSV file: every row checked, each problem with its line and
column, and nothing written unless the whole file is right."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from commonground.programmes.imports.parsing import Problem, normalise_header

MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000
REQUIRED = ("period_end", "value")
COLUMNS = (*REQUIRED, "note")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
LARGEST = Decimal("9999999999.99")
NOTE_LENGTH = 200


@dataclass(frozen=True)
class ValueRow:
    line: int
    period_end: dt.date
    value: Decimal
    note: str


@dataclass
class ReadValues:
    rows: list[ValueRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_values(content: bytes) -> ReadValues:
    """The file's values, or every problem in it (then no rows)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ReadValues(
            problems=[Problem(None, None, "The file is not a CSV file saved as UTF-8")]
        )
    if "\x00" in text:
        return ReadValues(
            problems=[Problem(None, None, "The file is not a CSV file saved as UTF-8")]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = [(reader.line_num, values) for values in reader]
    except csv.Error as error:
        return ReadValues(
            problems=[Problem(reader.line_num, None, f"cannot be read as CSV ({error})")]
        )
    lines = [(n, values) for n, values in lines if any(v.strip() for v in values)]
    if not lines:
        return ReadValues(problems=[Problem(None, None, "The file is empty")])
    header_line, header = lines[0]
    columns, problems = _columns(header_line, header)
    if len(lines) == 1:
        problems.append(Problem(None, None, "The file has column headings but no values"))
    if len(lines) - 1 > MAX_ROWS:
        problems.append(Problem(None, None, f"Import at most {MAX_ROWS:,} values at a time"))
    if problems:
        return ReadValues(problems=problems)
    found = ReadValues()
    seen: dict[dt.date, int] = {}
    for line, values in lines[1:]:
        cells = {
            name: (values[i].strip() if i < len(values) else "") for i, name in columns.items()
        }
        row = _row(line, cells, found.problems)
        if row is None:
            continue
        if row.period_end in seen:
            found.problems.append(
                Problem(
                    line,
                    "period_end",
                    f"the period ending {row.period_end:%-d %B %Y} is already on line "
                    f"{seen[row.period_end]}",
                )
            )
            continue
        seen[row.period_end] = line
        found.rows.append(row)
    if found.problems:
        found.rows = []
    return found


def _columns(line: int, header: list[str]) -> tuple[dict[int, str], list[Problem]]:
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    for index, value in enumerate(header):
        name = normalise_header(value)
        if not name:
            continue
        if name in columns.values():
            problems.append(Problem(line, name, f"Column '{name}' appears more than once"))
        elif name not in COLUMNS:
            problems.append(
                Problem(line, name, f"'{name}' is not a column: use period_end, value and note")
            )
        else:
            columns[index] = name
    for name in REQUIRED:
        if name not in columns.values():
            problems.append(Problem(None, name, f"Column '{name}' is missing"))
    return columns, problems


def _date(text: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _row(line: int, cells: dict[str, str], problems: list[Problem]) -> ValueRow | None:
    before = len(problems)
    period_end = _date(cells["period_end"])
    if not cells["period_end"]:
        problems.append(Problem(line, "period_end", "enter the last day of the period"))
    elif period_end is None:
        problems.append(
            Problem(
                line,
                "period_end",
                f"'{cells['period_end']}' is not a date; write it as 2025-06-30 or 30/06/2025",
            )
        )
    value = _value(cells["value"])
    if isinstance(value, str):
        problems.append(Problem(line, "value", value))
    note = cells.get("note", "")
    if len(note) > NOTE_LENGTH:
        problems.append(
            Problem(line, "note", f"the note must be {NOTE_LENGTH} characters or fewer")
        )
    if len(problems) > before or period_end is None or isinstance(value, str):
        return None
    return ValueRow(line, period_end, value, note)


def _value(text: str) -> Decimal | str:
    """The number, or what is wrong with it."""
    if not text:
        return "enter the value"
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return f"'{text}' is not a number; write it like 42 or 12.5"
    if not number.is_finite():
        return f"'{text}' is not a number; write it like 42 or 12.5"
    # The size first: rounding a number with more digits than the context holds fails.
    if abs(number) > LARGEST:
        return f"'{text}' is too large"
    if number != number.quantize(Decimal("0.01")):
        return f"'{text}' has more than 2 decimal places"
    return number
