"""Reading a network from two CSV files, a people file and an edge list, every problem located.

people: `id,organisation,sector` and optionally `groups` (learning sets and teams, separated by
";") and `answered` (the waves the person answered, separated by ";"; without the column,
everyone counts as having answered every wave).
edges: `source,target,wave,tie_type`, one named tie a row. Each tie type the edges name is taken
to have been asked at every wave, so a question nobody named anyone on still has its figures.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from commonground.evaluation.stats.network import NetworkPerson, Tie
from commonground.evaluation.stats.network_report import Answers
from commonground.evaluation.stats.problems import Problems
from commonground.evaluation.stats.responses import WAVES

PEOPLE_COLUMNS = ("id", "organisation", "sector")
EDGE_COLUMNS = ("source", "target", "wave", "tie_type")


@dataclass(frozen=True)
class NetworkFiles:
    people: tuple[NetworkPerson, ...]
    answers: tuple[Answers, ...]


def load_network(people_path: Path, edges_path: Path) -> NetworkFiles:
    """Both files read and checked together; InvalidInput lists each problem by line and column."""
    problems = Problems()
    people_rows = _rows(people_path, PEOPLE_COLUMNS, problems)
    edge_rows = _rows(edges_path, EDGE_COLUMNS, problems)
    problems.raise_if_any()
    people, answered = _people(people_path.name, people_rows, problems)
    ties = _ties(edges_path.name, edge_rows, {p.id for p in people}, problems)
    problems.raise_if_any()
    everyone = frozenset(p.id for p in people)
    # Every question is taken to be asked at every wave: a wave someone answered, or whose
    # ties are listed, asked each tie type the edges name, even one nobody named anyone on.
    waves = {wave for wave, _ in ties} | set(answered or ())
    tie_types = sorted({tie_type for _, tie_type in ties})
    answers = tuple(
        Answers(
            wave,
            tie_type,
            everyone if answered is None else frozenset(answered[wave]),
            tuple(ties.get((wave, tie_type), ())),
        )
        for wave in sorted(waves, key=WAVES.index)
        for tie_type in tie_types
    )
    return NetworkFiles(tuple(people), answers)


Row = tuple[int, dict[str, str]]


def _rows(path: Path, required: Iterable[str], problems: Problems) -> list[Row]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            columns = list(reader.fieldnames or [])
            missing = [c for c in required if c not in columns]
            if missing:
                problems.add(f"{path.name} line 1: no column named {', '.join(missing)}.")
                return []
            rows = []
            start = reader.line_num + 1
            for row in reader:
                rows.append((start, {k: (v or "").strip() for k, v in row.items() if k}))
                start = reader.line_num + 1
            return rows
    except OSError as error:
        problems.add(f"{path.name}: cannot be read ({error.strerror}).")
    except UnicodeDecodeError:
        problems.add(f"{path.name}: is not UTF-8 text.")
    except csv.Error as error:
        problems.add(f"{path.name}: cannot be read as CSV ({error}).")
    return []


def _people(
    name: str, rows: list[Row], problems: Problems
) -> tuple[list[NetworkPerson], dict[str, set[str]] | None]:
    people: list[NetworkPerson] = []
    seen: dict[str, int] = {}
    answered: dict[str, set[str]] | None = None
    if rows and "answered" in rows[0][1]:
        answered = defaultdict(set)
    for line, row in rows:
        for column in PEOPLE_COLUMNS:
            if not row.get(column):
                problems.add(f"{name} line {line}, column {column}: is empty.")
        pid = row.get("id", "")
        if pid in seen:
            problems.add(f"{name} line {line}, column id: {pid!r} is already on line {seen[pid]}.")
            continue
        seen[pid] = line
        groups = frozenset(g.strip() for g in row.get("groups", "").split(";") if g.strip())
        people.append(
            NetworkPerson(pid, row.get("organisation", ""), row.get("sector", ""), groups)
        )
        if answered is not None:
            for wave in (w.strip() for w in row.get("answered", "").split(";") if w.strip()):
                if wave not in WAVES:
                    problems.add(_unknown_wave(name, line, "answered", wave))
                answered[wave].add(pid)
    return people, answered


def _unknown_wave(name: str, line: int, column: str, wave: str) -> str:
    return f"{name} line {line}, column {column}: {wave!r} is not a wave ({', '.join(WAVES)})."


def _ties(
    name: str, rows: list[Row], ids: set[str], problems: Problems
) -> dict[tuple[str, str], list[Tie]]:
    ties: dict[tuple[str, str], list[Tie]] = defaultdict(list)
    for line, row in rows:
        bad = False
        for column in ("source", "target"):
            if row[column] not in ids:
                where = f"{name} line {line}, column {column}"
                problems.add(f"{where}: {row[column]!r} is not in the people file.")
                bad = True
        if row["wave"] not in WAVES:
            problems.add(_unknown_wave(name, line, "wave", row["wave"]))
            bad = True
        if not row["tie_type"]:
            problems.add(f"{name} line {line}, column tie_type: is empty.")
            bad = True
        if not bad:
            ties[(row["wave"], row["tie_type"])].append(Tie(row["source"], row["target"]))
    return ties
