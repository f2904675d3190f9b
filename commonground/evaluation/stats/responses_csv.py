"""Reading responses from a CSV file, checked against the instrument, every problem located."""

import csv
import math
from collections.abc import Iterator
from pathlib import Path

from commonground.evaluation.stats.instrument import Instrument, Scale
from commonground.evaluation.stats.instrument_file import RESERVED_COLUMNS
from commonground.evaluation.stats.problems import InvalidInput, Problems
from commonground.evaluation.stats.responses import RATER_TYPES, WAVES, Response

REQUIRED_COLUMNS = ("respondent", "wave", "rater_type")


def load_responses(path: Path, instrument: Instrument) -> list[Response]:
    """Read every row; raises InvalidInput listing each problem by line and column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return parse_responses(file, instrument, path.name)
    except OSError as error:
        raise InvalidInput([f"{path.name}: cannot be read ({error.strerror})."]) from error
    except UnicodeDecodeError as error:
        raise InvalidInput([f"{path.name}: is not UTF-8 text."]) from error


def parse_responses(lines: Iterator[str], instrument: Instrument, name: str) -> list[Response]:
    """Parse CSV text: one row per respondent, wave and rater type, a column per question."""
    problems = Problems()
    reader = csv.DictReader(lines)
    try:
        fieldnames = list(reader.fieldnames or [])
    except csv.Error as error:
        raise InvalidInput([f"{name} line 1: {_csv_error(error)}"]) from None
    if not _header_usable(fieldnames, instrument, name, problems):
        problems.raise_if_any()
    rows = _RowReader(instrument, name, problems)
    responses = []
    # reader.line_num is the line a record ends on; a quoted cell may span lines, so each row is
    # named by the line it starts on, one after the previous record's end.
    start = reader.line_num + 1
    try:
        for row in reader:
            responses.append(rows.read(row, start))
            start = reader.line_num + 1
    except csv.Error as error:
        problems.add(f"{name} line {start}: {_csv_error(error)}")
        problems.raise_if_any()
    problems.raise_if_any()
    return responses


def _csv_error(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return f"a cell is longer than {csv.field_size_limit():,} characters."
    return f"cannot be read as CSV ({error})."


def _header_usable(
    columns: list[str], instrument: Instrument, name: str, problems: Problems
) -> bool:
    """Note header problems; rows are still worth reading past unknown columns alone."""
    known = set(instrument.scales()) | {q.id for q in instrument.free_text}
    usable = True
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.add(f"{name} line 1: the column {column!r} is missing.")
            usable = False
    for column in columns:
        if columns.count(column) > 1:
            problems.add(f"{name} line 1: the column {column!r} appears more than once.")
            usable = False
        elif column not in known and column not in RESERVED_COLUMNS:
            problems.add(
                f"{name} line 1: the column {column!r} is not a question in the instrument."
            )
    return usable


class _RowReader:
    """Turns CSV rows into Responses, noting each bad cell and repeated self-assessment."""

    def __init__(self, instrument: Instrument, name: str, problems: Problems) -> None:
        self.scales = instrument.scales()
        self.free_text = {q.id for q in instrument.free_text}
        self.name = name
        self.problems = problems
        self.self_rows: dict[tuple[str, str, str], int] = {}

    def problem(self, line: int, column: str | None, message: str) -> None:
        where = f"{self.name} line {line}" + (f", column {column!r}" if column else "")
        self.problems.add(f"{where}: {message}")

    def read(self, row: dict[str | None, str | None], line: int) -> Response:
        if None in row:
            self.problem(line, None, "has more cells than the header has columns.")
        respondent = (row.get("respondent") or "").strip()
        wave = (row.get("wave") or "").strip()
        rater_type = (row.get("rater_type") or "").strip()
        cohort = (row.get("cohort") or "").strip()
        if not respondent:
            self.problem(line, "respondent", "is blank; every row needs the participant's id.")
        if wave not in WAVES:
            self.problem(line, "wave", f"{wave!r} is not one of {', '.join(WAVES)}.")
        if rater_type not in RATER_TYPES:
            self.problem(
                line, "rater_type", f"{rater_type!r} is not one of {', '.join(RATER_TYPES)}."
            )
        if rater_type == "self":
            self._check_repeat((cohort, respondent, wave), line)
        return Response(
            respondent=respondent,
            wave=wave,
            rater_type=rater_type,
            cohort=cohort,
            ratings=self._ratings(row, line),
            comments={q: text for q in self.free_text if (text := (row.get(q) or "").strip())},
        )

    def _check_repeat(self, key: tuple[str, str, str], line: int) -> None:
        first = self.self_rows.setdefault(key, line)
        if first != line:
            _, respondent, wave = key
            self.problem(
                line, None, f"{respondent!r} already rated themselves at {wave!r} on line {first}."
            )

    def _ratings(self, row: dict[str | None, str | None], line: int) -> dict[str, float]:
        ratings = {}
        for column, scale in self.scales.items():
            cell = (row.get(column) or "").strip()
            if cell:
                value = self._value(cell, scale, line, column)
                if value is not None:
                    ratings[column] = value
        return ratings

    def _value(self, cell: str, scale: Scale, line: int, column: str) -> float | None:
        try:
            value = float(cell)
        except ValueError:
            self.problem(line, column, f"{cell!r} is not a number.")
            return None
        if not math.isfinite(value) or not scale.minimum <= value <= scale.maximum:
            self.problem(line, column, f"{cell} is outside the scale {scale.describe()}.")
            return None
        if scale.is_likert and not value.is_integer():
            self.problem(
                line,
                column,
                f"{cell} is not one of the whole points of the scale {scale.describe()}.",
            )
            return None
        return value
