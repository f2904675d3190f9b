"""Group sizes: bounds from a count or a target size, and the profile holding most pairs."""

from __future__ import annotations

import math

import numpy as np

from .problem import IntArray


def size_bounds(
    people: int,
    *,
    groups: int | None = None,
    target_size: int | None = None,
    minimum: int | list[int] | None = None,
    maximum: int | list[int] | None = None,
) -> tuple[IntArray, IntArray]:
    """Per-group lower and upper sizes; without explicit bounds, sizes differ by at most one."""
    if groups is None:
        if target_size is None:
            raise ValueError("give either a number of groups or a target group size")
        if target_size < 1:
            raise ValueError("the target group size must be at least 1")
        groups = max(1, round(people / target_size))
    if groups < 1:
        raise ValueError("the number of groups must be at least 1")
    lower = np.full(groups, people // groups, dtype=np.int64)
    upper = np.full(groups, math.ceil(people / groups), dtype=np.int64)
    if minimum is not None:
        lower = np.broadcast_to(np.asarray(minimum, dtype=np.int64), (groups,)).copy()
    if maximum is not None:
        upper = np.broadcast_to(np.asarray(maximum, dtype=np.int64), (groups,)).copy()
    return lower, upper


def most_pairs_sizes(people: int, lower: IntArray, upper: IntArray) -> IntArray | None:
    """The sizes within bounds, summing to `people`, that put the most pairs together (or None).

    Diversity is a sum over pairs, so with unequal bounds the best groupings fill some groups to
    the top; a dynamic programme over groups finds that profile exactly.
    """
    m = lower.shape[0]
    best = np.full((m + 1, people + 1), -1, dtype=np.int64)
    best[0, 0] = 0
    for g in range(m):
        for size in range(int(lower[g]), int(upper[g]) + 1):
            pairs = size * (size - 1) // 2
            reachable = best[g, : people + 1 - size] >= 0
            shifted = np.where(reachable, best[g, : people + 1 - size] + pairs, -1)
            best[g + 1, size:] = np.maximum(best[g + 1, size:], shifted)
    if best[m, people] < 0:
        return None
    sizes = np.zeros(m, dtype=np.int64)
    remaining = people
    for g in range(m - 1, -1, -1):
        for size in range(int(upper[g]), int(lower[g]) - 1, -1):
            before = remaining - size
            pairs = size * (size - 1) // 2
            if (
                before >= 0
                and best[g, before] >= 0
                and best[g, before] + pairs == best[g + 1, remaining]
            ):
                sizes[g] = size
                remaining = before
                break
    return sizes
