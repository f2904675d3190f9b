"""CP-SAT proves optimal groupings: against brute force and against the published optima."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest

from commonground.grouping.engine import read_instance, solve
from commonground.grouping.engine.exact import solve_exact
from commonground.grouping.engine.problem import SearchProblem

# Four small published instances shipped with the tests; tests/data/mdgp/README.md says which.
BENCHMARKS = Path(__file__).resolve().parents[1] / "data" / "mdgp"


def brute_force(problem: SearchProblem) -> float:
    best = -np.inf
    for labels in itertools.product(range(problem.groups), repeat=problem.size):
        assignment = np.array(labels, dtype=np.int64)
        sizes = np.bincount(assignment, minlength=problem.groups)
        if np.all(sizes >= problem.lower) and np.all(sizes <= problem.upper):
            best = max(best, problem.score(assignment))
    return float(best)


@pytest.mark.parametrize("seed", range(6))
def test_it_matches_brute_force_on_tiny_instances(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 9))
    scores = np.triu(rng.integers(-20, 100, size=(n, n)).astype(float), 1)
    scores += scores.T
    lower = np.array([1, 2, 1], dtype=np.int64)
    upper = np.array([4, 3, 5], dtype=np.int64)
    problem = SearchProblem(pair_scores=scores, lower=lower, upper=upper)
    outcome = solve_exact(problem, deterministic_time=10.0, seed=0)
    assert outcome.proven_optimal
    assert outcome.assignment is not None
    assert problem.score(outcome.assignment) == pytest.approx(brute_force(problem))


def test_it_matches_brute_force_with_the_worst_group_raised() -> None:
    rng = np.random.default_rng(7)
    scores = np.triu(rng.integers(0, 50, size=(7, 7)).astype(float), 1)
    scores += scores.T
    bounds = np.array([2, 2, 2], dtype=np.int64), np.array([3, 3, 3], dtype=np.int64)
    problem = SearchProblem(scores, *bounds, worst_group_weight=1.5)
    outcome = solve_exact(problem, deterministic_time=10.0, seed=0)
    assert outcome.assignment is not None
    assert problem.score(outcome.assignment) == pytest.approx(brute_force(problem))


def published() -> dict[str, float]:
    with (BENCHMARKS / "best-known.csv").open() as file:
        return {row["instance"]: float(row["best_known"]) for row in csv.DictReader(file)}


@pytest.mark.parametrize(
    "name", ["RanReal_n010_ss_01", "RanInt_n012_ds_03", "Geo_n012_ss_07", "RanReal_n012_ds_09"]
)
def test_it_proves_the_published_optimum(name: str) -> None:
    instance = read_instance(BENCHMARKS / "instances" / name.split("_")[0] / f"{name}.txt")
    solution = solve(instance.problem(), [], seed=0, time_limit=None, deterministic_time=10.0)
    assert solution.proven_optimal
    assert instance.objective(solution.assignment) == pytest.approx(published()[name], abs=1e-3)


def test_its_deterministic_limit_stops_at_the_same_grouping_on_every_run() -> None:
    # Far too little effort to prove this one: CP-SAT stops on its own clock, not the wall's.
    problem = read_instance(BENCHMARKS / "instances" / "RanReal" / "RanReal_n012_ds_09.txt")
    outcomes = [solve_exact(problem.problem(), deterministic_time=0.02, seed=0) for _ in range(3)]
    assert [outcome.status for outcome in outcomes] == ["feasible"] * 3
    first, *others = [outcome.assignment for outcome in outcomes if outcome.assignment is not None]
    assert len(others) == 2 and all(np.array_equal(first, other) for other in others)
    assert problem.objective(first) < published()["RanReal_n012_ds_09"]


def test_it_refuses_to_run_with_no_limit_at_all() -> None:
    problem = read_instance(BENCHMARKS / "instances" / "Geo" / "Geo_n012_ss_07.txt").problem()
    with pytest.raises(ValueError, match="time limit or a deterministic time"):
        solve_exact(problem, seed=0)
