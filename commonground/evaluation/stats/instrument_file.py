"""Reading an instrument from its JSON file, reporting every problem with where it is."""

import json
import re
from pathlib import Path

from commonground.evaluation.stats.instrument import (
    FreeTextQuestion,
    Indicator,
    Instrument,
    Scale,
    Statement,
    Theme,
)
from commonground.evaluation.stats.problems import InvalidInput, Problems

# An instrument nests five levels (themes, indicators, statements); anything deeper is a mistake.
MAX_DEPTH = 50
RESERVED_COLUMNS = ("respondent", "wave", "rater_type", "cohort")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_STATEMENT_KINDS = (("reactions", "reaction"), ("outcomes", "outcome"))
# Stands in for a scale the file names but does not define, so that one
# mistake is reported once; the instrument is never returned with it.
_UNKNOWN_SCALE = Scale(minimum=0, maximum=0)


def load_instrument(path: Path) -> Instrument:
    """Read and check an instrument file; raises InvalidInput listing every problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        deep = too_deep(text)
        if deep is not None:
            line, column = deep
            message = (
                f"{path.name} line {line}, column {column}: nested more than {MAX_DEPTH} deep."
            )
            raise InvalidInput([message])
        data = json.loads(text)
    except OSError as error:
        raise InvalidInput([f"{path.name}: cannot be read ({error.strerror})."]) from error
    except UnicodeDecodeError as error:
        raise InvalidInput([f"{path.name}: is not UTF-8 text."]) from error
    except json.JSONDecodeError as error:
        message = f"{path.name} line {error.lineno}, column {error.colno}: {error.msg}."
        raise InvalidInput([message]) from error
    return parse_instrument(data, path.name)


def too_deep(text: str) -> tuple[int, int] | None:
    """Where (line, column) the JSON first nests deeper than MAX_DEPTH, or None.

    Checked before parsing: Python's JSON reader recurses once per level, and a file nested a
    few thousand levels deep would stop it with a RecursionError.
    """
    depth, line, column, in_string, escaped = 0, 1, 0, False, False
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif in_string:
            escaped, in_string = (
                (not escaped and char == "\\"),
                in_string and (escaped or char != '"'),
            )
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, column
        elif char in "]}":
            depth -= 1
    return None


def parse_instrument(data: object, name: str = "instrument") -> Instrument:
    """Build an Instrument from parsed JSON, checking ids, scales and references."""
    problems = Problems()
    reader = _Reader(name, problems)
    top = reader.mapping(data, "")
    scales = _scales(reader, top.get("scales"))
    themes = tuple(_theme(reader, t, where, scales) for where, t in reader.items(top, "themes"))
    statements = tuple(
        _statement(reader, s, where, scales, kind)
        for key, kind in _STATEMENT_KINDS
        for where, s in reader.items(top, key, required=False)
    )
    free_text = tuple(
        FreeTextQuestion(reader.text(q, "id", where), reader.text(q, "wording", where))
        for where, q in reader.items(top, "free_text", required=False)
    )
    instrument = Instrument(reader.text(top, "title", ""), themes, statements, free_text)
    _check_ids(reader, instrument)
    problems.raise_if_any()
    return instrument


class _Reader:
    """Reads untyped JSON, noting a problem (with its path) for anything missing or wrong."""

    def __init__(self, name: str, problems: Problems) -> None:
        self.name = name
        self.problems = problems

    def problem(self, where: str, message: str) -> None:
        self.problems.add(f"{self.name}{': ' + where if where else ''}: {message}")

    def mapping(self, value: object, where: str) -> dict[str, object]:
        if isinstance(value, dict):
            return value
        self.problem(where, "should be an object ({...}).")
        return {}

    def items(
        self, parent: dict[str, object], key: str, where: str = "", required: bool = True
    ) -> list[tuple[str, dict[str, object]]]:
        """The objects listed under `key`, each with its path for messages."""
        path = f"{where}.{key}" if where else key
        value = parent.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value):
            self.problem(path, "should be a non-empty list ([...]).")
            return []
        return [(f"{path}[{i}]", self.mapping(v, f"{path}[{i}]")) for i, v in enumerate(value)]

    def text(self, parent: dict[str, object], key: str, where: str) -> str:
        value = parent.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.problem(f"{where}.{key}" if where else key, "should be some text.")
        return ""


def _scales(reader: _Reader, value: object) -> dict[str, Scale]:
    scales = {}
    for name, spec in reader.mapping(value, "scales").items():
        where = f"scales.{name}"
        kind = reader.mapping(spec, where).get("type")
        labels = reader.mapping(spec, where).get("labels")
        if kind == "0-100":
            scales[name] = Scale.percent()
        elif kind != "likert":
            reader.problem(f"{where}.type", 'should be "likert" or "0-100".')
        elif isinstance(labels, list) and len(labels) >= 2 and all(_is_text(x) for x in labels):
            scales[name] = Scale.likert(tuple(str(x).strip() for x in labels))
        else:
            reader.problem(
                f"{where}.labels", "should list at least two answer labels, lowest first."
            )
    return scales


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _scale(
    reader: _Reader, parent: dict[str, object], where: str, scales: dict[str, Scale]
) -> Scale:
    name = parent.get("scale")
    if isinstance(name, str) and name in scales:
        return scales[name]
    known = ", ".join(scales) or "none"
    reader.problem(f"{where}.scale", f"{name!r} is not one of the scales defined ({known}).")
    return _UNKNOWN_SCALE


def _theme(reader: _Reader, data: dict[str, object], where: str, scales: dict[str, Scale]) -> Theme:
    indicators = tuple(
        Indicator(
            id=reader.text(i, "id", at),
            self_wording=reader.text(i, "self", at),
            rater_wording=reader.text(i, "rater", at),
            scale=_scale(reader, i, at, scales),
        )
        for at, i in reader.items(data, "indicators", where)
    )
    if len({i.scale for i in indicators} - {_UNKNOWN_SCALE}) > 1:
        reader.problem(
            where,
            "indicators use different scales; a theme score averages them, so they must share one.",
        )
    return Theme(reader.text(data, "id", where), reader.text(data, "title", where), indicators)


def _statement(
    reader: _Reader, data: dict[str, object], where: str, scales: dict[str, Scale], kind: str
) -> Statement:
    scale = _scale(reader, data, where, scales)
    if scale != _UNKNOWN_SCALE and not scale.is_likert:
        reader.problem(f"{where}.scale", "should be a Likert scale: agreeing means its top boxes.")
    return Statement(
        reader.text(data, "id", where), reader.text(data, "wording", where), scale, kind
    )


def _check_ids(reader: _Reader, instrument: Instrument) -> None:
    """Question ids become column names, so they must be unique, plain and not reserved."""
    columns = [i.id for i in instrument.indicators]
    columns += [s.id for s in instrument.statements] + [q.id for q in instrument.free_text]
    seen: set[str] = set()
    for column in filter(None, columns):
        if column in RESERVED_COLUMNS:
            reader.problem(
                "", f"question id {column!r} is reserved for a column of the responses file."
            )
        elif not _ID.match(column):
            reader.problem("", f"question id {column!r} should be letters, digits and _ only.")
        elif column in seen:
            reader.problem("", f"question id {column!r} is used more than once.")
        seen.add(column)
    theme_ids = [t.id for t in instrument.themes if t.id]
    for theme_id in sorted({t for t in theme_ids if theme_ids.count(t) > 1}):
        reader.problem("", f"theme id {theme_id!r} is used more than once.")
