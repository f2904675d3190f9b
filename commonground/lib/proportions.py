"""Confidence intervals for a proportion and for the difference of two, in plain Python.

Wilson's score interval for one proportion, and Newcombe's hybrid score interval for the
difference of two independent proportions (his method 10), both without continuity
correction. They stay inside 0 to 1 and behave at 0 and n, where the textbook p ± 1.96·se does
not. References: R. G. Newcombe, "Two-sided confidence intervals for the single proportion:
comparison of seven methods", Statistics in Medicine 17 (1998) 857-872, and "Interval
estimation for the difference between independent proportions: comparison of eleven methods",
Statistics in Medicine 17 (1998) 873-890. One implementation for every app and engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The 97.5th percentile of the standard normal distribution, for 95% intervals.
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    """An estimate with the lower and upper ends of its confidence interval."""

    estimate: float
    lower: float
    upper: float


def wilson(successes: int, n: int, z: float = Z95) -> Interval:
    """Wilson's score interval for successes out of n (n at least 1)."""
    if n < 1 or not 0 <= successes <= n:
        raise ValueError(f"wilson needs 0 <= successes <= n and n >= 1, not {successes}/{n}")
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    scale = 1 + z2 / n
    # At 0 and n one end is exactly 0 or 1; rounding must not put it a hair outside.
    lower = 0.0 if successes == 0 else (centre - spread) / scale
    upper = 1.0 if successes == n else (centre + spread) / scale
    return Interval(p, lower, upper)


def newcombe_difference(
    successes_1: int, n_1: int, successes_2: int, n_2: int, z: float = Z95
) -> Interval:
    """Newcombe's hybrid score interval for p1 - p2 from two independent groups (method 10)."""
    one = wilson(successes_1, n_1, z)
    two = wilson(successes_2, n_2, z)
    difference = one.estimate - two.estimate
    below = math.sqrt((one.estimate - one.lower) ** 2 + (two.upper - two.estimate) ** 2)
    above = math.sqrt((one.upper - one.estimate) ** 2 + (two.estimate - two.lower) ** 2)
    return Interval(difference, difference - below, difference + above)
