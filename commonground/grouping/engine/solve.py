"""Chooses the solver: CP-SAT proves small groupings optimal, local search handles the rest."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .bounds import upper_bound
from .exact import solve_exact
from .feasibility import InfeasibleRules, broken_hard_rules, check_up_front
from .local_search import search
from .model import Progress
from .problem import IntArray, SearchProblem

EXACT_LIMIT = 14


@dataclass(frozen=True)
class Solution:
    """An assignment meeting every hard rule, its objective, an upper bound, how it was found."""

    assignment: IntArray
    objective: float
    upper_bound: float
    proven_optimal: bool
    solver: str
    stopped_by_time: bool


def solve(
    problem: SearchProblem,
    names: Sequence[str],
    *,
    seed: int,
    time_limit: float | None,
    progress: Progress | None = None,
    max_iterations: int | None = None,
    deterministic_time: float | None = None,
) -> Solution:
    """The best grouping found within the effort and the time limit (see SolverSettings);
    raises InfeasibleRules rather than break a hard rule."""
    check_up_front(problem, names)
    clock = _Clock(time_limit)
    if problem.size <= EXACT_LIMIT:
        _report(progress, 0.0, "proving the best grouping with CP-SAT")
        exact = solve_exact(
            problem, time_limit=time_limit, deterministic_time=deterministic_time, seed=seed
        )
        if exact.status == "infeasible":
            raise _conflict(exact.conflicting)
        if exact.assignment is not None:
            _report(progress, 1.0, f"CP-SAT: {exact.status}")
            objective = problem.score(exact.assignment)
            bound = objective if exact.proven_optimal else max(objective, exact.bound or objective)
            return Solution(
                exact.assignment,
                objective,
                bound,
                exact.proven_optimal,
                "CP-SAT",
                not exact.proven_optimal,
            )
    found = search(
        problem,
        seed=seed,
        time_limit=clock.remaining(0.1),
        max_iterations=max_iterations,
        progress=progress,
    )
    assignment = found.assignment
    if broken_hard_rules(problem, assignment):
        assignment = _repair(
            problem, seed, clock.remaining(2.0), deterministic_time, max_iterations
        )
    _report(progress, 1.0, "done")
    return evaluate(problem, assignment, "local search", stopped_by_time=found.stopped_by_time)


@dataclass(frozen=True)
class _Clock:
    """The wall-clock time limit of one solve, if it has one."""

    limit: float | None
    started: float = field(default_factory=time.perf_counter)

    def remaining(self, at_least: float) -> float | None:
        if self.limit is None:
            return None
        return max(self.limit - (time.perf_counter() - self.started), at_least)


def evaluate(
    problem: SearchProblem, assignment: IntArray, solver: str, *, stopped_by_time: bool = False
) -> Solution:
    """An assignment not proven optimal: its objective, recomputed, and the quick upper bound."""
    objective = problem.score(assignment)
    return Solution(
        assignment, objective, max(upper_bound(problem), objective), False, solver, stopped_by_time
    )


def _repair(
    problem: SearchProblem,
    seed: int,
    time_limit: float | None,
    deterministic_time: float | None,
    max_iterations: int | None,
) -> IntArray:
    """When local search cannot meet the hard rules, CP-SAT finds a grouping or proves none."""
    exact = solve_exact(
        problem,
        time_limit=_half(time_limit),
        deterministic_time=_half(deterministic_time),
        seed=seed,
        optimise=False,
    )
    if exact.status == "infeasible":
        raise _conflict(exact.conflicting)
    if exact.assignment is None:
        raise InfeasibleRules(
            "no grouping meeting every hard rule was found in the time limit; "
            "try a longer time limit or fewer hard rules",
            proven=False,
        )
    improved = search(
        problem,
        seed=seed,
        time_limit=_half(time_limit),
        max_iterations=_half(max_iterations),
        start=exact.assignment,
    )
    if broken_hard_rules(problem, improved.assignment):
        return exact.assignment
    return improved.assignment


Limit = TypeVar("Limit", int, float)


def _half(limit: Limit | None) -> Limit | None:
    return None if limit is None else type(limit)(limit / 2)


def _conflict(conflicting: Sequence[str]) -> InfeasibleRules:
    return InfeasibleRules(
        "these hard rules cannot all be met: " + "; ".join(conflicting), conflicting
    )


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)
