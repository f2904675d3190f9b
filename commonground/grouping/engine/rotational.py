"""Plans carried round a group: a few base rounds, each moved on by s for every s in the group.

People are the points (x, level) of G x {0..levels-1} and a few fixed people who stay put, where
G is the cyclic group Z_m or, where the shape names its orders, a product of cyclic groups such
as Z_2 x Z_6 (its elements numbered 0..m-1, the last factor counting fastest). Round j*m + s
seats (x + s, level) where base round j seats (x, level). Two people who sit together in a base
round sit together again in a later round only if another pair of the base rounds has the same
difference (level, level', y - x), so base rounds using each difference at most once (and no
difference d = -d within a level, which maps a pair onto itself) give bases * m rounds with no
pair meeting twice. A fixed person meets the companions of their base groups moved on, so
shares them with at most one person of each level over all the base rounds, and never sits with
another fixed person.

A transversal shape keeps each level apart in the base rounds, so its rounds never seat two
people of one level together. Over Z_2 x Z_6 with five levels this is a difference matrix:
twelve rounds of twelve groups of five (a resolvable transversal design, as from four
orthogonal Latin squares of order 12, which no cyclic group of order 12 can give).

The base rounds are found by a constraint search (CP-SAT, one worker, a fixed seed, stopped on
deterministic time) and kept in BASES, so a plan is immediate; each plan is checked pair by
pair before it is used.
"""

from __future__ import annotations

import itertools
import math
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from commonground.lib.lazy_modules import lazy

from .resolvable import Frozen, Rounds, check_rounds, checked

if TYPE_CHECKING:
    from ortools.sat.python import cp_model
else:
    cp_model = lazy("ortools.sat.python.cp_model")


class Shape(NamedTuple):
    """m, the order of the group; levels, orbits of m people; fixed, people who stay put;
    bases, how many base rounds; orders, the cyclic factors of the group when it is not Z_m;
    transversal, no two people of one level together in a base round."""

    m: int
    levels: int
    fixed: int
    bases: int = 1
    orders: tuple[int, ...] = ()
    transversal: bool = False


class Group:
    """The product of cyclic groups of the given orders, its elements numbered 0..m-1 in mixed
    radix, the last factor counting fastest."""

    def __init__(self, orders: tuple[int, ...]) -> None:
        self.orders = orders
        self.m = math.prod(orders)
        digits = list(itertools.product(*(range(order) for order in self.orders)))
        number = {d: i for i, d in enumerate(digits)}
        orders = self.orders

        def sum_of(x: tuple[int, ...], y: tuple[int, ...]) -> int:
            return number[tuple((a + b) % o for a, b, o in zip(x, y, orders, strict=True))]

        self._add = [[sum_of(x, y) for y in digits] for x in digits]
        self._neg = [number[tuple(-a % o for a, o in zip(x, orders, strict=True))] for x in digits]

    def add(self, x: int, y: int) -> int:
        return self._add[x][y]

    def minus(self, y: int, x: int) -> int:
        """y - x."""
        return self._add[y][self._neg[x]]

    def negative(self, x: int) -> int:
        return self._neg[x]

    def name(self) -> str:
        return " x ".join(f"Z_{order}" for order in self.orders)


def group_of(shape: Shape) -> Group:
    """The shape's group: Z_m, or the product its orders name."""
    group = Group(shape.orders or (shape.m,))
    if group.m != shape.m:
        raise ValueError(f"the orders {shape.orders} do not multiply to {shape.m}")
    return group


# A fixed person is ("f", i); everyone else (x, level).
Person = tuple[int, int] | tuple[str, int]
Base = tuple[tuple[tuple[Person, ...], ...], ...]

# (people, size) -> the shape and base rounds found by `search_base` (seed 0 within 150 units of
# deterministic time, but seed 1 within 600 for 60 in threes; 60 in fours and in threes took the
# longest, 87 s of CPU each), kept so a plan is immediate: nearly Kirkman triple systems on 18,
# 42, 48 and 60, and the social golfer instances 6-4-7 (24 in fours, 7 rounds), 6-5-5 (30 in
# fives, 5 rounds), 12-4-12 (48 in fours, 12 rounds), 14-4-14 (56 in fours, 14 rounds) and
# 15-4-15 (60 in fours, 15 rounds), the last three resolvable transversal designs, as from three
# orthogonal Latin squares of order 12, 14 and 15; and 60 in fives over 12 rounds from a
# transversal base round over Z_2 x Z_6 (seed 0, 7.4 s of CPU within 150 units), as from four
# orthogonal Latin squares of order 12.
BASES: dict[tuple[int, int], tuple[Shape, Base]] = {
    (42, 3): (
        Shape(20, 2, 2, 1),
        (
            (
                (("f", 0), (0, 0), (0, 1)),
                (("f", 1), (3, 0), (11, 1)),
                ((1, 0), (10, 0), (17, 0)),
                ((2, 0), (16, 0), (13, 1)),
                ((7, 0), (3, 1), (9, 1)),
                ((18, 0), (8, 1), (16, 1)),
                ((4, 0), (5, 0), (19, 1)),
                ((6, 0), (8, 0), (7, 1)),
                ((11, 0), (14, 0), (19, 0)),
                ((12, 0), (1, 1), (4, 1)),
                ((9, 0), (14, 1), (15, 1)),
                ((15, 0), (2, 1), (18, 1)),
                ((13, 0), (6, 1), (17, 1)),
                ((5, 1), (10, 1), (12, 1)),
            ),
        ),
    ),
    (24, 4): (
        Shape(7, 3, 3, 1),
        (
            (
                (("f", 0), (0, 0), (0, 1), (0, 2)),
                (("f", 1), (2, 0), (3, 1), (5, 2)),
                (("f", 2), (1, 0), (4, 1), (3, 2)),
                ((4, 0), (1, 1), (2, 1), (6, 1)),
                ((5, 1), (1, 2), (2, 2), (6, 2)),
                ((3, 0), (5, 0), (6, 0), (4, 2)),
            ),
        ),
    ),
    (30, 5): (
        Shape(5, 5, 5, 1),
        (
            (
                (("f", 0), (0, 1), (0, 2), (0, 3), (0, 4)),
                (("f", 1), (1, 0), (1, 1), (4, 2), (2, 4)),
                (("f", 2), (4, 1), (1, 2), (2, 3), (3, 4)),
                (("f", 3), (4, 0), (3, 2), (1, 3), (4, 4)),
                (("f", 4), (2, 0), (3, 1), (2, 2), (1, 4)),
                ((0, 0), (3, 0), (2, 1), (3, 3), (4, 3)),
            ),
        ),
    ),
    (56, 4): (
        Shape(14, 4, 0, 1),
        (
            (
                ((0, 0), (2, 0), (2, 3), (11, 3)),
                ((1, 0), (5, 0), (1, 1), (7, 2)),
                ((8, 0), (11, 0), (0, 1), (2, 2)),
                ((3, 0), (4, 1), (10, 1), (1, 2)),
                ((4, 0), (9, 0), (6, 1), (5, 3)),
                ((6, 0), (7, 0), (3, 2), (13, 3)),
                ((13, 0), (0, 2), (8, 2), (12, 2)),
                ((13, 1), (6, 2), (9, 2), (6, 3)),
                ((10, 0), (13, 2), (0, 3), (4, 3)),
                ((12, 1), (10, 2), (11, 2), (9, 3)),
                ((12, 0), (7, 1), (11, 1), (1, 3)),
                ((2, 1), (5, 2), (7, 3), (8, 3)),
                ((3, 1), (5, 1), (8, 1), (3, 3)),
                ((9, 1), (4, 2), (10, 3), (12, 3)),
            ),
        ),
    ),
    (18, 3): (
        Shape(4, 4, 2, 2),
        (
            (
                (("f", 0), (0, 0), (0, 1)),
                (("f", 1), (1, 0), (0, 2)),
                ((1, 2), (2, 2), (0, 3)),
                ((2, 0), (1, 1), (3, 2)),
                ((2, 1), (3, 1), (1, 3)),
                ((3, 0), (2, 3), (3, 3)),
            ),
            (
                (("f", 0), (1, 2), (2, 3)),
                (("f", 1), (1, 1), (1, 3)),
                ((0, 0), (2, 1), (2, 2)),
                ((1, 0), (2, 0), (3, 3)),
                ((3, 1), (0, 2), (0, 3)),
                ((3, 0), (0, 1), (3, 2)),
            ),
        ),
    ),
    (48, 4): (
        Shape(12, 4, 0, 1),
        (
            (
                ((0, 0), (8, 1), (0, 2), (11, 3)),
                ((1, 0), (2, 0), (2, 1), (6, 1)),
                ((3, 0), (9, 1), (7, 3), (8, 3)),
                ((4, 0), (1, 1), (11, 1), (6, 3)),
                ((7, 0), (10, 1), (1, 2), (2, 3)),
                ((5, 0), (9, 0), (4, 2), (7, 2)),
                ((6, 0), (8, 0), (11, 0), (9, 3)),
                ((10, 0), (6, 2), (11, 2), (4, 3)),
                ((4, 1), (7, 1), (2, 2), (3, 2)),
                ((8, 2), (10, 2), (5, 3), (10, 3)),
                ((0, 1), (5, 1), (5, 2), (1, 3)),
                ((3, 1), (9, 2), (0, 3), (3, 3)),
            ),
        ),
    ),
    (60, 4): (
        Shape(15, 4, 0, 1),
        (
            (
                ((0, 0), (2, 0), (3, 0), (12, 1)),
                ((1, 0), (6, 0), (4, 3), (8, 3)),
                ((13, 1), (3, 2), (12, 2), (6, 3)),
                ((4, 0), (10, 0), (5, 2), (5, 3)),
                ((5, 0), (8, 1), (11, 1), (10, 3)),
                ((3, 1), (5, 1), (9, 2), (14, 2)),
                ((2, 1), (10, 2), (2, 3), (9, 3)),
                ((7, 0), (6, 1), (7, 2), (3, 3)),
                ((8, 0), (0, 2), (4, 2), (1, 3)),
                ((9, 0), (11, 2), (13, 2), (0, 3)),
                ((11, 0), (1, 1), (1, 2), (8, 2)),
                ((13, 0), (9, 1), (7, 3), (13, 3)),
                ((12, 0), (4, 1), (10, 1), (14, 1)),
                ((6, 2), (11, 3), (12, 3), (14, 3)),
                ((14, 0), (0, 1), (7, 1), (2, 2)),
            ),
        ),
    ),
    (48, 3): (
        Shape(23, 2, 2, 1),
        (
            (
                (("f", 0), (0, 0), (0, 1)),
                (("f", 1), (12, 0), (1, 1)),
                ((1, 0), (22, 0), (14, 1)),
                ((5, 0), (15, 0), (8, 1)),
                ((2, 0), (6, 0), (16, 1)),
                ((3, 0), (4, 0), (18, 0)),
                ((10, 0), (17, 0), (18, 1)),
                ((8, 0), (13, 0), (15, 1)),
                ((7, 0), (5, 1), (11, 1)),
                ((9, 0), (21, 0), (4, 1)),
                ((6, 1), (9, 1), (17, 1)),
                ((16, 0), (19, 0), (13, 1)),
                ((11, 0), (7, 1), (20, 1)),
                ((14, 0), (20, 0), (2, 1)),
                ((3, 1), (21, 1), (22, 1)),
                ((10, 1), (12, 1), (19, 1)),
            ),
        ),
    ),
    (60, 3): (
        Shape(29, 2, 2, 1),
        (
            (
                (("f", 0), (0, 0), (0, 1)),
                (("f", 1), (1, 0), (22, 1)),
                ((4, 0), (7, 0), (23, 1)),
                ((5, 0), (18, 0), (3, 1)),
                ((2, 0), (8, 0), (5, 1)),
                ((3, 0), (11, 0), (12, 1)),
                ((15, 0), (25, 0), (21, 1)),
                ((6, 0), (13, 0), (17, 0)),
                ((22, 0), (1, 1), (6, 1)),
                ((10, 0), (12, 0), (24, 0)),
                ((26, 0), (19, 1), (25, 1)),
                ((9, 0), (11, 1), (13, 1)),
                ((4, 1), (8, 1), (15, 1)),
                ((19, 0), (10, 1), (24, 1)),
                ((16, 0), (21, 0), (28, 1)),
                ((14, 0), (23, 0), (9, 1)),
                ((7, 1), (17, 1), (20, 1)),
                ((20, 0), (2, 1), (14, 1)),
                ((18, 1), (26, 1), (27, 1)),
                ((27, 0), (28, 0), (16, 1)),
            ),
        ),
    ),
    (60, 5): (
        Shape(12, 5, 0, 1, (2, 6), transversal=True),
        (
            (
                ((0, 0), (8, 1), (6, 2), (9, 3), (1, 4)),
                ((1, 0), (7, 1), (4, 2), (6, 3), (9, 4)),
                ((2, 0), (1, 1), (0, 2), (5, 3), (0, 4)),
                ((3, 0), (5, 1), (2, 2), (7, 3), (6, 4)),
                ((4, 0), (9, 1), (11, 2), (2, 3), (10, 4)),
                ((5, 0), (0, 1), (8, 2), (0, 3), (4, 4)),
                ((6, 0), (4, 1), (5, 2), (1, 3), (8, 4)),
                ((7, 0), (11, 1), (3, 2), (3, 3), (5, 4)),
                ((8, 0), (3, 1), (9, 2), (10, 3), (3, 4)),
                ((9, 0), (6, 1), (1, 2), (8, 3), (2, 4)),
                ((10, 0), (10, 1), (10, 2), (4, 3), (7, 4)),
                ((11, 0), (2, 1), (7, 2), (11, 3), (11, 4)),
            ),
        ),
    ),
}


def rotational_plan(people: int, size: int, rounds: int) -> Rounds | None:
    """The first `rounds` rounds of the stored base rounds' development, or None."""
    stored = BASES.get((people, size))
    if stored is None or rounds > stored[0].m * stored[0].bases:
        return None
    plan = _plan(people, size)
    return [[list(members) for members in groups] for groups in plan[:rounds]]


def rotational_method(people: int, size: int) -> str:
    """How the stored plan for `people` in groups of `size` is made, in words."""
    shape = BASES[people, size][0]
    if len(shape.orders) > 1:
        group = group_of(shape).name()
        return f"base rounds carried round the group {group} (no pair meets twice)"
    return "base rounds carried round a cyclic group (no pair meets twice)"


@cache
def _plan(people: int, size: int) -> Frozen:
    shape, base = BASES[people, size]
    return checked(people, size, developed(shape, base), f"rotational plan in groups of {size}")


def developed(shape: Shape, base: Base) -> Rounds:
    """The rounds: people numbered level * m + x, then the fixed people from levels * m."""
    m, levels = shape.m, shape.levels
    group = group_of(shape)

    def number(person: Person, shift: int) -> int:
        a, b = person
        if isinstance(a, str):
            return levels * m + b
        return b * m + group.add(a, shift)

    return [
        [[number(p, s) for p in block] for block in groups] for groups in base for s in range(m)
    ]


def search_base(shape: Shape, size: int, work: float, seed: int = 0) -> Base | None:
    """Base rounds for `shape` in groups of `size`, or None when the work runs out first."""
    m, levels, fixed, bases = shape.m, shape.levels, shape.fixed, shape.bases
    people = m * levels + fixed
    if people % size or fixed > people // size:
        return None
    groups = people // size
    persons: list[Person] = [("f", i) for i in range(fixed)]
    persons += [(x, level) for level in range(levels) for x in range(m)]
    model = cp_model.CpModel()
    # Groups are numbered by their first member, so person p sits in a group up to p; the fixed
    # people come first, one to a group.
    seat = {
        (j, p, g): model.new_bool_var(f"s{j}_{p}_{g}")
        for j in range(bases)
        for p in range(people)
        for g in range(min(p + 1, groups))
    }
    for j in range(bases):
        for p in range(people):
            model.add_exactly_one(seat[j, p, g] for g in range(min(p + 1, groups)))
        for g in range(groups):
            model.add(sum(seat[j, p, g] for p in range(g, people)) == size)
        for i in range(fixed):
            model.add(seat[j, i, i] == 1)
    for i, level in itertools.product(range(fixed), range(levels)):
        model.add_at_most_one(
            seat[j, fixed + level * m + x, i] for j in range(bases) for x in range(m)
        )
    if fixed:
        # Moving each level on independently keeps every difference: the first fixed person's
        # companions in the first base round sit at x = 0.
        for p in range(fixed, people):
            if persons[p][0] != 0:
                model.add(seat[0, p, 0] == 0)
    by_difference = _differences(model, seat, shape, groups)
    pairs = bases * (groups * size * (size - 1) // 2 - fixed * (size - 1))
    # When the base rounds' pairs are as many as the classes, each class is met exactly once.
    exact = pairs == len(by_difference)
    for meets in by_difference.values():
        if exact:
            model.add_exactly_one(meets)
        else:
            model.add_at_most_one(meets)
    solver = solved(model, work, seed)
    if solver is None:
        return None
    base = tuple(
        tuple(
            tuple(persons[p] for p in range(g, people) if solver.value(seat[j, p, g]))
            for g in range(groups)
        )
        for j in range(bases)
    )
    return base if check_rounds(people, size, developed(shape, base)) else None


def solved(model: cp_model.CpModel, work: float, seed: int) -> cp_model.CpSolver | None:
    """The solver once it has found a solution with one worker and this seed within `work`
    units of deterministic time; None when there is none (proven) or the work ran out."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = work
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver


def _differences(
    model: cp_model.CpModel,
    seat: dict[tuple[int, int, int], cp_model.IntVar],
    shape: Shape,
    groups: int,
) -> dict[tuple[int, int, int], list[cp_model.IntVar]]:
    """For each class of pairs, a flag per base round and group that a pair of it sits there."""
    m, levels, fixed, bases = shape.m, shape.levels, shape.fixed, shape.bases
    group = group_of(shape)
    by_difference: dict[tuple[int, int, int], list[cp_model.IntVar]] = {}
    orbit = [(x, level) for level in range(levels) for x in range(m)]
    for p, q in itertools.combinations(range(fixed, fixed + len(orbit)), 2):
        (x, a), (y, b) = orbit[p - fixed], orbit[q - fixed]
        key = _difference(x, a, y, b, group)
        if shape.transversal and a == b:
            key = None
        for j, g in itertools.product(range(bases), range(min(p + 1, groups))):
            apart = [seat[j, p, g].negated(), seat[j, q, g].negated()]
            if key is None:
                model.add_bool_or(apart)
                continue
            together = model.new_bool_var(f"t{j}_{p}_{q}_{g}")
            model.add_bool_or([*apart, together])
            model.add_implication(together, seat[j, p, g])
            model.add_implication(together, seat[j, q, g])
            by_difference.setdefault(key, []).append(together)
    return by_difference


def _difference(x: int, a: int, y: int, b: int, group: Group) -> tuple[int, int, int] | None:
    """The class of pairs the pair {(x, a), (y, b)} is moved onto; None for a pair that meets
    again within m rounds however the rest is seated (d = -d apart in one level)."""
    if a == b:
        d = group.minus(y, x)
        if group.negative(d) == d:
            return None
        return (a, a, min(d, group.negative(d)))
    if a > b:
        x, a, y, b = y, b, x, a
    return (a, b, group.minus(y, x))
