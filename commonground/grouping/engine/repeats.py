"""The fewest repeat meetings any mixing plan can have, with the reason in words staff can check.

Repeats are counted as meetings beyond the first: a pair meeting in three rounds counts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np

from commonground.lib.words import count_of, plural

from .problem import IntArray


@dataclass(frozen=True)
class RepeatBound:
    """A lower bound on repeat meetings and why it holds."""

    value: int
    reason: str


def repeat_bound(people: int, lower: IntArray, upper: IntArray, rounds: int) -> RepeatBound:
    """The strongest of three arguments: counting pairs, the pigeonhole between two rounds, and
    the designs known not to exist."""
    sizes = even_sizes(people, lower, upper)
    found = [
        RepeatBound(0, "an arrangement with no repeated pair is not ruled out by counting"),
        _by_counting(people, sizes, rounds),
        _by_pigeonhole(sizes, rounds),
        _by_known_designs(people, sizes, rounds),
    ]
    return max(found, key=lambda bound: bound.value)


def even_sizes(people: int, lower: IntArray, upper: IntArray) -> IntArray:
    """The most even group sizes within the bounds, which have the fewest pairs in a group."""
    sizes = lower.copy()
    for _ in range(people - int(lower.sum())):
        open_groups = np.flatnonzero(sizes < upper)
        sizes[open_groups[np.argmin(sizes[open_groups])]] += 1
    return sizes


def _by_counting(people: int, sizes: IntArray, rounds: int) -> RepeatBound:
    """Beyond the n(n-1)/2 distinct pairs every pairing is a repeat; and per person, rounds*(k-1)
    meetings with only n-1 others forces the excess to repeat too."""
    pairs_per_round = int((sizes * (sizes - 1) // 2).sum())
    overall = rounds * pairs_per_round - comb(people, 2)
    smallest = int(sizes.min())
    per_person = people * max(0, rounds * (smallest - 1) - (people - 1)) // 2
    value = max(0, overall, per_person)
    return RepeatBound(
        value,
        f"{count_of(rounds, 'round')} in groups of {smallest} or more means each person "
        f"meets at least {count_of(rounds * (smallest - 1), 'colleague')} counting repeats, "
        f"and there {plural(comb(people, 2), 'is')} {count_of(comb(people, 2), 'pair')} in all, "
        f"so at least {count_of(value, 'pair')} must meet twice",
    )


def _by_pigeonhole(sizes: IntArray, rounds: int) -> RepeatBound:
    """A group of g people spans at most m groups of an earlier round of m groups, so when g > m
    some of its pairs met before: at least B pairs per pair of rounds, spread as evenly as can be.

    Summed over pairs of rounds that is C(R,2)*B pairs of meetings; a pair meeting t times
    supplies C(t,2) of them for t-1 repeats, and t <= R, so at least (R-1)*B repeats.
    """
    m = int(sizes.shape[0])
    if rounds < 2 or m == 0:
        return RepeatBound(0, "")
    per_pair_of_rounds = 0
    for size in sizes.tolist():
        q, s = divmod(size, m)
        per_pair_of_rounds += s * comb(q + 1, 2) + (m - s) * comb(q, 2)
    value = (rounds - 1) * per_pair_of_rounds
    spans = f"a group of {int(sizes.max())} can span at most {m} groups of an earlier round"
    again = f"at least {count_of(per_pair_of_rounds, 'pair')} meet again"
    if rounds == 2:
        return RepeatBound(value, f"{spans}, so {again} in the second round")
    return RepeatBound(
        value,
        f"{spans}, so in each of the {comb(rounds, 2)} pairs of rounds {again}, and a pair "
        f"meeting in all {rounds} rounds counts as {rounds - 1} repeats: at least "
        f"{count_of(value, 'pair')} must meet twice",
    )


def _by_known_designs(people: int, sizes: IntArray, rounds: int) -> RepeatBound:
    """Zero repeats that would need a design proven not to exist: at least one repeat."""
    equal = int(sizes.min()) == int(sizes.max())
    size = int(sizes[0]) if sizes.shape[0] else 0
    if equal and size == 6 and people == 36 and rounds >= 4:
        # k*k people in k groups of k over r rounds with no repeat is r-2 orthogonal squares.
        return RepeatBound(
            1,
            f"{count_of(rounds, 'round')} of 6 groups of 6 with no pair meeting twice would "
            "need two orthogonal Latin squares of order 6, which do not exist (Tarry, 1900), "
            "so at least 1 pair must meet twice",
        )
    if equal and size == 3 and people == 12 and rounds >= 5:
        return RepeatBound(
            1,
            "5 rounds of 12 people in threes with no pair meeting twice would be a nearly "
            "Kirkman triple system of order 12, which does not exist (Kotzig and Rosa, 1974), "
            "so at least 1 pair must meet twice",
        )
    return RepeatBound(0, "")
