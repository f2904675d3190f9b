"""Time to first move up, as a Kaplan-Meier curve: plain data in, plain data out, no Django.

Each person is followed from the day they completed until they first hold a more senior band
than when their year began, or, if they have not moved up yet, until the last day their record
is known to be right (they are censored there: we know only that it had not happened by then).
scipy's `ecdf` with right-censored data gives the product-limit estimate; the curve drawn is its
complement, the share moved up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import CensoredData, ecdf


@dataclass(frozen=True)
class Follow:
    """One person's time in years, and whether they moved up then (else they were censored)."""

    years: float
    moved_up: bool


@dataclass(frozen=True)
class Step:
    """The curve at one time when someone moved up: how many were still followed just before,
    how many moved up then, and the share still not moved up (survival) after it."""

    years: float
    at_risk: int
    moved_up: int
    not_yet: float

    @property
    def share_moved_up(self) -> float:
        return 1 - self.not_yet


def kaplan_meier(follows: Sequence[Follow]) -> list[Step]:
    """The product-limit curve at each time someone moved up; empty when nobody has."""
    if not any(follow.moved_up for follow in follows):
        return []
    times = np.array([follow.years for follow in follows], dtype=float)
    moved = np.array([follow.moved_up for follow in follows], dtype=bool)
    data = CensoredData(uncensored=times[moved], right=times[~moved])
    result = ecdf(data).sf
    steps = []
    for when, survival in zip(result.quantiles, result.probabilities, strict=True):
        events = int(np.sum(moved & (times == when)))
        if events:
            at_risk = int(np.sum(times >= when))
            steps.append(Step(float(when), at_risk, events, float(survival)))
    return steps


@dataclass(frozen=True)
class YearPoint:
    """The curve read at a whole number of years: still followed and not yet moved up then,
    moved up by then, and the estimated share moved up by then (None beyond the longest
    follow-up, where the curve says nothing)."""

    years: int
    followed: int
    moved_up_by: int
    share_moved_up: float | None


def longest(follows: Sequence[Follow]) -> float:
    """The longest anyone has been followed, moved up or not: the curve ends there."""
    return max((follow.years for follow in follows), default=0.0)


def by_year(follows: Sequence[Follow], last_year: int) -> list[YearPoint]:
    """The curve at 1, 2, ... `last_year` years, for a table anyone can read."""
    steps = kaplan_meier(follows)
    end = longest(follows)
    points = []
    for year in range(1, last_year + 1):
        passed = [step for step in steps if step.years <= year]
        share = passed[-1].share_moved_up if passed else 0.0
        followed = sum(1 for follow in follows if follow.years >= year)
        moved = sum(1 for follow in follows if follow.moved_up and follow.years <= year)
        points.append(YearPoint(year, followed, moved, share if year <= end else None))
    return points
