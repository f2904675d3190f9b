"""CP-SAT models that prove small groupings optimal and find which hard rules conflict."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from commonground.lib.lazy_modules import lazy

from .problem import (
    Apart,
    AtMostOne,
    FloatArray,
    HardConstraint,
    IntArray,
    MeanWithin,
    NotAlone,
    Pinned,
    SearchProblem,
    Together,
)
from .sizes import most_pairs_sizes

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    BoolVar = cp_model.IntVar
    LinearExpr = cp_model.LinearExprT
else:
    cp_model = lazy("ortools.sat.python.cp_model")


@dataclass(frozen=True)
class ExactOutcome:
    """What CP-SAT established: a grouping, its status, a proven bound, or the rules in conflict."""

    assignment: IntArray | None
    status: str
    bound: float | None
    conflicting: tuple[str, ...] = ()

    @property
    def proven_optimal(self) -> bool:
        return self.status == "optimal"


def integer_scale(values: Sequence[float] | FloatArray) -> tuple[int, bool]:
    """A power of ten turning every value into an integer, and whether that is exact."""
    array = np.asarray(values, dtype=float)
    for scale in (1, 10, 100, 1000, 10_000, 100_000, 1_000_000):
        scaled = array * scale
        if (
            np.all(np.abs(scaled - np.round(scaled)) < 1e-6)
            and np.abs(scaled).max(initial=0) < 2e12
        ):
            return scale, True
    return 1_000_000, False


def solve_exact(
    problem: SearchProblem,
    *,
    seed: int,
    time_limit: float | None = None,
    deterministic_time: float | None = None,
    optimise: bool = True,
) -> ExactOutcome:
    """Solve with CP-SAT; with `optimise` off, look only for a grouping meeting the hard rules.

    `deterministic_time` bounds the work on CP-SAT's own clock, so the same seed stops at the
    same point on any machine; `time_limit` bounds the wall clock. Give at least one.
    """
    if time_limit is None and deterministic_time is None:
        raise ValueError("give a time limit or a deterministic time, or CP-SAT may never stop")
    model = cp_model.CpModel()
    n, m = problem.size, problem.groups
    x = [[model.new_bool_var(f"x{i}_{g}") for g in range(m)] for i in range(n)]
    for i in range(n):
        model.add_exactly_one(x[i])
    for g in range(m):
        model.add_linear_constraint(
            sum(x[i][g] for i in range(n)), int(problem.lower[g]), int(problem.upper[g])
        )
    _break_symmetry(model, problem, x)
    labels = _add_hard_rules(model, problem, x)
    scale = 1
    if optimise:
        scale = _add_objective(model, problem, x)
    model.add_assumptions(list(labels.values()))
    solver = cp_model.CpSolver()
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = max(time_limit, 0.1)
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = deterministic_time
    # One worker and a fixed seed: with several, which finds a solution first depends on timing.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        core = set(solver.sufficient_assumptions_for_infeasibility())
        names = tuple(label for label, lit in labels.items() if lit.index in core)
        return ExactOutcome(None, "infeasible", None, names or tuple(labels))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactOutcome(None, "unknown", None)
    assignment = np.array(
        [next(g for g in range(m) if solver.boolean_value(x[i][g])) for i in range(n)],
        dtype=np.int64,
    )
    bound = solver.best_objective_bound / scale if optimise else None
    proven = status == cp_model.OPTIMAL and optimise
    return ExactOutcome(assignment, "optimal" if proven else "feasible", bound)


def _interchangeable(problem: SearchProblem, first: int, second: int) -> bool:
    pinned = set(problem.pinned_groups.values())
    same_bounds = (
        problem.lower[first] == problem.lower[second]
        and problem.upper[first] == problem.upper[second]
    )
    same_unary = problem.unary is None or np.array_equal(
        problem.unary[:, first], problem.unary[:, second]
    )
    return same_bounds and same_unary and first not in pinned and second not in pinned


def _break_symmetry(
    model: cp_model.CpModel, problem: SearchProblem, x: list[list[BoolVar]]
) -> None:
    """Order interchangeable groups by their first member, so each grouping is counted once."""
    for g in range(1, problem.groups):
        if not _interchangeable(problem, g - 1, g):
            continue
        for i in range(problem.size):
            model.add(x[i][g] <= sum(x[k][g - 1] for k in range(i)))


def _add_hard_rules(
    model: cp_model.CpModel, problem: SearchProblem, x: list[list[BoolVar]]
) -> dict[str, BoolVar]:
    """Each hard rule behind one literal, so an infeasible model names the rules in conflict."""
    labels: dict[str, BoolVar] = {}
    for rule in problem.hard:
        if rule.label not in labels:
            labels[rule.label] = model.new_bool_var(rule.label)
        _add_rule(model, problem, x, rule, labels[rule.label])
    return labels


def _add_rule(
    model: cp_model.CpModel,
    problem: SearchProblem,
    x: list[list[BoolVar]],
    rule: HardConstraint,
    enforced: BoolVar,
) -> None:
    groups = range(problem.groups)
    match rule:
        case Apart(first=i, second=j):
            for g in groups:
                model.add(x[i][g] + x[j][g] <= 1).only_enforce_if(enforced)
        case Together(first=i, second=j):
            for g in groups:
                model.add(x[i][g] == x[j][g]).only_enforce_if(enforced)
        case AtMostOne(members=members):
            for g in groups:
                model.add(sum(x[i][g] for i in members) <= 1).only_enforce_if(enforced)
        case NotAlone(members=members):
            for g in groups:
                alone = _exactly_one_flagged(model, x, members, g)
                model.add_implication(enforced, alone.Not())
        case MeanWithin(values=values, tolerance=tolerance):
            _add_mean_within(model, x, values, tolerance, enforced, problem.groups)
        case Pinned(person=i, group=g):
            model.add(x[i][g] == 1).only_enforce_if(enforced)


def _exactly_one_flagged(
    model: cp_model.CpModel, x: list[list[BoolVar]], members: Sequence[int], group: int
) -> BoolVar:
    """A literal true exactly when the group holds one of `members`."""
    count = sum(x[i][group] for i in members)
    none, one, more = (model.new_bool_var(f"count{k}") for k in range(3))
    model.add_exactly_one([none, one, more])
    model.add(count == 0).only_enforce_if(none)
    model.add(count == 1).only_enforce_if(one)
    model.add(count >= 2).only_enforce_if(more)
    return one


def _add_mean_within(
    model: cp_model.CpModel,
    x: list[list[BoolVar]],
    values: Sequence[float],
    tolerance: float,
    enforced: BoolVar,
    groups: int,
) -> None:
    # mean - tol <= group mean <= mean + tol, multiplied through by the group's size.
    mean = float(np.mean(values))
    scale, _ = integer_scale([*values, mean, tolerance])
    for g in range(groups):
        above = sum(round((v - mean - tolerance) * scale) * x[i][g] for i, v in enumerate(values))
        below = sum(round((v - mean + tolerance) * scale) * x[i][g] for i, v in enumerate(values))
        model.add(above <= 0).only_enforce_if(enforced)
        model.add(below >= 0).only_enforce_if(enforced)


def _add_objective(model: cp_model.CpModel, problem: SearchProblem, x: list[list[BoolVar]]) -> int:
    """Maximise the scaled objective; return the scale so bounds can be read back."""
    n, m = problem.size, problem.groups
    diversity = problem.diversity_scores()
    values: list[float] = [float(v) for v in problem.pair_scores[np.triu_indices(n, 1)]]
    if problem.unary is not None:
        values += [float(v) for v in problem.unary.ravel()]
    values += [t.penalty for t in problem.isolation if not t.hard]
    if problem.worst_group_weight:
        values += [float(v) for v in diversity[np.triu_indices(n, 1)]]
    scale, _ = integer_scale(values)
    same = _pair_variables(model, problem, x)
    terms: list[LinearExpr] = [
        round(problem.pair_scores[i, j] * scale) * same[i, j] for i, j in same
    ]
    if problem.unary is not None:
        terms += [round(problem.unary[i, g] * scale) * x[i][g] for i in range(n) for g in range(m)]
    for term in problem.isolation:
        if not term.hard:
            members = np.flatnonzero(term.flagged).tolist()
            for g in range(m):
                alone = _exactly_one_flagged(model, x, members, g)
                terms.append(-round(term.penalty * scale) * alone)
    if not problem.worst_group_weight:
        model.maximize(cp_model.LinearExpr.sum(terms))
        return scale
    # The worst group's weight may be fractional: scale the other terms so it is a whole number.
    weight_scale, _ = integer_scale([problem.worst_group_weight])
    worst = model.new_int_var(-(2**40), 2**40, "worst")
    for g in range(m):
        inside = [
            round(diversity[i, j] * scale) * _both_in(model, same[i, j], x[i][g]) for i, j in same
        ]
        model.add(worst <= sum(inside))
    weight = round(problem.worst_group_weight * weight_scale)
    model.maximize(weight_scale * cp_model.LinearExpr.sum(terms) + weight * worst)
    return scale * weight_scale


def _pair_variables(
    model: cp_model.CpModel, problem: SearchProblem, x: list[list[BoolVar]]
) -> dict[tuple[int, int], BoolVar]:
    """One literal per pair for "share a group", with the cuts that make its LP bound tight.

    Transitivity (the clique-partitioning triangles), each person's number of group-mates within
    their group's size bounds, and the most pairs any size profile allows.
    """
    n, m = problem.size, problem.groups
    same = {(i, j): model.new_bool_var(f"same{i}_{j}") for i in range(n) for j in range(i + 1, n)}
    for (i, j), together in same.items():
        for g in range(m):
            model.add(x[i][g] == x[j][g]).only_enforce_if(together)
            model.add(x[i][g] + x[j][g] <= 1).only_enforce_if(together.Not())
    for i, j, k in itertools.combinations(range(n), 3):
        model.add(same[i, j] + same[j, k] - same[i, k] <= 1)
        model.add(same[i, j] + same[i, k] - same[j, k] <= 1)
        model.add(same[i, k] + same[j, k] - same[i, j] <= 1)
    for i in range(n):
        mates = sum(same[min(i, j), max(i, j)] for j in range(n) if j != i)
        model.add(mates <= sum(int(problem.upper[g] - 1) * x[i][g] for g in range(m)))
        model.add(mates >= sum(int(problem.lower[g] - 1) * x[i][g] for g in range(m)))
    sizes = most_pairs_sizes(n, problem.lower, problem.upper)
    if sizes is not None:
        model.add(sum(same.values()) <= int((sizes * (sizes - 1) // 2).sum()))
    return same


def _both_in(model: cp_model.CpModel, first: BoolVar, second: BoolVar) -> BoolVar:
    both = model.new_bool_var("")
    model.add_bool_and([first, second]).only_enforce_if(both)
    model.add_bool_or([first.Not(), second.Not()]).only_enforce_if(both.Not())
    return both
