"""Benchmarks the grouping engine on realistic Greater Essex cohorts against simpler methods."""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from commonground.grouping.engine import (
    BalanceNumber,
    GroupSizes,
    Participant,
    Rule,
    SolverSettings,
    SpreadAttribute,
    form_groups,
    plan_mixing,
)
from commonground.grouping.engine.distance import default_weights, diversity_matrix

# The organisations the product ships with; read as plain CSV, so the benchmark needs no Django.
ORGANISATIONS = (
    Path(__file__).resolve().parents[1]
    / "commonground"
    / "directory"
    / "data"
    / "greater-essex-organisations.csv"
)

BANDS = ["Director", "Assistant director", "Head of service", "Senior manager"]
# Large employers send more people each year than small charities do.
LARGE_KINDS = {"County council", "Police force", "Acute hospital trust", "Integrated care board"}
RULES: list[Rule] = [
    SpreadAttribute("organisation", hard=True),
    SpreadAttribute("sector"),
    SpreadAttribute("area"),
    BalanceNumber("years"),
]


def invent_cohort(organisations: list[dict[str, str]], size: int, seed: int) -> list[Participant]:
    rng = random.Random(seed)
    weights = [3.0 if row["kind"] in LARGE_KINDS else 1.0 for row in organisations]
    people = []
    for i in range(size):
        row = rng.choices(organisations, weights)[0]
        attributes: dict[str, str | float] = {
            "organisation": row["short_name"],
            "sector": row["sector"],
            "area": row["area"],
            "band": rng.choice(BANDS),
            "gender": "female" if rng.random() < 0.58 else "male",
            "years": float(rng.randint(1, 30)),
        }
        people.append(Participant(f"L{i:03d}", attributes))
    return people


def random_groups(people: Sequence[Participant], groups: int, seed: int) -> list[list[int]]:
    order = np.random.default_rng(seed).permutation(len(people))
    return [order[g::groups].tolist() for g in range(groups)]


def round_robin_by_organisation(people: Sequence[Participant], groups: int) -> list[list[int]]:
    """The spreadsheet method: sort by organisation, then deal people out like cards."""
    order = sorted(range(len(people)), key=lambda i: str(people[i].value("organisation")))
    return [order[g::groups] for g in range(groups)]


def measure(people: Sequence[Participant], groups: list[list[int]]) -> tuple[float, int, int]:
    """Diversity, pairs of colleagues sharing a group, sectors whose counts differ by 2 or more."""
    distances = diversity_matrix(people, default_weights(people))
    diversity = sum(float(distances[np.ix_(g, g)].sum()) / 2 for g in groups)
    colleagues = 0
    for members in groups:
        organisations = [people[i].value("organisation") for i in members]
        colleagues += sum(organisations.count(o) - 1 for o in set(organisations))
    sectors = sorted({str(p.value("sector")) for p in people})
    counts = np.array(
        [[sum(people[i].value("sector") == s for i in g) for s in sectors] for g in groups]
    )
    uneven = int(np.sum((counts.max(axis=0) - counts.min(axis=0)) > 1))
    return diversity, colleagues, uneven


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50,300")
    parser.add_argument("--set-size", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per grouping")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--organisations", type=Path, default=ORGANISATIONS, help="CSV the cohorts are drawn from"
    )
    args = parser.parse_args()
    with args.organisations.open() as file:
        organisations = list(csv.DictReader(file))
    header = f"{'cohort':>6} {'method':<26} {'diversity':>10} {'colleagues':>10} {'uneven':>6}"
    print(f"{header} {'time s':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        people = invent_cohort(organisations, size, args.seed)
        _compare(people, args)
        _mix(people, args)


def _compare(people: list[Participant], args: argparse.Namespace) -> None:
    groups = max(1, round(len(people) / args.set_size))
    started = time.perf_counter()
    settings = SolverSettings(seed=args.seed, time_limit=args.seconds, max_iterations=None)
    grouping = form_groups(people, GroupSizes(groups=groups), RULES, settings=settings)
    seconds = time.perf_counter() - started
    index = {p.id: i for i, p in enumerate(people)}
    engine = [[index[m] for m in members] for members in grouping.groups]
    for method, assignment, spent in [
        ("random", random_groups(people, groups, args.seed), 0.0),
        ("round robin by organisation", round_robin_by_organisation(people, groups), 0.0),
        ("grouping engine", engine, seconds),
    ]:
        diversity, colleagues, uneven = measure(people, assignment)
        print(
            f"{len(people):>6} {method:<26} {diversity:>10.1f} {colleagues:>10} {uneven:>6} "
            f"{spent:>7.1f}"
        )
    broken = [r.rule for r in grouping.explanation.rules if r.hard and not r.met]
    print(
        f"{'':>6} hard rules broken by the engine: {len(broken)}; gap to the diversity bound "
        f"{grouping.explanation.gap:.1%}"
    )


def _mix(people: list[Participant], args: argparse.Namespace) -> None:
    started = time.perf_counter()
    settings = SolverSettings(
        seed=args.seed, time_limit=args.seconds * args.rounds, max_iterations=None
    )
    plan = plan_mixing(
        people, args.rounds, GroupSizes(target_size=args.set_size), RULES, settings=settings
    )
    seconds = time.perf_counter() - started
    fewest = min(plan.colleagues_met.values())
    organisations = min(plan.organisations_met.values())
    print(
        f"{'':>6} mixing, {args.rounds} rounds of sets of {args.set_size}: "
        f"{plan.repeated_pairs} repeated pairs (lower bound {plan.lower_bound}); "
        f"everyone meets at least {fewest} colleagues from "
        f"{organisations} other organisations; {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
