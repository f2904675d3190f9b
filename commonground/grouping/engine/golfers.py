"""The social golfer search: more rounds with no pair meeting twice, after a design's first ones.

A constraint model (CP-SAT, one worker, a fixed seed, stopped on deterministic time) places
everyone in the rounds still to plan, given the rounds already fixed. When it cannot finish, it
lets go of the last fixed round and tries again with the freedom that gives, and so on. The same
inputs always give the same plan, and a plan is checked pair by pair before it is returned.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from commonground.lib.lazy_modules import lazy

from .resolvable import Rounds, check_rounds

if TYPE_CHECKING:
    from ortools.sat.python import cp_model
else:
    cp_model = lazy("ortools.sat.python.cp_model")

# CP-SAT deterministic time (about seconds of one core at rest) for each attempt, and for all.
ATTEMPT_WORK = 4.0
TOTAL_WORK = 8.0


def extend_rounds(
    people: int,
    size: int,
    rounds: int,
    start: Rounds,
    *,
    attempt_work: float = ATTEMPT_WORK,
    total_work: float = TOTAL_WORK,
) -> Rounds | None:
    """`rounds` rounds of groups of `size` with no pair meeting twice, keeping as many of
    `start`'s rounds as it can, or None when the work runs out first."""
    if people % size or rounds < 1:
        return None
    spent = 0.0
    for keep in range(min(len(start), rounds), -1, -1):
        work = min(attempt_work, total_work - spent)
        if work <= 0:
            return None
        fixed = _fixed_start(start[:keep], people, size)
        plan, used = _solve(people, size, rounds, fixed, work)
        spent += used
        if plan is not None and check_rounds(people, size, plan):
            return plan
    return None


def _fixed_start(start: Rounds, people: int, size: int) -> Rounds:
    """The rounds kept; with none kept, the first round seats people in order (no loss)."""
    if start:
        return start
    return [[list(range(g * size, (g + 1) * size)) for g in range(people // size)]]


def _solve(
    people: int, size: int, rounds: int, fixed: Rounds, work: float
) -> tuple[Rounds | None, float]:
    groups = people // size
    fixed = fixed[:rounds]
    new = range(rounds - len(fixed))
    if not new:
        return fixed, 0.0
    model = cp_model.CpModel()
    seat = {
        (r, p, g): model.new_bool_var(f"x{r}_{p}_{g}")
        for r in new
        for p in range(people)
        for g in range(groups)
    }
    for r in new:
        for p in range(people):
            model.add_exactly_one(seat[r, p, g] for g in range(groups))
            # Groups are numbered by their first member, so person p sits in a group up to p.
            for g in range(p + 1, groups):
                model.add(seat[r, p, g] == 0)
        for g in range(groups):
            model.add(sum(seat[r, p, g] for p in range(people)) == size)
            # Members of one earlier group never sit together again.
            for earlier in fixed:
                for members in earlier:
                    model.add_at_most_one(seat[r, p, g] for p in members)
    if len(new) > 1:
        for p, q in itertools.combinations(range(people), 2):
            together = []
            for r in new:
                meet = model.new_bool_var(f"m{r}_{p}_{q}")
                for g in range(min(p + 1, groups)):
                    model.add_bool_or([seat[r, p, g].negated(), seat[r, q, g].negated(), meet])
                together.append(meet)
            model.add_at_most_one(together)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = work
    status = solver.solve(model)
    used = solver.deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, used
    plan = [list(map(list, groups_)) for groups_ in fixed]
    for r in new:
        plan.append(
            [[p for p in range(people) if solver.value(seat[r, p, g])] for g in range(groups)]
        )
    return plan, used
