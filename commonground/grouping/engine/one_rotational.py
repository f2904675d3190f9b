"""Resolvable designs in which everyone meets everyone exactly once, 1-rotational over a group
of order v-1 (Buratti and Zuanni 1998): v people in groups of k over (v-1)/(k-1) rounds.

People are the group G = Z_m x H, H = Z_{k-1}, and one more person, who sits with H in the
first round. Base blocks B_1..B_b take one element from each coset (x, H), x != 0, between
them, and their differences are every element outside H exactly once. The first round is
{extra} + H and the blocks B_i + h for h in H; round t moves it on by (t, 0), t < m. A pair
outside the extra person's group differs by an element outside H, which one base block holds
once, so they meet once; the extra person meets each coset once. 40 and 52 in fours are found
this way; 45 in fives is not (the search runs through every choice, over Z_44 and over
Z_2 x Z_22, and finds none).

The base blocks come from a depth-first search in a fixed order, stopped on a number of steps;
each design is checked pair by pair before it is used.
"""

from __future__ import annotations

from functools import cache

from .resolvable import Frozen, Rounds, checked

# Steps of the base block search: 40 in fours takes about 250,000, 52 about 140,000.
SEARCH_STEPS = 1_000_000


def one_rotational_rounds(people: int, size: int, rounds: int) -> Rounds | None:
    """The first `rounds` rounds of a 1-rotational design on `people`, or None."""
    k = size
    if k < 3 or (people - 1) % (k - 1) or rounds > (people - 1) // (k - 1):
        return None
    if (people - 1) % (k * (k - 1)) != k - 1:
        return None
    plan = _plan(people, size)
    return None if plan is None else [[list(b) for b in groups] for groups in plan[:rounds]]


@cache
def _plan(people: int, size: int) -> Frozen | None:
    base = search_base(people, size)
    if base is None:
        return None
    return checked(people, size, developed(people, size, base), "1-rotational design")


class _Group:
    """Z_m x Z_h, the element (x, u) numbered x*h + u."""

    def __init__(self, m: int, h: int) -> None:
        self.m, self.h = m, h

    def add(self, a: int, b: int) -> int:
        (xa, ua), (xb, ub) = divmod(a, self.h), divmod(b, self.h)
        return ((xa + xb) % self.m) * self.h + (ua + ub) % self.h

    def minus(self, a: int, b: int) -> int:
        (xa, ua), (xb, ub) = divmod(a, self.h), divmod(b, self.h)
        return ((xa - xb) % self.m) * self.h + (ua - ub) % self.h


def developed(people: int, size: int, base: list[list[int]]) -> Rounds:
    """Person x*(k-1) + u is (x, u) of G, the extra person is v-1."""
    h = size - 1
    m = (people - 1) // h
    group = _Group(m, h)
    extra = people - 1
    first = [[extra, *range(h)]] + [
        [group.add(x, u) for x in block] for block in base for u in range(h)
    ]
    return [
        [[p if p == extra else group.add(p, t * h) for p in block] for block in first]
        for t in range(m)
    ]


class _OutOfSteps(Exception):
    """The search used its steps without finding base blocks."""


def search_base(people: int, size: int, steps: int = SEARCH_STEPS) -> list[list[int]] | None:
    """Base blocks for `people` in groups of `size`, or None when the steps run out first.

    Each block starts at the first coset not yet taken, at (x, 0) (moving a block on by an
    element of H changes nothing), and takes its other elements from later cosets, each
    difference at most once."""
    h = size - 1
    m = (people - 1) // h
    group = _Group(m, h)
    used = [u < h for u in range(m * h)]
    taken = [x == 0 for x in range(m)]
    blocks: list[list[int]] = []
    count = [0]

    def fits(block: list[int], a: int) -> list[int] | None:
        found: list[int] = []
        for b in block:
            for d in (group.minus(a, b), group.minus(b, a)):
                if used[d] or d in found:
                    return None
                found.append(d)
        return found

    def grow(block: list[int], after: int) -> bool:
        count[0] += 1
        if count[0] > steps:
            raise _OutOfSteps
        if len(block) == size:
            return search()
        for x in range(after + 1, m):
            if taken[x]:
                continue
            for a in range(x * h, (x + 1) * h):
                found = fits(block, a)
                if found is None:
                    continue
                for d in found:
                    used[d] = True
                taken[x] = True
                block.append(a)
                if grow(block, x):
                    return True
                block.pop()
                taken[x] = False
                for d in found:
                    used[d] = False
        return False

    def search() -> bool:
        first = next((x for x in range(m) if not taken[x]), None)
        if first is None:
            return True
        taken[first] = True
        block = [first * h]
        blocks.append(block)
        if grow(block, first):
            return True
        blocks.pop()
        taken[first] = False
        return False

    try:
        return [list(b) for b in blocks] if search() else None
    except _OutOfSteps:
        return None
