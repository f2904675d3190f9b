"""Command line for evaluators: an instrument and a responses CSV in, a report out."""

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from commonground.evaluation.network_html import render_network
from commonground.evaluation.report_html import render_report
from commonground.evaluation.stats.cohort_report import ReportOptions, cohort_report
from commonground.evaluation.stats.instrument_file import load_instrument
from commonground.evaluation.stats.network import DEFAULT_PERMUTATIONS, DEFAULT_SEED
from commonground.evaluation.stats.network_csv import load_network
from commonground.evaluation.stats.network_report import for_audience, network_report
from commonground.evaluation.stats.problems import InvalidInput
from commonground.evaluation.stats.responses_csv import load_responses
from commonground.lib.small_numbers import DEFAULT_THRESHOLD, Suppressed
from commonground.lib.words import count_of

EXIT_BAD_INPUT = 2
EXIT_CANNOT_WRITE = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = _parser().parse_args(argv)
    if not (args.out or args.html):
        _parser().error("give --out, --html or both, so the report goes somewhere")
    if args.command == "network":
        return _network(args)
    try:
        instrument = load_instrument(args.instrument)
        responses = load_responses(args.responses, instrument)
    except InvalidInput as error:
        print("The report was not written, because:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    options = ReportOptions(threshold=args.threshold or None)
    report = cohort_report(instrument, responses, options)
    outputs = {}
    if args.out:
        outputs[args.out] = json.dumps(dataclasses.asdict(report), indent=2, allow_nan=False) + "\n"
    if args.html:
        outputs[args.html] = render_report(report, instrument)
    try:
        _write_all(outputs)
    except OSError as error:
        print(f"The report was not written: {error}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    written = " and ".join(str(p) for p in outputs)
    print(
        f"Wrote {written}: {count_of(report.participants, 'participant')}, "
        f"{count_of(len(responses), 'row')}."
    )
    hidden = count_hidden(report)
    if hidden:
        figures = f"{count_of(hidden, 'figure')} {'was' if hidden == 1 else 'were'}"
        print(
            f"{figures} hidden because fewer than {args.threshold} people gave them "
            "(or they would give such a figure away).",
            file=sys.stderr,
        )
    return 0


def _network(args: argparse.Namespace) -> int:
    try:
        files = load_network(args.people, args.edges)
    except InvalidInput as error:
        print("The network report was not written, because:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    threshold = args.threshold or None
    report = network_report(files.people, files.answers, args.permutations, args.seed)
    outputs = {}
    if args.out:
        data = for_audience(report, threshold)
        outputs[args.out] = json.dumps(data, indent=2, allow_nan=False) + "\n"
    if args.html:
        outputs[args.html] = render_network(report, files.people, files.answers, threshold)
    try:
        _write_all(outputs)
    except OSError as error:
        print(f"The network report was not written: {error}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    written = " and ".join(str(p) for p in outputs)
    ties = sum(len(a.ties) for a in files.answers)
    print(f"Wrote {written}: {count_of(report.people, 'person')}, {count_of(ties, 'tie')}.")
    return 0


def count_hidden(value: object) -> int:
    """How many figures anywhere in the report are hidden as small numbers."""
    if isinstance(value, Suppressed):
        return 1
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(count_hidden(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return sum(count_hidden(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(count_hidden(item) for item in value)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m commonground.evaluation",
        description="Evaluation reports for Common Ground programmes.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="write a cohort report as JSON and/or HTML")
    report.add_argument("--instrument", type=Path, required=True, help="instrument JSON file")
    report.add_argument("--responses", type=Path, required=True, help="responses CSV file")
    report.add_argument("--out", type=Path, help="where to write the report as JSON")
    report.add_argument("--html", type=Path, help="where to write the report as HTML")
    report.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help=f"hide figures from fewer responses than this (default {DEFAULT_THRESHOLD}; "
        "0 shows everything, for programme staff only)",
    )
    network = commands.add_parser(
        "network", help="write a network report from a people CSV and an edge-list CSV"
    )
    network.add_argument("--people", type=Path, required=True, help="people CSV file")
    network.add_argument("--edges", type=Path, required=True, help="edge-list CSV file")
    network.add_argument("--out", type=Path, help="where to write the figures as JSON")
    network.add_argument("--html", type=Path, help="where to write the report as HTML")
    network.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help=f"leave out groups, waves and counts of fewer people than this and each person's "
        f"figures (default {DEFAULT_THRESHOLD}; 0 keeps everything, for programme staff only)",
    )
    network.add_argument(
        "--permutations",
        type=_threshold,
        default=DEFAULT_PERMUTATIONS,
        help=f"random relabellings for the E-I test (default {DEFAULT_PERMUTATIONS})",
    )
    network.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help="seed of the relabellings (default "
        f"{DEFAULT_SEED}), so the same files give the same figures",
    )
    return parser


def _threshold(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("the threshold cannot be negative")
    return value


def _write_all(outputs: dict[Path, str]) -> None:
    """Write every file or none: each goes to a partial file first, then all are moved in."""
    staged = {path: path.with_name(f".{path.name}.partial") for path in outputs}
    try:
        for path, partial in staged.items():
            partial.write_text(outputs[path], encoding="utf-8")
        for path, partial in staged.items():
            partial.replace(path)
    finally:
        for partial in staged.values():
            partial.unlink(missing_ok=True)
