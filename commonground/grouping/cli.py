"""The grouping command line: CSV and JSON in, groups and their explanation out, no database."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from commonground.lib.words import count_of

from .engine import (
    BalanceNumber,
    Challenge,
    DoNotIsolate,
    GroupSizes,
    InfeasibleRules,
    InstanceError,
    KeepApart,
    KeepTogether,
    Participant,
    Pin,
    Rule,
    SolverSettings,
    SpreadAttribute,
    assign_challenge_teams,
    default_rules,
    form_groups,
    plan_mixing,
    read_instance,
    replan,
    solve,
)
from .engine.effort import steps_for
from .engine.explain import Explanation
from .engine.local_search import compiled
from .engine.mdgp import groups_of
from .engine.model import DETERMINISTIC_TIME

BAD_INPUT = 2
ITERATIONS = SolverSettings().max_iterations
RULES_CANNOT_BE_MET = 3
# The mdgp command's time limit covers its whole run: about this much goes on starting up,
# reading the file, loading the compiled search (0.85 s, numba's import among it, once compiled
# on the install's first search) and writing the answer; the clock stops the search this much
# after the limit, leaving the rest of a second for the interpreter to start and stop.
STARTUP = 2.0
MDGP_GRACE = 0.2


class BadInput(Exception):
    """Input the command cannot use; the message names the file, line and column."""


@dataclass
class Options:
    """What a run needs besides the participants, from the flags and the optional JSON file."""

    rules: list[Rule] = field(default_factory=list)
    defaults: bool = True
    numeric: set[str] = field(default_factory=set)
    diversity: dict[str, float] | None = None
    worst_group_weight: float = 0.0


@dataclass
class Output:
    """Files to write once everything has succeeded, so a failed run writes nothing."""

    files: dict[Path, str] = field(default_factory=dict)

    def write(self) -> None:
        for path, text in self.files.items():
            path.write_text(text)


def main(argv: Sequence[str] | None = None, started: float | None = None) -> int:
    args = _parser().parse_args(argv)
    args.started = time.perf_counter() if started is None else started
    output = Output()
    try:
        report: str = args.run(args, output)
    except BadInput as error:
        print(f"error: {error}", file=sys.stderr)
        return BAD_INPUT
    except InfeasibleRules as error:
        print(f"the hard rules cannot all be met: {error}", file=sys.stderr)
        return RULES_CANNOT_BE_MET
    output.write()
    print(report)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m commonground.grouping",
        description="Split a cohort into diverse learning sets, challenge teams or mixing rounds.",
    )
    commands = parser.add_subparsers(required=True, metavar="command")
    groups = commands.add_parser("groups", help="learning sets (or re-plan with --previous)")
    _cohort_arguments(groups)
    groups.add_argument("--previous", type=Path, help="CSV of the earlier grouping (group,id)")
    groups.set_defaults(run=_run_groups)
    teams = commands.add_parser("challenges", help="challenge teams from ranked preferences")
    _cohort_arguments(teams, sized=False)
    teams.add_argument(
        "--challenges", type=Path, required=True, help="CSV: name,capacity[,minimum]"
    )
    teams.add_argument("--preferences", type=Path, help="CSV: id then choices, best first")
    teams.add_argument("--preference-column", help="participants' column of choices split by ;")
    teams.add_argument("--preference-weight", type=float, default=2.0)
    teams.set_defaults(run=_run_challenges)
    mixing = commands.add_parser(
        "mixing", help="several rounds with as few repeated pairs as possible"
    )
    _cohort_arguments(mixing)
    mixing.add_argument("--rounds", type=int, required=True)
    mixing.set_defaults(run=_run_mixing)
    mdgp = commands.add_parser("mdgp", help="solve a raw MDGP instance file (MDGPLIB format)")
    mdgp.add_argument("instance", type=Path)
    mdgp.add_argument("--out", type=Path, help="JSON file for the groups and objective")
    # A benchmark instance is usually searched for as long as the time limit allows.
    _settings_arguments(mdgp, iterations=None)
    mdgp.set_defaults(run=_run_mdgp)
    return parser


def _cohort_arguments(parser: argparse.ArgumentParser, *, sized: bool = True) -> None:
    parser.add_argument("participants", type=Path, help="CSV with a header row")
    parser.add_argument("--id-column", help="column naming each person (default: id or name)")
    if sized:
        parser.add_argument("--groups", type=int, help="number of groups")
        parser.add_argument("--size", type=int, help="target group size")
    parser.add_argument("--rules", type=Path, help="JSON file of rules and options")
    parser.add_argument(
        "--no-default-rules",
        action="store_true",
        help="drop the starting rules (organisation apart, sector and area mixed)",
    )
    parser.add_argument("--numeric", action="append", default=[], help="a numeric column")
    parser.add_argument("--spread", action="append", default=[], help="ATTR or ATTR:hard")
    parser.add_argument("--not-alone", action="append", default=[], help="ATTR=VALUE[:hard]")
    parser.add_argument("--balance", action="append", default=[], help="ATTR or ATTR:TOLERANCE")
    parser.add_argument("--keep-apart", action="append", default=[], help="ID,ID[,...]")
    parser.add_argument("--keep-together", action="append", default=[], help="ID,ID[,...]")
    parser.add_argument("--pin", action="append", default=[], help="ID=GROUP")
    parser.add_argument("--worst-group-weight", type=float, default=None)
    parser.add_argument("--out-csv", type=Path, help="CSV file for the groups")
    parser.add_argument("--out-json", type=Path, help="JSON file for groups and explanation")
    _settings_arguments(parser)


def _settings_arguments(
    parser: argparse.ArgumentParser, *, iterations: int | None = ITERATIONS
) -> None:
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--time-limit",
        type=_positive(float),
        default=10.0,
        help="most seconds the run may take (default 10)",
    )
    parser.add_argument(
        "--iterations",
        type=_positive(int),
        default=iterations,
        help="local-search steps"
        + (f" (default {iterations})" if iterations else " (default: until the time limit)"),
    )
    parser.add_argument(
        "--deterministic-time",
        type=_positive(float),
        default=DETERMINISTIC_TIME,
        help=f"CP-SAT's effort per exact solve, on its own clock (default {DETERMINISTIC_TIME:g})",
    )
    parser.add_argument("--progress", action="store_true", help="report progress on stderr")


def _positive(kind: type[int] | type[float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def _settings(args: argparse.Namespace) -> SolverSettings:
    return SolverSettings(
        seed=args.seed,
        time_limit=args.time_limit,
        max_iterations=args.iterations,
        deterministic_time=args.deterministic_time,
        progress=_print_progress if args.progress else None,
    )


def _print_progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def _run_groups(args: argparse.Namespace, output: Output) -> str:
    options = _options(args)
    people = read_participants(args.participants, args.id_column, options.numeric)
    _check_columns(options, people, args.participants)
    rules = _rules(options, people)
    common: dict[str, Any] = {"diversity": options.diversity, "settings": _settings(args)}
    notes: list[str] = []
    if args.previous is not None:
        previous = read_previous(args.previous)
        result = replan(people, previous, rules, sizes=_sizes(args, len(previous)), **common)
        grouping = result.grouping
        notes += [f"{m.person} moved from group {m.before} to {m.after}" for m in result.moved]
        notes += [f"{m.person} joined group {m.after}" for m in result.joined]
        notes += [f"{person} withdrew" for person in result.withdrawn]
        notes.append(f"{len(result.moved)} of the people already placed moved")
    else:
        grouping = form_groups(
            people,
            _sizes(args, None),
            rules,
            worst_group_weight=options.worst_group_weight,
            **common,
        )
    _write_grouping(args, output, people, grouping.explanation)
    return "\n".join([grouping.explanation.as_text(), *notes])


def _run_challenges(args: argparse.Namespace, output: Output) -> str:
    options = _options(args)
    exclude = {args.preference_column} if args.preference_column else set()
    people = read_participants(args.participants, args.id_column, options.numeric, exclude)
    _check_columns(options, people, args.participants)
    challenges = read_challenges(args.challenges)
    if args.preferences is not None:
        rankings = read_preferences(args.preferences)
    elif args.preference_column:
        rankings = read_preference_column(args.participants, args.id_column, args.preference_column)
    else:
        raise BadInput("give the participants' choices with --preferences or --preference-column")
    teams = assign_challenge_teams(
        people,
        challenges,
        rankings,
        _rules(options, people),
        diversity=options.diversity,
        preference_weight=args.preference_weight,
        settings=_settings(args),
    )
    explanation = teams.grouping.explanation
    counts = teams.choice_counts()
    if args.out_csv:
        rows = [["challenge", "id", "choice"]]
        rows += [
            [name, person, str(teams.choice_of[person] or "unranked")]
            for name, members in teams.teams.items()
            for person in members
        ]
        output.files[args.out_csv] = _csv_text(rows)
    if args.out_json:
        document = {"teams": teams.teams, "choices": counts, "explanation": explanation.as_dict()}
        output.files[args.out_json] = json.dumps(document, indent=2) + "\n"
    named = "\n".join(f"{name}: {', '.join(members)}" for name, members in teams.teams.items())
    choices = ", ".join(f"{label} {count}" for label, count in counts.items())
    return f"{named}\nChoices met: {choices}\n{explanation.as_text()}"


def _run_mixing(args: argparse.Namespace, output: Output) -> str:
    options = _options(args)
    people = read_participants(args.participants, args.id_column, options.numeric)
    _check_columns(options, people, args.participants)
    if args.rounds < 1:
        raise BadInput("--rounds must be at least 1")
    plan = plan_mixing(
        people,
        args.rounds,
        _sizes(args, None),
        _rules(options, people),
        diversity=options.diversity,
        settings=_settings(args),
    )
    if args.out_csv:
        rows = [["round", "group", "id"]]
        rows += [
            [str(r), str(g), person]
            for r, groups in enumerate(plan.rounds, start=1)
            for g, members in enumerate(groups, start=1)
            for person in members
        ]
        output.files[args.out_csv] = _csv_text(rows)
    if args.out_json:
        output.files[args.out_json] = json.dumps(asdict(plan), indent=2) + "\n"
    lines = [
        f"Round {r}, group {g}: {', '.join(members)}"
        for r, groups in enumerate(plan.rounds, start=1)
        for g, members in enumerate(groups, start=1)
    ]
    fewest = min(plan.colleagues_met.values())
    lines.append(f"Method: {plan.method}. {plan.summary}")
    lines.append(f"Everyone meets at least {count_of(fewest, 'different colleague')}.")
    return "\n".join(lines)


def _run_mdgp(args: argparse.Namespace, output: Output) -> str:
    try:
        instance = read_instance(args.instance)
    except OSError as error:
        raise BadInput(f"{args.instance}: {error.strerror}") from None
    except InstanceError as error:
        raise BadInput(str(error)) from None
    problem = instance.problem()
    names = [str(i) for i in range(problem.size)]
    settings = _settings(args)
    # The work is counted, and sized from the stated limit alone so that it never depends on
    # how long start-up took; the clock, counted from the command's start, is only the safety net
    # that keeps the whole run within its limit and a second.
    steps = settings.max_iterations or steps_for(
        max(args.time_limit - STARTUP, 0.1), problem.size, compiled=compiled(problem)
    )
    left = args.time_limit + MDGP_GRACE - (time.perf_counter() - args.started)
    solution = solve(
        problem,
        names,
        seed=settings.seed,
        time_limit=max(left, 0.1),
        progress=settings.progress,
        max_iterations=steps,
        deterministic_time=settings.deterministic_time,
    )
    objective = instance.objective(solution.assignment)
    groups = groups_of(solution.assignment, problem.groups)
    if args.out:
        document = {
            "instance": instance.name,
            "objective": objective,
            "proven_optimal": solution.proven_optimal,
            "upper_bound": solution.upper_bound,
            "groups": groups,
        }
        output.files[args.out] = json.dumps(document, indent=2) + "\n"
    proof = (
        "proven optimal" if solution.proven_optimal else f"upper bound {solution.upper_bound:.3f}"
    )
    lines = [f"{instance.name}: objective {objective:.3f} ({proof}, {solution.solver})"]
    if solution.stopped_by_time:
        lines.append(
            f"The time limit stopped the search before its {steps} steps were done, so another "
            "run with this seed may differ; a longer --time-limit or a quieter machine repeats."
        )
    lines += [f"group {g}: {' '.join(map(str, members))}" for g, members in enumerate(groups, 1)]
    return "\n".join(lines)


def _sizes(args: argparse.Namespace, previous_groups: int | None) -> GroupSizes:
    if args.groups is None and args.size is None:
        if previous_groups is None:
            raise BadInput("give --groups or --size")
        return GroupSizes(groups=previous_groups)
    if (args.groups is not None and args.groups < 1) or (args.size is not None and args.size < 1):
        raise BadInput("--groups and --size must be at least 1")
    return GroupSizes(groups=args.groups, target_size=args.size)


def _write_grouping(
    args: argparse.Namespace,
    output: Output,
    people: Sequence[Participant],
    explanation: Explanation,
) -> None:
    attributes = list(people[0].attributes) if people else []
    by_id = {p.id: p for p in people}
    if args.out_csv:
        rows = [["group", "id", *attributes]]
        rows += [
            [str(group.number), person, *(_cell(by_id[person].value(a)) for a in attributes)]
            for group in explanation.groups
            for person in group.members
        ]
        output.files[args.out_csv] = _csv_text(rows)
    if args.out_json:
        document = {
            "groups": [list(group.members) for group in explanation.groups],
            "explanation": explanation.as_dict(),
        }
        output.files[args.out_json] = json.dumps(document, indent=2) + "\n"


def _cell(value: str | float) -> str:
    return f"{value:g}" if isinstance(value, float) else value


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _options(args: argparse.Namespace) -> Options:
    """Rules and options from the JSON file, then from the flags."""
    options = Options()
    if args.rules is not None:
        _read_rules_file(args.rules, options)
    for value in args.spread:
        attribute, _, kind = value.partition(":")
        options.rules.append(SpreadAttribute(attribute, hard=_hard(kind, f"--spread {value}")))
    for value in args.not_alone:
        flag, _, kind = value.partition(":")
        attribute, equals, flagged = flag.partition("=")
        if not equals:
            raise BadInput(f"--not-alone {value}: expected ATTRIBUTE=VALUE[:hard]")
        hard = _hard(kind, f"--not-alone {value}")
        options.rules.append(DoNotIsolate(attribute, flagged, hard=hard))
    for value in args.balance:
        attribute, _, tolerance = value.partition(":")
        limit = _number(tolerance, f"--balance {value}") if tolerance else None
        options.rules.append(BalanceNumber(attribute, hard=limit is not None, tolerance=limit))
    options.rules += [KeepApart(_ids(value)) for value in args.keep_apart]
    options.rules += [KeepTogether(_ids(value)) for value in args.keep_together]
    for value in args.pin:
        person, equals, group = value.partition("=")
        if not equals or not group.strip().isdigit():
            raise BadInput(f"--pin {value}: expected ID=GROUP, the group a number from 1")
        options.rules.append(Pin(person.strip(), int(group)))
    options.defaults = options.defaults and not args.no_default_rules
    options.numeric |= set(args.numeric)
    options.numeric |= {r.attribute for r in options.rules if isinstance(r, BalanceNumber)}
    if args.worst_group_weight is not None:
        options.worst_group_weight = args.worst_group_weight
    return options


def _rules(options: Options, people: Sequence[Participant]) -> list[Rule]:
    """The starting rules unless switched off; a rule given for a column replaces its own."""
    if not options.defaults:
        return options.rules
    given = {r.attribute for r in options.rules if isinstance(r, SpreadAttribute)}
    starting = default_rules(set(people[0].attributes))
    kept = [r for r in starting if isinstance(r, SpreadAttribute) and r.attribute not in given]
    return [*kept, *options.rules]


def _hard(kind: str, where: str) -> bool:
    if kind not in ("", "hard", "weighted"):
        raise BadInput(f"{where}: expected ':hard' or ':weighted' after the name, not ':{kind}'")
    return kind == "hard"


def _number(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise BadInput(f"{where}: '{text}' is not a number") from None


def _ids(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


RULE_KINDS: dict[str, Callable[[dict[str, Any]], Rule]] = {
    "spread": lambda e: SpreadAttribute(e["spread"], e.get("hard", False), e.get("weight", 1.0)),
    "not_alone": lambda e: DoNotIsolate(
        e["not_alone"], str(e["value"]), e.get("hard", False), e.get("weight", 1.0)
    ),
    "balance": lambda e: BalanceNumber(
        e["balance"], e.get("hard", False), e.get("weight", 1.0), e.get("tolerance")
    ),
    "keep_apart": lambda e: KeepApart(
        tuple(e["keep_apart"]), e.get("reason", ""), e.get("hard", True), e.get("weight", 1.0)
    ),
    "keep_together": lambda e: KeepTogether(
        tuple(e["keep_together"]), e.get("reason", ""), e.get("hard", True), e.get("weight", 1.0)
    ),
    "pin": lambda e: Pin(str(e["pin"]), int(e["group"])),
}


def _read_rules_file(path: Path, options: Options) -> None:
    """A JSON object: {"rules": [...], "numeric": [...], "diversity": {...}, ...}."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BadInput(f"{path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"{path} line {error.lineno}, column {error.colno}: {error.msg}") from None
    if not isinstance(document, dict):
        raise BadInput(f"{path}: expected a JSON object with a 'rules' list")
    for number, entry in enumerate(document.get("rules", []), start=1):
        kinds = [kind for kind in RULE_KINDS if isinstance(entry, dict) and kind in entry]
        if len(kinds) != 1:
            raise BadInput(f"{path} rule {number}: expected one of {', '.join(RULE_KINDS)}")
        try:
            options.rules.append(RULE_KINDS[kinds[0]](entry))
        except (KeyError, TypeError, ValueError) as error:
            raise BadInput(f"{path} rule {number} ({kinds[0]}): missing or bad {error}") from None
    options.numeric |= set(document.get("numeric", []))
    if "diversity" in document:
        options.diversity = {str(k): float(v) for k, v in document["diversity"].items()}
    options.worst_group_weight = float(document.get("worst_group_weight", 0.0))
    options.defaults = bool(document.get("default_rules", True))


def _check_columns(options: Options, people: Sequence[Participant], path: Path) -> None:
    """Every attribute a rule or weight names must be a column of the participants file."""
    columns = set(people[0].attributes) if people else set()
    named = {
        rule.attribute
        for rule in options.rules
        if isinstance(rule, SpreadAttribute | DoNotIsolate | BalanceNumber)
    }
    named |= set(options.diversity or {})
    for name in sorted(column for column in named if is_name_column(column)):
        raise BadInput(f"{path} line 1: column '{name}' holds names, which never mix groups")
    for name in sorted(named - columns):
        raise BadInput(f"{path} line 1: no column '{name}', which the rules name")


# Columns that say who someone is, never what they bring to a group: a name (or an email) shared
# by nobody would count as a "different" value in every pair, inflating every group's mix.
NAME_COLUMNS = frozenset(
    ("name", "full name", "first name", "given name", "last name", "surname", "family name")
) | {"email"}


def is_name_column(column: str) -> bool:
    return " ".join(column.lower().replace("_", " ").replace("-", " ").split()) in NAME_COLUMNS


def read_participants(
    path: Path, id_column: str | None, numeric: set[str], exclude: set[str] | None = None
) -> list[Participant]:
    """One participant per row; numeric columns must hold numbers; ids must be unique."""
    reader, rows = _csv_rows(path)
    header = reader.fieldnames or []
    identity = id_column or next((c for c in header if c.lower() in ("id", "name")), header[0])
    for column in sorted({identity} | numeric):
        if column not in header:
            raise BadInput(f"{path} line 1: no column '{column}' in the header")
    people: list[Participant] = []
    seen: set[str] = set()
    for line, row in rows:
        person = row[identity].strip()
        if not person or person in seen:
            problem = "is empty" if not person else f"'{person}' appears twice"
            raise BadInput(f"{path} line {line}, column '{identity}': {problem}")
        seen.add(person)
        attributes: dict[str, str | float] = {}
        for column in header:
            if column == identity or column in (exclude or set()) or is_name_column(column):
                continue
            value = (row[column] or "").strip()
            attributes[column] = (
                _cell_number(path, line, column, value) if column in numeric else value
            )
        people.append(Participant(person, attributes))
    if not people:
        raise BadInput(f"{path}: no participants after the header")
    return people


def _cell_number(path: Path, line: int, column: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise BadInput(
            f"{path} line {line}, column '{column}': '{value}' is not a number"
        ) from None


def _csv_rows(path: Path) -> tuple[csv.DictReader[str], list[tuple[int, dict[str, str]]]]:
    """The reader (for its header) and each row with its line number; ragged rows are refused."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BadInput(f"{path}: {error.strerror}") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise BadInput(f"{path} line 1: no header row")
    rows = []
    for row in reader:
        if None in row or None in row.values():
            raise BadInput(
                f"{path} line {reader.line_num}: the row's fields do not match the header"
            )
        rows.append((reader.line_num, row))
    return reader, rows


def read_previous(path: Path) -> list[list[str]]:
    """An earlier grouping as written by --out-csv: columns group and id."""
    reader, rows = _csv_rows(path)
    for column in ("group", "id"):
        if column not in (reader.fieldnames or []):
            raise BadInput(f"{path} line 1: no column '{column}' in the header")
    groups: dict[int, list[str]] = {}
    for line, row in rows:
        number = row["group"].strip()
        if not number.isdigit() or int(number) < 1:
            raise BadInput(f"{path} line {line}, column 'group': '{number}' is not a group number")
        groups.setdefault(int(number), []).append(row["id"].strip())
    return [groups.get(g, []) for g in range(1, max(groups, default=0) + 1)]


def read_challenges(path: Path) -> list[Challenge]:
    reader, rows = _csv_rows(path)
    for column in ("name", "capacity"):
        if column not in (reader.fieldnames or []):
            raise BadInput(f"{path} line 1: no column '{column}' in the header")
    challenges = []
    for line, row in rows:
        sizes = []
        for column in ("capacity", "minimum"):
            value = (row.get(column) or "0").strip()
            if not value.isdigit():
                raise BadInput(
                    f"{path} line {line}, column '{column}': '{value}' is not a whole number"
                )
            sizes.append(int(value))
        challenges.append(Challenge(row["name"].strip(), sizes[0], sizes[1]))
    return challenges


def read_preferences(path: Path) -> dict[str, list[str]]:
    """First column the person, then their choices, best first."""
    _, rows = _csv_rows(path)
    return {
        values[0]: [v for v in values[1:] if v]
        for values in ([value.strip() for value in row.values()] for _, row in rows)
    }


def read_preference_column(path: Path, id_column: str | None, column: str) -> dict[str, list[str]]:
    reader, rows = _csv_rows(path)
    header = reader.fieldnames or []
    identity = id_column or next((c for c in header if c.lower() in ("id", "name")), header[0])
    if column not in header:
        raise BadInput(f"{path} line 1: no column '{column}' in the header")
    return {
        row[identity].strip(): [c.strip() for c in row[column].split(";") if c.strip()]
        for _, row in rows
    }
