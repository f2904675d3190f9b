"""The fewest repeat meetings any mixing plan can have, proven by CP-SAT for small cohorts.

The model asks whether any plan has fewer repeats than the one found. People are alike to it (no
rules), so its answer bounds every plan whatever the rules: when it proves there is none, the
plan found is the fewest possible.

A plan is a partition of the people for each round; many numberings describe the same plan, and
the model keeps few of them, which makes "no plan has fewer" quick to prove:

- round 1's groups are people 0..k-1, k..2k-1, and so on (any plan can be renumbered so);
- round 2 is fixed too, one search for each way it can meet round 1 (see `second_rounds`);
- from round 3, a round's groups are numbered in order of their first member (a renaming of
  groups), and the rounds come in lexicographic order of their group vectors (they may come in
  any order, and this touches neither round 1 nor round 2).

Each pair's repeats are its meetings beyond the first, and the model minimises their sum.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from math import comb
from typing import TYPE_CHECKING

from commonground.lib.lazy_modules import lazy

if TYPE_CHECKING:
    from ortools.sat.python import cp_model
else:
    cp_model = lazy("ortools.sat.python.cp_model")


# The largest cohorts the proof is tried on, by measurement (docs/grouping.md): 12 people in
# threes over 5 rounds takes 18 units of CP-SAT's clock, while a plan for 12 in fours over 6
# rounds with the proof took 325 s on the loaded development machine; the model grows as
# people^2 x rounds. Groups of two need no proof: the counting bound is always met (a round
# robin, repeated).
MOST_PEOPLE = 12
MOST_PERSON_ROUNDS = 60

Rounds = Sequence[Sequence[Sequence[int]]]


@dataclass(frozen=True)
class FewestRepeats:
    """What CP-SAT established about the fewest repeats: the value, whether it is proven, and a
    plan with fewer repeats than the one given when it found one (people numbered from 0)."""

    value: int
    proven: bool
    plan: tuple[tuple[tuple[int, ...], ...], ...] | None = None
    stopped_by_time: bool = False


def repeat_count(plan: Rounds, people: int) -> int:
    """Meetings beyond each pair's first, over every round."""
    met: dict[tuple[int, int], int] = {}
    for groups in plan:
        for members in groups:
            for pair in itertools.combinations(sorted(members), 2):
                met[pair] = met.get(pair, 0) + 1
    return sum(times - 1 for times in met.values())


def in_reach(people: int, size: int, rounds: int) -> bool:
    """Whether the proof is tried: equal groups, and a cohort small enough to finish."""
    return (
        size >= 3
        and people % size == 0
        and people // size >= 2
        and rounds >= 2
        and people <= MOST_PEOPLE
        and people * rounds <= MOST_PERSON_ROUNDS
    )


def fewest_repeats(
    people: int,
    size: int,
    rounds: int,
    *,
    found: int,
    at_least: int,
    seed: int,
    deterministic_time: float,
    time_limit: float | None = None,
) -> FewestRepeats | None:
    """Whether any plan of `people` in groups of `size` over `rounds` has fewer than `found`
    repeats, given that none has fewer than `at_least`. None when the cohort is out of reach.

    Each way round 2 can meet round 1 is searched in turn, sharing `deterministic_time` units
    of CP-SAT's own clock of work (one worker, seeded), so the answer never depends on the
    machine's load unless the wall-clock `time_limit` (seconds, a safety net) cuts in first.
    """
    deadline = None if time_limit is None else time.monotonic() + time_limit
    if not in_reach(people, size, rounds):
        return None
    best, plan, spent = found, None, 0.0
    for second in second_rounds(people, size, (found - 1) // (rounds - 1)):
        if best <= at_least:
            break
        if (rounds - 1) * _overlap(second, size) >= best:
            continue
        left = deterministic_time - spent
        if left <= 0:
            return FewestRepeats(at_least, False, plan)
        seconds = None if deadline is None else max(deadline - time.monotonic(), 0.1)
        settled, better, used = _search(
            people, size, rounds, second, (best - 1, at_least), seed, (left, seconds)
        )
        spent += used
        if better is not None:
            best, plan = repeat_count(better, people), better
        if not settled:
            return FewestRepeats(at_least, False, plan, stopped_by_time=used < 0.99 * left)
    return FewestRepeats(best, True, plan)


def second_rounds(people: int, size: int, most: int) -> list[tuple[tuple[int, ...], ...]]:
    """Round 2, one for each way it can meet round 1 with at most `most` pairs meeting again,
    assuming round 1 is people 0..k-1, k..2k-1, and so on.

    Of all pairs of rounds, any plan can call the two sharing the fewest pairs rounds 1 and 2;
    if those share t pairs, every pair of rounds shares at least t, and a pair meeting c <= R
    times gives c-1 repeats for c(c-1)/2 shared meetings, so the plan has at least (R-1)t
    repeats: t <= (found-1)/(R-1) for any plan better than the one found. How round 2 meets
    round 1 is a table of how many of round-1 group h are in round-2 group g; people in a
    round-1 group are alike, and the groups of either round may be reordered, so tables equal
    up to reordering rows and columns give the same plan, and one of each is searched.
    """
    groups = people // size
    tables: set[tuple[tuple[int, ...], ...]] = set()
    for counts in _tables(groups, size, most):
        tables.add(
            min(
                tuple(sorted(tuple(row[c] for c in order) for row in counts))
                for order in itertools.permutations(range(groups))
            )
        )
    seconds = []
    for table in sorted(tables, key=lambda t: (_table_overlap(t), t)):
        members: list[list[int]] = [[] for _ in range(groups)]
        for h, row in enumerate(table):
            person = h * size
            for g, count in enumerate(row):
                members[g] += range(person, person + count)
                person += count
        seconds.append(tuple(tuple(m) for m in members))
    return seconds


def _tables(groups: int, size: int, most: int) -> list[list[tuple[int, ...]]]:
    """Square tables of counts with every row and column summing to `size`, rows in decreasing
    order, sharing at most `most` pairs."""
    rows = [
        row
        for row in itertools.product(range(size + 1), repeat=groups)
        if sum(row) == size and _table_overlap((row,)) <= most
    ]
    rows.sort(reverse=True)
    found: list[list[tuple[int, ...]]] = []

    def extend(table: list[tuple[int, ...]], columns: list[int], start: int, shared: int) -> None:
        if len(table) == groups:
            if all(c == size for c in columns):
                found.append(list(table))
            return
        for index in range(start, len(rows)):
            row = rows[index]
            extra = _table_overlap((row,))
            filled = [c + v for c, v in zip(columns, row, strict=True)]
            if shared + extra <= most and max(filled) <= size:
                extend([*table, row], filled, index, shared + extra)

    extend([], [0] * groups, 0, 0)
    return found


def _table_overlap(table: Sequence[Sequence[int]]) -> int:
    return sum(comb(count, 2) for row in table for count in row)


def _overlap(second: Sequence[Sequence[int]], size: int) -> int:
    return sum(
        1
        for members in second
        for i, j in itertools.combinations(members, 2)
        if i // size == j // size
    )


def _search(
    people: int,
    size: int,
    rounds: int,
    second: Sequence[Sequence[int]],
    within: tuple[int, int],
    seed: int,
    effort: tuple[float, float | None],
) -> tuple[bool, tuple[tuple[tuple[int, ...], ...], ...] | None, float]:
    """Whether CP-SAT settled the question (optimal or infeasible), the plan with fewest
    repeats it found (between `within[1]` and `within[0]`), and the work it did within `effort`
    (deterministic time, seconds)."""
    model, x, repeats = _model(people, size, rounds, second)
    model.add_linear_constraint(sum(repeats), within[1], within[0])
    model.minimize(sum(repeats))
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = effort[0]
    if effort[1] is not None:
        solver.parameters.max_time_in_seconds = effort[1]
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    used = solver.response_proto.deterministic_time
    settled = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return settled, None, used
    plan = tuple(
        tuple(
            tuple(i for i in range(people) if solver.boolean_value(x[r][i][g]))
            for g in range(people // size)
        )
        for r in range(rounds)
    )
    return settled, plan, used


def _model(
    people: int, size: int, rounds: int, second: Sequence[Sequence[int]]
) -> tuple[cp_model.CpModel, list[list[list[cp_model.IntVar]]], list[cp_model.IntVar]]:
    """Each person's group in each round, rounds 1 and 2 fixed, and per pair whether they ever
    meet."""
    model = cp_model.CpModel()
    groups = people // size
    x = [
        [[model.new_bool_var(f"x{r}_{i}_{g}") for g in range(groups)] for i in range(people)]
        for r in range(rounds)
    ]
    for i in range(people):
        model.add(x[0][i][i // size] == 1)
    for g, members in enumerate(second):
        for i in members:
            model.add(x[1][i][g] == 1)
    for r in range(rounds):
        for i in range(people):
            model.add_exactly_one(x[r][i])
        for g in range(groups):
            model.add(sum(x[r][i][g] for i in range(people)) == size)
            # From round 3, group g holds person i only if group g-1 holds someone before i.
            for i in range(people):
                if g > 0 and r >= 2:
                    model.add(x[r][i][g] <= sum(x[r][j][g - 1] for j in range(i)))
    label = [
        [sum(g * x[r][i][g] for g in range(groups)) for i in range(people)] for r in range(rounds)
    ]
    for r in range(2, rounds - 1):
        _lexicographic(model, label[r], label[r + 1])
    round_of = [
        {i: g for g, members in enumerate(fixed) for i in members}
        for fixed in ([range(g * size, (g + 1) * size) for g in range(groups)], second)
    ]
    repeats: list[cp_model.IntVar] = []
    mates: list[list[list[cp_model.IntVar]]] = [[[] for _ in range(people)] for _ in range(rounds)]
    for i, j in itertools.combinations(range(people), 2):
        together: list[cp_model.IntVar | int] = [int(known[i] == known[j]) for known in round_of]
        for r in range(2, rounds):
            same = model.new_bool_var(f"s{r}_{i}_{j}")
            for g in range(groups):
                model.add(same >= x[r][i][g] + x[r][j][g] - 1)
            together.append(same)
            mates[r][i].append(same)
            mates[r][j].append(same)
        again = model.new_int_var(0, rounds - 1, f"a{i}_{j}")
        model.add(again >= sum(together) - 1)
        repeats.append(again)
    # Every round from the third has its meetings: this gives the search the counting bound.
    model.add(
        sum(sum(mates[r][i]) for r in range(2, rounds) for i in range(people))
        >= 2 * (rounds - 2) * groups * comb(size, 2)
    )
    return model, x, repeats


def _lexicographic(
    model: cp_model.CpModel,
    first: Sequence[cp_model.LinearExprT],
    second: Sequence[cp_model.LinearExprT],
) -> None:
    """`first` comes no later than `second` in lexicographic order."""
    equal_so_far = model.new_constant(1)
    for a, b in zip(first, second, strict=True):
        # While every earlier entry is equal, this one is smaller (and the rest are free) or the
        # same (and the comparison goes on).
        smaller, same = model.new_bool_var(""), model.new_bool_var("")
        model.add(a + 1 <= b).only_enforce_if(smaller)
        model.add(a == b).only_enforce_if(same)
        model.add_bool_or([equal_so_far.Not(), smaller, same])
        model.add_implication(same, equal_so_far)
        equal_so_far = same
