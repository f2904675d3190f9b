"""Resolvable designs that let a cohort mix for several rounds with no pair meeting twice."""

from __future__ import annotations

import itertools

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
