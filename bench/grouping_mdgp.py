"""Benchmarks the grouping engine on the published MDGP instances against the best known values.

The instances are MDPLIB's maximally diverse grouping problem set, kept outside the repository:
give its folder (holding `best-known.csv` and `instances/<family>/`) as the first argument.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import numpy as np

from commonground.grouping.engine import read_instance, solve
from commonground.grouping.engine.effort import steps_for
from commonground.grouping.engine.local_search import compiled, search
from commonground.grouping.engine.problem import SearchProblem
from commonground.grouping.engine.solve import EXACT_LIMIT

SAFETY = 3.0
CALIBRATION_SIZES = (36, 60, 120, 180, 240)
CALIBRATION_REPEATS = 5
MISSING = """\
error: {missing} not found, so {folder} is not a folder of MDGP instances.
The benchmark runs on the full MDGP set of MDPLIB (RanReal, RanInt and Geo; n = 10 to 240),
which is not part of the repository. Put it in a folder holding best-known.csv and
instances/<family>/<instance>.txt, then give that folder:
    make bench MDGP=/path/to/mdgp
    .venv/bin/python bench/grouping_mdgp.py /path/to/mdgp
For a quick look, tests/data/mdgp holds four of the small instances in the same layout:
    .venv/bin/python bench/grouping_mdgp.py tests/data/mdgp --sizes 10,12"""


@dataclass(frozen=True)
class Run:
    """One instance's result: objective recomputed from the groups, against the published value."""

    instance: str
    family: str
    size: int
    kind: str
    objective: float
    best_known: float
    proven_optimal: bool
    seconds: float
    # CPU time spent in the kernel on the run's behalf (page faults, memory mapping): a search
    # that allocates in its inner loop shows here.
    kernel_seconds: float
    # The clock cut in before the counted work was done: this figure may not repeat.
    cut_by_clock: bool
    # Local-search steps budgeted and taken (0 for CP-SAT), and the process's CPU seconds.
    budget: int
    steps: int
    cpu_seconds: float

    @property
    def gap(self) -> float:
        return 100.0 * (self.best_known - self.objective) / self.best_known


def main() -> None:
    args = _arguments()
    folder = args.folder
    if args.calibrate:
        _calibrate(args.calibrate)
        return
    chosen = _instances(folder, set(args.sizes), args.families, args.skip, args.limit)
    if not chosen:
        sizes = ", ".join(map(str, args.sizes))
        print(
            f"error: {folder} has no {'/'.join(args.families)} instance of n = {sizes}",
            file=sys.stderr,
        )
        raise SystemExit(2)
    missing = [path for row in chosen if not (path := _instance_path(folder, row)).is_file()]
    if missing:
        _stop(folder, missing[0])
    runs = []
    print(
        f"{'instance':<22} {'objective':>12} {'best known':>12} {'gap %':>8} {'time s':>7} "
        f"{'CPU s':>6} {'kernel s':>8} {'steps':>7}"
    )
    for row in chosen:
        run = _run(folder, row, args)
        runs.append(run)
        proof = " proven" if run.proven_optimal else ""
        proof += " (cut by the clock)" if run.cut_by_clock else ""
        print(
            f"{run.instance:<22} {run.objective:>12.3f} {run.best_known:>12.3f} "
            f"{run.gap:>8.3f} {run.seconds:>7.1f} {run.cpu_seconds:>6.1f} "
            f"{run.kernel_seconds:>8.2f} {run.steps:>7}{proof}",
            flush=True,
        )
    _summarise(runs)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "folder", type=Path, help="the MDGP set's folder: best-known.csv and instances/<family>/"
    )
    parser.add_argument("--sizes", type=_sizes, default="10,12,120,240", help="n, comma-separated")
    parser.add_argument("--families", type=_families, default="RanReal,RanInt,Geo")
    parser.add_argument(
        "--seconds-small", type=float, default=60.0, help="CP-SAT deterministic time, n <= 14"
    )
    # Seconds of work on the development machine, counted in steps (engine/effort.py).
    parser.add_argument("--seconds-120", type=float, default=10.0)
    parser.add_argument("--seconds-240", type=float, default=30.0)
    parser.add_argument("--seconds-other", type=float, default=10.0)
    parser.add_argument(
        "--limit", type=int, help="at most this many instances per family/size/kind"
    )
    parser.add_argument(
        "--skip", type=int, default=0, help="leave out the first this many of each family/size/kind"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--safety",
        type=float,
        default=SAFETY,
        help="wall-clock safety net, as a multiple of each run's stated seconds",
    )
    parser.add_argument(
        "--calibrate",
        type=int,
        metavar="STEPS",
        help="time this many local-search steps (CPU time) at several sizes and print the "
        "constants for engine/effort.py, instead of the benchmark",
    )
    return parser.parse_args()


def _sizes(text: str) -> list[int]:
    try:
        return [int(size) for size in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give sizes as numbers, like 10,12") from None


def _families(text: str) -> list[str]:
    families = text.split(",")
    unknown = sorted(set(families) - {"RanReal", "RanInt", "Geo"})
    if unknown:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown)}: the families are RanReal, RanInt, Geo"
        )
    return families


def _stop(folder: Path, missing: Path) -> NoReturn:
    print(MISSING.format(folder=folder, missing=missing), file=sys.stderr)
    raise SystemExit(2)


def _instance_path(folder: Path, row: dict[str, str]) -> Path:
    name = row["instance"]
    return folder / "instances" / name.split("_")[0] / f"{name}.txt"


def _instances(
    folder: Path, sizes: set[int], families: list[str], skip: int, limit: int | None
) -> list[dict[str, str]]:
    table = folder / "best-known.csv"
    if not table.is_file():
        _stop(folder, table)
    with table.open() as file:
        rows = [r for r in csv.DictReader(file) if int(r["n"]) in sizes]
    chosen: dict[tuple[str, int, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        family, _, kind, _ = row["instance"].split("_")
        if family in families:
            chosen[family, int(row["n"]), kind].append(row)
    ordered = sorted(chosen.items(), key=lambda item: (item[0][1], families.index(item[0][0])))
    end = None if limit is None else skip + limit
    return [row for _, group in ordered for row in group[skip:end]]


def _run(folder: Path, row: dict[str, str], args: argparse.Namespace) -> Run:
    name = row["instance"]
    family, _, kind, _ = name.split("_")
    instance = read_instance(_instance_path(folder, row))
    problem = instance.problem()
    n = problem.size
    started, kernel, cpu = time.perf_counter(), os.times().system, time.process_time()
    budget = steps = 0
    # Every run stops on counted work (CP-SAT's deterministic clock, or local-search steps sized
    # to the stated seconds on the development machine), so a busy machine gives the same
    # figures; the clock, at three times the budget, is only a safety net.
    if n <= EXACT_LIMIT:
        solution = solve(
            problem,
            [],
            seed=args.seed,
            time_limit=SAFETY * args.seconds_small,
            deterministic_time=args.seconds_small,
        )
        assignment, proven = solution.assignment, solution.proven_optimal
        cut = solution.stopped_by_time and not proven
    else:
        limit = {120: args.seconds_120, 240: args.seconds_240}.get(n, args.seconds_other)
        budget = steps_for(limit, n, compiled=compiled(problem))
        found = search(
            problem, seed=args.seed, max_iterations=budget, time_limit=args.safety * limit
        )
        assignment, proven, cut = found.assignment, False, found.stopped_by_time
        steps = found.iterations
    seconds, kernel = time.perf_counter() - started, os.times().system - kernel
    cpu = time.process_time() - cpu
    if not instance.is_feasible(assignment):
        raise SystemExit(f"{name}: the grouping breaks the size bounds")
    return Run(
        name,
        family,
        n,
        kind,
        instance.objective(assignment),
        float(row["best_known"]),
        proven,
        seconds,
        kernel,
        cut,
        budget,
        steps,
        cpu,
    )


def _calibrate(steps: int) -> None:
    """CPU time per step at several sizes (instances like RanReal's: uniform distances, equal
    groups of 12 up to 120 people and of 20 above, as in the published set), fitted to a fixed
    cost and a cost per person: the compiled steps of `engine/tabu_kernel.py`,
    which search these instances. CPU time, not the wall clock, so that other work on the
    machine slows the figures less; it still shares caches and memory."""
    print(f"{'n':>5} {'groups':>6} {'steps':>7} {'CPU s':>7} {'us/step':>8}")
    sizes, costs = [], []
    for n in CALIBRATION_SIZES:
        rng = np.random.default_rng(n)
        distances = np.triu(rng.uniform(0, 100, (n, n)), 1)
        groups = n // 12 if n <= 120 else n // 20
        bounds = np.full(groups, n // groups, dtype=np.int64)
        problem = SearchProblem(pair_scores=distances + distances.T, lower=bounds, upper=bounds)
        search(problem, seed=0, max_iterations=min(steps, 200))  # warm caches and imports
        # The least of several repeats: the one least disturbed by other work on the machine.
        seconds = min(_cpu_seconds(problem, steps) for _ in range(CALIBRATION_REPEATS))
        sizes.append(n)
        costs.append(1e6 * seconds / steps)
        print(f"{n:>5} {groups:>6} {steps:>7} {seconds:>7.2f} {costs[-1]:>8.1f}")
    per_person, fixed = np.polyfit(sizes, costs, 1)
    print(f"\nCOMPILED_FIXED_MICROSECONDS = {fixed:.2f}")
    print(f"COMPILED_MICROSECONDS_PER_PERSON = {per_person:.4f}")
    print(f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


def _cpu_seconds(problem: SearchProblem, steps: int) -> float:
    started = time.process_time()
    found = search(problem, seed=0, max_iterations=steps)
    if found.iterations < steps:
        raise SystemExit(f"the search stopped after {found.iterations} of {steps} steps")
    return time.process_time() - started


def _summarise(runs: list[Run]) -> None:
    header = f"{'family':<8} {'n':>4} {'kind':<4} {'count':>5} {'mean gap %':>11} {'worst %':>8}"
    print(f"\n{header} {'mean s':>7} {'CPU s':>6} {'steps':>7}")
    groups: dict[tuple[str, int, str], list[Run]] = defaultdict(list)
    for run in runs:
        groups[run.family, run.size, run.kind].append(run)
    for (family, size, kind), group in groups.items():
        gaps = [run.gap for run in group]
        print(
            f"{family:<8} {size:>4} {kind:<4} {len(group):>5} {statistics.mean(gaps):>11.3f} "
            f"{max(gaps):>8.3f} {statistics.mean(r.seconds for r in group):>7.1f} "
            f"{statistics.mean(r.cpu_seconds for r in group):>6.1f} {group[0].budget:>7}"
        )
    small = [run for run in runs if run.size <= 12]
    if small:
        optimal = sum(run.proven_optimal and abs(run.gap) < 1e-6 for run in small)
        print(
            f"\nn <= 12: proven optimum equal to the published optimum on {optimal} of {len(small)}"
        )
    for size in sorted({run.size for run in runs if run.size > 12}):
        of_size = [run.gap for run in runs if run.size == size]
        print(
            f"n = {size}: mean gap {statistics.mean(of_size):.3f} %, worst {max(of_size):.3f} % "
            f"over {len(of_size)}"
        )
    cut = sum(run.cut_by_clock for run in runs)
    print(f"runs cut short by the wall-clock safety net: {cut} of {len(runs)}")
    print(f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    geo = [run for run in runs if run.family == "Geo" and run.size >= 120]
    if geo:
        matched = sum(run.gap <= 1e-6 for run in geo)
        print(f"Geo n >= 120: at or above the published value on {matched} of {len(geo)}")


if __name__ == "__main__":
    main()
