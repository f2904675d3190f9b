"""Kirkman triple systems: rounds of threes in which every pair of people meets exactly once.

A Kirkman triple system on v people (v = 3 mod 6) has (v-1)/2 rounds. Each is tripled from a
smaller system, or built from a few base triples that a group of symmetries carries round the
points (a difference family) found by a search in a fixed order, so the same v always gives the
same rounds; every system is checked pair by pair before it is used.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

Rounds = list[list[list[int]]]
Triple = tuple[int, int, int]
# Points and differences are ints or tuples, whatever the construction's group needs.
Point = Any
Difference = Any

# Steps of one ordered attempt of the difference-family search, and how many seeded orders to
# try: every order up to 57 is found within the first four attempts.
SEARCH_NODES = 20_000
SEARCH_ATTEMPTS = 200
# The first seeded order that succeeds, for orders whose earlier attempts are known to run out
# of steps: starting there gives the same system, sooner.
FIRST_ATTEMPT = {39: 3, 51: 1, 57: 1}


def kirkman_rounds(people: int) -> Rounds | None:
    """All (people-1)/2 rounds of a Kirkman triple system, or None unless people = 3 (mod 6)."""
    if people % 6 != 3:
        return None
    if people == 3:
        return [[[0, 1, 2]]]
    return [list(map(list, groups)) for groups in _system(people)]


@cache
def _system(people: int) -> tuple[tuple[Triple, ...], ...]:
    # The quickest construction for each order first: the cyclic family exists only when
    # v = 3 or 9 (mod 24), the two-orbit one only when (v-3)/6 is even.
    builders = [_tripled]
    if people % 24 in (3, 9):
        builders.append(_rotational)
    builders += [_two_orbit, _three_orbit]
    rounds = next((found for build in builders if (found := build(people)) is not None), None)
    if rounds is None:
        raise ValueError(f"no Kirkman triple system found on {people} points")
    _check(people, rounds)
    return tuple(tuple(groups) for groups in rounds)


def _check(people: int, rounds: list[list[Triple]]) -> None:
    """Every round seats everyone once and every pair meets exactly once, or it raises."""
    met: set[tuple[int, int]] = set()
    for groups in rounds:
        if sorted(p for triple in groups for p in triple) != list(range(people)):
            raise ValueError(f"a round of the system on {people} points is not a partition")
        for triple in groups:
            for pair in itertools.combinations(sorted(triple), 2):
                if pair in met:
                    raise ValueError(f"a pair meets twice in the system on {people} points")
                met.add(pair)
    if len(met) != people * (people - 1) // 2:
        raise ValueError(f"some pair never meets in the system on {people} points")


def _tripled(people: int) -> list[list[Triple]] | None:
    """The tripling construction, for v = 3w with a system on w: each round of the smaller system,
    copied onto three levels of w people, is a round; and round s of w more seats
    {(a, 0), (a+s, 1), (a+2s, 2)} together, which meets every pair across levels once as w is odd.
    """
    if people % 9 or (people // 3) % 6 != 3:
        return None
    w = people // 3
    smaller = _system(w) if w > 3 else (((0, 1, 2),),)
    rounds: list[list[Triple]] = [
        [(level * w + a, level * w + b, level * w + c) for level in range(3) for a, b, c in groups]
        for groups in smaller
    ]
    rounds += [[(a, w + (a + s) % w, 2 * w + (a + 2 * s) % w) for a in range(w)] for s in range(w)]
    return rounds


def _two_orbit(people: int) -> list[list[Triple]] | None:
    """Points Z_n x {0, 1} and one more, n = (v-1)/2 rounds: round i is the base round plus i.

    The base round holds {inf, (0,0), (0,1)} and triples covering every other point once, whose
    differences within level 0, within level 1, and across the levels each cover Z_n minus zero
    exactly once. Parity rules it out when (v-3)/6 is odd.
    """
    n = (people - 1) // 2
    if ((people - 3) // 6) % 2:
        return None
    points = [(x, level) for level in (0, 1) for x in range(1, n)]

    def differences(triple: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        # Kind 0 and 1 are differences within a level, kind 2 is level 1 minus level 0.
        found = []
        for (a, la), (b, lb) in itertools.permutations(triple, 2):
            if la == lb:
                found.append((la, (a - b) % n))
            elif la == 1:
                found.append((2, (a - b) % n))
        return found

    first = FIRST_ATTEMPT.get(people, 0)
    base = exact_cover(points, differences, 3 * (n - 1), forbidden={(2, 0)}, first=first)
    if base is None:
        return None
    index = {(x, level): level * n + x for level in (0, 1) for x in range(n)}
    infinity = 2 * n
    rounds = []
    for shift in range(n):
        groups: list[Triple] = [(infinity, index[(shift, 0)], index[(shift, 1)])]
        for triple in base:
            a, b, c = (index[((x + shift) % n, level)] for x, level in triple)
            groups.append((a, b, c))
        rounds.append(groups)
    return rounds


def _three_orbit(people: int) -> list[list[Triple]] | None:
    """Points Z_m x {0, 1, 2}, v = 3m: a base round R carried round by Z_m gives m rounds, and
    (m-1)/2 more rounds are each the orbit of one triple {(0,0), (b,1), (c,2)}.

    R covers every difference within a level once; the orbit rounds take the differences across
    levels that R leaves, one from each pair of levels.
    """
    m = people // 3
    points = [(x, level) for level in range(3) for x in range(m)]
    across = [(i, j) for i in range(3) for j in range(i + 1, 3)]

    def differences(triple: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int]]:
        found = []
        for (a, la), (b, lb) in itertools.permutations(triple, 2):
            if la <= lb:
                found.append((la, lb, (b - a) % m))
        return found

    orbits: list[tuple[int, int]] = []

    def accept(used: set[Difference]) -> bool:
        if sum(1 for i, j, _ in used if i == j) != 3 * (m - 1):
            return False
        left = [[d for d in range(m) if (i, j, d) not in used] for i, j in across]
        found = _transversals(left[0], left[1], left[2], m)
        orbits[:] = found or []
        return found is not None

    wanted = 3 * (m - 1) + 3 * (m + 1) // 2
    base = exact_cover(
        points, differences, wanted, accept=accept, first=FIRST_ATTEMPT.get(people, 0)
    )
    if base is None:
        return None
    rounds: list[list[Triple]] = [
        [_shifted(triple, shift, m) for triple in base] for shift in range(m)
    ]
    rounds += [[(a, m + (a + b) % m, 2 * m + (a + c) % m) for a in range(m)] for b, c in orbits]
    return rounds


def _shifted(triple: tuple[tuple[int, int], ...], shift: int, m: int) -> Triple:
    """The triple moved on by `shift` within its levels, as numbers level * m + x."""
    a, b, c = ((x + shift) % m + level * m for x, level in triple)
    return (a, b, c)


def _transversals(
    first: list[int], second: list[int], third: list[int], m: int
) -> list[tuple[int, int]] | None:
    """Pairs (b, c) using each b of `first` (level 0 to 1), each c-b of `third` (1 to 2) and
    each c of `second` (0 to 2) once, tried in order, so the answer never varies."""
    if not first:
        return []
    b = first[0]
    for c in second:
        if (c - b) % m in third:
            rest = _transversals(
                first[1:], [x for x in second if x != c], [x for x in third if x != (c - b) % m], m
            )
            if rest is not None:
                return [(b, c), *rest]
    return None


def _rotational(people: int) -> list[list[Triple]] | None:
    """Points Z_(v-1) and one more, u = (v-1)/2; the base round holds {inf, 0, u} and triples
    T, T+u, and is carried round by Z_(v-1) modulo u. Such a family exists when v = 3 or 9
    (mod 24).

    The base triples' differences must cover Z_(v-1) minus {0, u} exactly once. Points are
    pairs (0, y), so the same code would serve Z_2 x Z_n.
    """
    b = people - 1
    elements = [(0, y) for y in range(b)]
    return _rotational_in(elements, (0, b // 2), 1, b, FIRST_ATTEMPT.get(people, 0))


def _add(g: tuple[int, int], h: tuple[int, int], a: int, b: int) -> tuple[int, int]:
    return ((g[0] + h[0]) % a, (g[1] + h[1]) % b)


def _rotational_in(
    elements: list[tuple[int, int]], u: tuple[int, int], a: int, b: int, first: int = 0
) -> list[list[Triple]] | None:
    def minus(g: tuple[int, int], h: tuple[int, int]) -> tuple[int, int]:
        return ((g[0] - h[0]) % a, (g[1] - h[1]) % b)

    def differences(triple: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        return [minus(g, h) for g, h in itertools.permutations(triple, 2)]

    # One point of each coset {g, g+u} is listed; a base triple may use either point of a coset.
    cosets: list[tuple[int, int]] = []
    for g in elements:
        if g not in ((0, 0), u) and _add(g, u, a, b) not in cosets:
            cosets.append(g)
    choices = {g: (g, _add(g, u, a, b)) for g in cosets}
    base = exact_cover(cosets, differences, len(elements) - 2, choices, forbidden={u}, first=first)
    if base is None:
        return None
    number = {g: i for i, g in enumerate(elements)}
    infinity = len(elements)
    rounds = []
    for shift in _coset_shifts(elements, u, a, b):
        groups: list[Triple] = [(infinity, number[shift], number[_add(shift, u, a, b)])]
        for triple in base:
            for twin in (triple, tuple(_add(g, u, a, b) for g in triple)):
                x, y, z = (number[_add(g, shift, a, b)] for g in twin)
                groups.append((x, y, z))
        rounds.append(groups)
    return rounds


def _coset_shifts(
    elements: list[tuple[int, int]], u: tuple[int, int], a: int, b: int
) -> Iterator[tuple[int, int]]:
    """One element of each coset of {0, u}: the shifts that give distinct rounds."""
    seen: set[tuple[int, int]] = set()
    for g in elements:
        if g not in seen:
            seen.update({g, _add(g, u, a, b)})
            yield g


def exact_cover(
    slots: list[Point],
    differences: Callable[[tuple[Point, ...]], list[Difference]],
    wanted: int,
    choices: dict[Point, tuple[Point, ...]] | None = None,
    forbidden: set[Difference] | None = None,
    accept: Callable[[set[Difference]], bool] | None = None,
    first: int = 0,
) -> list[tuple[Point, ...]] | None:
    """Base triples using one point for each slot, whose differences are all distinct and
    number `wanted`.

    A depth-first search that gives up after SEARCH_NODES steps and starts again with the
    candidates in another seeded order: a few restarts find these families far sooner than one
    long search, and the seeds are fixed, so the answer never varies.
    """
    for attempt in range(first, SEARCH_ATTEMPTS):
        try:
            return _cover_once(slots, differences, wanted, choices, forbidden, accept, attempt)
        except _OutOfSteps:
            continue
    return None


class _OutOfSteps(Exception):
    """One ordered attempt of the search used its steps without finding a family."""


def _cover_once(
    slots: list[Point],
    differences: Callable[[tuple[Point, ...]], list[Difference]],
    wanted: int,
    choices: dict[Point, tuple[Point, ...]] | None,
    forbidden: set[Difference] | None,
    accept: Callable[[set[Difference]], bool] | None,
    seed: int,
) -> list[tuple[Point, ...]] | None:
    """One depth-first search; the first point of each triple takes the first choice of the
    first open slot, the others are tried in an order shuffled by `seed` (none for seed 0)."""
    options = choices or {s: (s,) for s in slots}
    open_slots = dict.fromkeys(slots, True)
    used: set[Difference] = set(forbidden or ())
    triples: list[tuple[Point, ...]] = []
    # A seeded order for the search to try, so it finds the same system every time; no secret.
    shuffle = random.Random(seed)  # nosec B311
    steps = [0]

    def extend(triple: tuple[Point, ...]) -> list[Difference] | None:
        found = differences(triple)
        if len(set(found)) < len(found) or used.intersection(found):
            return None
        return found

    def search() -> bool:
        steps[0] += 1
        if steps[0] > SEARCH_NODES:
            raise _OutOfSteps
        first = next((s for s in slots if open_slots[s]), None)
        if first is None:
            complete = len(used) - len(forbidden or ()) == wanted
            return complete and (accept is None or accept(used))
        open_slots[first] = False
        x = options[first][0]
        rest = [s for s in slots if open_slots[s]]
        if seed:
            shuffle.shuffle(rest)
        for i, second in enumerate(rest):
            for y in options[second]:
                if extend((x, y)) is None:
                    continue
                for third in rest[i + 1 :]:
                    for z in options[third]:
                        found = extend((x, y, z))
                        if found is None:
                            continue
                        open_slots[second] = open_slots[third] = False
                        used.update(found)
                        triples.append((x, y, z))
                        if search():
                            return True
                        triples.pop()
                        used.difference_update(found)
                        open_slots[second] = open_slots[third] = True
        open_slots[first] = True
        return False

    return list(triples) if search() else None
