"""Nearly Kirkman triple systems: v people in threes, v = 0 (mod 6), for (v-2)/2 rounds in
which no pair meets twice (each person misses exactly one other, their partner).

Such systems exist for every v = 0 (mod 6) from 18 on (Baker and Wilson 1977; Rees and Stinson
1987). The ones here are carried round Z_n, n = (v-2)/2, from a base round found by the same
fixed-order difference search as the Kirkman systems, and checked pair by pair.
"""

from __future__ import annotations

import itertools
from functools import cache

from .kirkman import exact_cover
from .resolvable import Frozen, Rounds, check_rounds, checked

Point = tuple[int, int]
Base = tuple[tuple[int, int, int], tuple[tuple[Point, Point, Point], ...]]

# Base rounds found by `search_base` (a few seconds to minutes each), kept so a plan is
# immediate: order -> ((x, y, z), triples of points (i, level) of Z_n x {0, 1}).
BASES: dict[int, Base] = {
    24: (
        (1, 1, 0),
        (
            ((2, 0), (3, 0), (9, 0)),
            ((4, 0), (7, 0), (9, 1)),
            ((5, 0), (2, 1), (8, 1)),
            ((6, 0), (8, 0), (4, 1)),
            ((10, 0), (3, 1), (5, 1)),
            ((6, 1), (7, 1), (10, 1)),
        ),
    ),
    30: (
        (0, 1, 2),
        (
            ((2, 0), (3, 0), (5, 0)),
            ((4, 0), (8, 0), (10, 1)),
            ((6, 0), (11, 0), (1, 1)),
            ((7, 0), (13, 0), (6, 1)),
            ((9, 0), (5, 1), (7, 1)),
            ((10, 0), (4, 1), (13, 1)),
            ((12, 0), (3, 1), (9, 1)),
            ((8, 1), (11, 1), (12, 1)),
        ),
    ),
    36: (
        (1, 1, 0),
        (
            ((2, 0), (3, 0), (5, 0)),
            ((4, 0), (8, 0), (13, 0)),
            ((6, 0), (12, 0), (2, 1)),
            ((7, 0), (14, 0), (5, 1)),
            ((9, 0), (3, 1), (12, 1)),
            ((10, 0), (14, 1), (15, 1)),
            ((11, 0), (8, 1), (13, 1)),
            ((15, 0), (4, 1), (7, 1)),
            ((16, 0), (9, 1), (11, 1)),
            ((6, 1), (10, 1), (16, 1)),
        ),
    ),
    54: (
        (0, 1, 2),
        (
            ((2, 0), (14, 0), (13, 1)),
            ((3, 0), (25, 0), (11, 1)),
            ((4, 0), (19, 1), (21, 0)),
            ((5, 0), (24, 1), (7, 0)),
            ((6, 0), (12, 1), (9, 0)),
            ((8, 0), (13, 0), (18, 1)),
            ((10, 0), (20, 0), (17, 1)),
            ((11, 0), (5, 1), (22, 0)),
            ((12, 0), (18, 0), (8, 1)),
            ((15, 0), (10, 1), (3, 1)),
            ((16, 0), (17, 0), (24, 0)),
            ((19, 0), (6, 1), (23, 1)),
            ((23, 0), (25, 1), (15, 1)),
            ((1, 1), (4, 1), (9, 1)),
            ((7, 1), (22, 1), (21, 1)),
            ((14, 1), (16, 1), (20, 1)),
        ),
    ),
}


def nearly_kirkman_rounds(people: int, rounds: int) -> Rounds | None:
    """The first `rounds` rounds of a nearly Kirkman system on `people`, or None."""
    if people % 6 or people < 18 or rounds > (people - 2) // 2:
        return None
    system = _system(people)
    return None if system is None else [[list(t) for t in groups] for groups in system[:rounds]]


@cache
def _system(people: int) -> Frozen | None:
    """The system from its stored base round, checked pair by pair; None when none is stored."""
    if people not in BASES:
        return None
    (x, y, z), base = BASES[people]
    return checked(people, 3, _developed(people, x, y, z, base), "nearly Kirkman system")


def _developed(
    people: int,
    x: int,
    y: int,
    z: int,
    base: tuple[tuple[Point, ...], ...] | list[tuple[Point, ...]],
) -> Rounds:
    """Round s: {a, (s,0), (x+s,1)}, {b, (y+s,0), (z+s,1)} and the base triples moved on by s."""
    n = (people - 2) // 2
    return [
        [[2 * n, s, n + (x + s) % n], [2 * n + 1, (y + s) % n, n + (z + s) % n]]
        + [[(p + s) % n + level * n for p, level in triple] for triple in base]
        for s in range(n)
    ]


def search_base(people: int) -> Base | None:
    """A base round for `people`, found by a difference search in a fixed order.

    Points Z_n x {0, 1} and two more, a and b, who never meet; the base round seats
    {a, (0,0), (x,1)} and {b, (y,0), (z,1)} and triples on the other points. When n is odd the
    partners are (i,0) and (i,1); when n is even, (i,l) and (i+n/2,l)."""
    n = (people - 2) // 2
    odd = n % 2 == 1
    # Kind 0 and 1 are differences within a level, kind 2 is level 1 minus level 0.
    partners = {(2, 0)} if odd else {(0, n // 2), (1, n // 2)}

    def differences(triple: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        found = []
        for (p, lp), (q, lq) in itertools.permutations(triple, 2):
            if lp == lq:
                found.append((lp, (p - q) % n))
            elif lp == 1:
                found.append((2, (p - q) % n))
        return found

    for x, y, z in itertools.product(range(n), range(1, n), range(n)):
        mixed = {(2, x), (2, (z - y) % n)}
        if len(mixed) < 2 or mixed & partners or z == x:
            continue
        taken = {(0, 0), (x, 1), (y, 0), (z, 1)}
        slots = [(p, level) for level in (0, 1) for p in range(n) if (p, level) not in taken]
        pure = 2 * (n - 1) if odd else 2 * (n - 2)
        wanted = pure + n - len(mixed) - (1 if odd else 0)
        base = exact_cover(slots, differences, wanted, forbidden=partners | mixed)
        if base is not None and check_rounds(people, 3, _developed(people, x, y, z, base)):
            return (x, y, z), tuple((a, b, c) for a, b, c in base)
    return None
