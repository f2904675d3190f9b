"""Resolvable designs that let a cohort mix for several rounds with no pair meeting twice."""

from __future__ import annotations

import itertools
from functools import cache

from .golfers import extend_rounds
from .invariant import invariant_method, invariant_plan
from .kirkman import kirkman_rounds
from .known_designs import known_rounds
from .nearly_kirkman import nearly_kirkman_rounds
from .one_rotational import one_rotational_rounds
from .resolvable import check_rounds, rotational_rounds, round_robin
from .rotational import rotational_method, rotational_plan

Rounds = list[list[list[int]]]


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, e) with q = p**e for a prime p, or None."""
    for p in range(2, q + 1):
        if q % p == 0:
            e, rest = 0, q
            while rest % p == 0:
                rest //= p
                e += 1
            return (p, e) if rest == 1 else None
    return None


class FiniteField:
    """GF(p**e): elements 0..q-1 are base-p digits of polynomials modulo an irreducible one."""

    def __init__(self, p: int, e: int) -> None:
        self.p, self.e, self.q = p, e, p**e
        self.modulus = _irreducible(p, e)
        self._product = [[self._multiply(a, b) for b in range(self.q)] for a in range(self.q)]

    def add(self, a: int, b: int) -> int:
        digits = [(x + y) % self.p for x, y in zip(self._digits(a), self._digits(b), strict=True)]
        return self._number(digits)

    def multiply(self, a: int, b: int) -> int:
        return self._product[a][b]

    def _digits(self, a: int) -> list[int]:
        return [(a // self.p**k) % self.p for k in range(self.e)]

    def _number(self, digits: list[int]) -> int:
        return sum(d * self.p**k for k, d in enumerate(digits))

    def _multiply(self, a: int, b: int) -> int:
        product = _poly_multiply(self._digits(a), self._digits(b), self.p)
        return self._number(_poly_remainder(product, self.modulus, self.p)[: self.e])


def _poly_multiply(a: list[int], b: list[int], p: int) -> list[int]:
    result = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            result[i + j] = (result[i + j] + x * y) % p
    return result


def _poly_remainder(a: list[int], modulus: list[int], p: int) -> list[int]:
    """Remainder of a by a monic modulus; coefficients lowest degree first."""
    a = a + [0] * max(0, len(modulus) - len(a))
    degree = len(modulus) - 1
    for k in range(len(a) - 1, degree - 1, -1):
        factor = a[k]
        if factor:
            for j, c in enumerate(modulus):
                a[k - degree + j] = (a[k - degree + j] - factor * c) % p
    return a[:degree] + [0] * max(0, degree - len(a[:degree]))


def _irreducible(p: int, e: int) -> list[int]:
    """The first monic polynomial of degree e over GF(p) with no monic factor of lower degree."""
    for low in itertools.product(range(p), repeat=e):
        candidate = [*low, 1]
        if all(
            any(_poly_remainder(candidate, [*f, 1], p))
            for d in range(1, e // 2 + 1)
            for f in itertools.product(range(p), repeat=d)
        ):
            return candidate
    raise ValueError(f"no irreducible polynomial of degree {e} over GF({p})")


def affine_plane_rounds(people: int, group_size: int, rounds: int) -> Rounds | None:
    """Parallel classes of AG(2, q) when people = q*q, q a prime power and rounds <= q+1.

    Person (x, y) sits in line y = s*x + c of round s, and in line x = c of the last round; any two
    points share exactly one line, so nobody meets anyone twice.
    """
    q = group_size
    power = prime_power(q)
    if power is None or people != q * q or rounds > q + 1:
        return None
    field = FiniteField(*power)
    plan: Rounds = []
    for slope in range(min(rounds, q)):
        groups: list[list[int]] = [[] for _ in range(q)]
        for x, y in itertools.product(range(q), repeat=2):
            # c = y - s*x, found as the c with y = s*x + c.
            c = next(c for c in range(q) if field.add(field.multiply(slope, x), c) == y)
            groups[c].append(x * q + y)
        plan.append(groups)
    if rounds == q + 1:
        plan.append([[x * q + y for y in range(q)] for x in range(q)])
    return plan


def latin_rounds(people: int, group_size: int, rounds: int) -> Rounds | None:
    """Rounds from mutually orthogonal Latin squares when people = g*k in g groups of k <= g.

    Person (i, j), i < g, j < k, sits in group i of the first round and in group i + s*j of
    round s. Two people sharing a group twice would need (s - t)(j - j') = 0 with s - t
    invertible, so nobody meets anyone twice: g rounds when g is a prime power (arithmetic in
    GF(g)), otherwise as many as the smallest prime factor of g allows (arithmetic mod g).
    """
    k = group_size
    if k < 2 or people % k:
        return None
    g = people // k
    if k > g or rounds > _latin_limit(g):
        return None
    power = prime_power(g)
    field = FiniteField(*power) if power is not None else None

    def group_of(i: int, j: int, s: int) -> int:
        if field is None:
            return (i + s * j) % g
        return field.add(i, field.multiply(s, j))

    plan: Rounds = []
    for s in range(rounds):
        groups: list[list[int]] = [[] for _ in range(g)]
        for i, j in itertools.product(range(g), range(k)):
            groups[i if s == 0 else group_of(i, j, s)].append(i * k + j)
        plan.append(groups)
    return plan


def _latin_limit(g: int) -> int:
    """How many rounds latin_rounds gives for g groups."""
    if prime_power(g) is not None:
        return g
    return min(p for p in range(2, g + 1) if g % p == 0)


def design_rounds(people: int, group_size: int, rounds: int) -> tuple[str, Rounds] | None:
    """The first construction that seats `people` in groups of `group_size` for `rounds` rounds
    with no pair meeting twice, with its name, or None when none of them applies."""
    if group_size == 2:
        plan = round_robin(people, rounds)
        if plan is not None:
            return "round robin (every pair once over n-1 rounds)", plan
    plan = affine_plane_rounds(people, group_size, rounds)
    if plan is not None:
        return "affine plane (a resolvable design)", plan
    if group_size == 3 and people % 6 == 3 and rounds <= (people - 1) // 2:
        system = kirkman_rounds(people)
        if system is not None:
            return "Kirkman triple system (a resolvable design)", system[:rounds]
    if group_size == 3:
        plan = nearly_kirkman_rounds(people, rounds)
        if plan is not None:
            return "nearly Kirkman triple system (a resolvable design)", plan
    plan = rotational_rounds(people, group_size, rounds)
    if plan is not None:
        return "resolvable design carried round a cyclic group", plan
    plan = one_rotational_rounds(people, group_size, rounds)
    if plan is not None:
        return "1-rotational resolvable design (every pair meets once)", plan
    plan = rotational_plan(people, group_size, rounds)
    if plan is not None:
        return rotational_method(people, group_size), plan
    plan = invariant_plan(people, group_size, rounds)
    if plan is not None:
        return invariant_method(people, group_size), plan
    plan = latin_rounds(people, group_size, rounds)
    if plan is not None:
        return "orthogonal Latin squares (a resolvable design)", plan
    return None


@cache
def zero_repeat_rounds(people: int, group_size: int, rounds: int) -> tuple[str, Rounds] | None:
    """A construction's rounds, or, where a plan with no repeated pair is known to exist
    (known_designs), the social golfer search started from the longest construction that fits;
    checked pair by pair. None when neither gives one."""
    found = design_rounds(people, group_size, rounds)
    if found is not None or rounds > known_rounds(people, group_size) or people % group_size:
        return found
    longest = next((r for r in range(rounds - 1, 1, -1) if design_rounds(people, group_size, r)), 0)
    start = design_rounds(people, group_size, longest) if longest else None
    plan = extend_rounds(people, group_size, rounds, start[1] if start else [])
    if plan is None or not check_rounds(people, group_size, plan):
        return None
    kept = sum(1 for a, b in zip(plan, start[1] if start else [], strict=False) if a == b)
    method = "social golfer search (a constraint model, every pair at most once)"
    if start is not None and kept:
        method = f"{start[0]} for the first {kept} rounds, then {method}"
    return method, plan
