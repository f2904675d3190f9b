"""Plans whose every round is kept by a group: 32 people in fours over 10 rounds (8-4-10).

People are the points (x, orbit) of G x {0..orbits-1}, G a product of cyclic groups numbered as
in `rotational.Group`. A round is kept by G when moving everyone on by any g seats the same
groups; then whether (x, i) sits with (x + d, j) depends only on the class (i, j, d), so the
round is a set of classes. A set of classes is a round in groups of k when each person has k - 1
companions and a companion's companion is a companion (so the groups are cliques of k), and a
plan whose rounds share no class has no pair meeting twice.

The sets are found by a constraint search (CP-SAT, one worker, a fixed seed, stopped on
deterministic time) and kept in ROUNDS, so a plan is immediate; each plan is checked pair by pair
before it is used. The search also proves where there is none: no plan for 8-4-10 is kept by
Z_8 or Z_2 x Z_4 on four orbits, or by Z_16, Z_4 x Z_4, Z_2 x Z_8 or Z_2 x Z_2 x Z_4 on two,
each settled within 2 s.
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from commonground.lib.lazy_modules import lazy

from .resolvable import Frozen, Rounds, checked
from .rotational import Group, solved

if TYPE_CHECKING:
    from ortools.sat.python import cp_model
else:
    cp_model = lazy("ortools.sat.python.cp_model")

# (orbit i, orbit j, difference d) with i <= j, and d <= -d when i == j.
Class = tuple[int, int, int]


class Layout(NamedTuple):
    """orders, the cyclic factors of the group; orbits, how many copies of it the people are."""

    orders: tuple[int, ...]
    orbits: int


# (people, size) -> the layout and each round's classes, found by `search_rounds` with seed 0
# (32 in fours: 10 rounds kept by Z_2 x Z_2 x Z_2 on four orbits, 16 s of CPU within 100 units).
ROUNDS: dict[tuple[int, int], tuple[Layout, tuple[tuple[Class, ...], ...]]] = {
    (32, 4): (
        Layout((2, 2, 2), 4),
        (
            (
                (0, 0, 5),
                (0, 1, 0),
                (0, 1, 5),
                (1, 1, 5),
                (2, 2, 2),
                (2, 2, 5),
                (2, 2, 7),
                (3, 3, 3),
                (3, 3, 5),
                (3, 3, 6),
            ),
            (
                (0, 1, 4),
                (0, 2, 0),
                (0, 3, 4),
                (1, 2, 4),
                (1, 3, 0),
                (2, 3, 4),
            ),
            (
                (0, 0, 7),
                (0, 3, 0),
                (0, 3, 7),
                (1, 1, 6),
                (1, 2, 0),
                (1, 2, 6),
                (2, 2, 6),
                (3, 3, 7),
            ),
            (
                (0, 1, 3),
                (0, 2, 2),
                (0, 3, 5),
                (1, 2, 1),
                (1, 3, 6),
                (2, 3, 7),
            ),
            (
                (0, 0, 3),
                (0, 2, 5),
                (0, 2, 6),
                (1, 1, 2),
                (1, 3, 5),
                (1, 3, 7),
                (2, 2, 3),
                (3, 3, 2),
            ),
            (
                (0, 1, 1),
                (0, 2, 3),
                (0, 3, 3),
                (1, 2, 2),
                (1, 3, 2),
                (2, 3, 0),
            ),
            (
                (0, 1, 2),
                (0, 2, 7),
                (0, 3, 1),
                (1, 2, 5),
                (1, 3, 3),
                (2, 3, 6),
            ),
            (
                (0, 0, 2),
                (0, 0, 4),
                (0, 0, 6),
                (1, 1, 3),
                (1, 1, 4),
                (1, 1, 7),
                (2, 2, 4),
                (2, 3, 1),
                (2, 3, 5),
                (3, 3, 4),
            ),
            (
                (0, 1, 6),
                (0, 2, 1),
                (0, 3, 2),
                (1, 2, 7),
                (1, 3, 4),
                (2, 3, 3),
            ),
            (
                (0, 1, 7),
                (0, 2, 4),
                (0, 3, 6),
                (1, 2, 3),
                (1, 3, 1),
                (2, 3, 2),
            ),
        ),
    ),
}


def invariant_plan(people: int, size: int, rounds: int) -> Rounds | None:
    """The first `rounds` of the stored rounds for `people` in groups of `size`, or None."""
    stored = ROUNDS.get((people, size))
    if stored is None or rounds > len(stored[1]):
        return None
    plan = _plan(people, size)
    return [[list(members) for members in groups] for groups in plan[:rounds]]


def invariant_method(people: int, size: int) -> str:
    """How the stored plan is made, in words."""
    group = Group(ROUNDS[people, size][0].orders).name()
    return f"rounds each kept by the group {group} (no pair meets twice)"


@cache
def _plan(people: int, size: int) -> Frozen:
    layout, classes = ROUNDS[people, size]
    plan = [seated(layout, chosen) for chosen in classes]
    return checked(people, size, plan, f"plan kept by a group in groups of {size}")


def seated(layout: Layout, classes: tuple[Class, ...]) -> list[list[int]]:
    """The round a set of classes makes: person orbit * m + x, groups in order of their first
    member. Every class joins (x, i) and (x + d, j) for every x."""
    group = Group(layout.orders)
    m = group.m
    companions: dict[int, set[int]] = {p: {p} for p in range(m * layout.orbits)}
    for i, j, d in classes:
        for x in range(m):
            a, b = i * m + x, j * m + group.add(x, d)
            companions[a].add(b)
            companions[b].add(a)
    groups: list[list[int]] = []
    seen: set[int] = set()
    for p in range(m * layout.orbits):
        if p not in seen:
            members = sorted(companions[p])
            seen.update(members)
            groups.append(members)
    return groups


def classes_of(layout: Layout) -> list[Class]:
    """Every class of pairs, each once."""
    group = Group(layout.orders)
    return sorted(
        {
            _canonical(i, j, d, group)
            for i, j in itertools.product(range(layout.orbits), repeat=2)
            for d in range(group.m)
            if i != j or d
        }
    )


def _canonical(i: int, j: int, d: int, group: Group) -> Class:
    if i > j:
        i, j, d = j, i, group.negative(d)
    if i == j:
        d = min(d, group.negative(d))
    return (i, j, d)


def search_rounds(
    layout: Layout, size: int, rounds: int, work: float, seed: int = 0
) -> tuple[tuple[Class, ...], ...] | None:
    """`rounds` sets of classes, each a round in groups of `size`, no class in two of them; None
    when there are none (proven) or the work runs out first."""
    group = Group(layout.orders)
    m, orbits = group.m, layout.orbits
    classes = classes_of(layout)
    model = cp_model.CpModel()
    used = {(r, c): model.new_bool_var(f"u{r}_{c}") for r in range(rounds) for c in classes}

    def flag(r: int, i: int, j: int, d: int) -> cp_model.IntVar:
        return used[r, _canonical(i, j, d, group)]

    others = [(j, d) for j in range(orbits) for d in range(m)]
    for r in range(rounds):
        for i in range(orbits):
            model.add(sum(flag(r, i, j, d) for j, d in others if (j, d) != (i, 0)) == size - 1)
        # A companion's companion is a companion.
        for i, j, k in itertools.product(range(orbits), repeat=3):
            for d, e in itertools.product(range(m), repeat=2):
                f = group.add(d, e)
                if (i == j and d == 0) or (j == k and e == 0) or (i == k and f == 0):
                    continue
                model.add_bool_or(
                    [flag(r, i, j, d).negated(), flag(r, j, k, e).negated(), flag(r, i, k, f)]
                )
    for c in classes:
        model.add_at_most_one(used[r, c] for r in range(rounds))
    solver = solved(model, work, seed)
    if solver is None:
        return None
    return tuple(tuple(c for c in classes if solver.value(used[r, c])) for r in range(rounds))
