"""Count, mean and standard deviation of one set of ratings."""

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean, stdev


@dataclass(frozen=True)
class Summary:
    """How many rated, their mean and sample standard deviation (None when undefined)."""

    n: int
    mean: float | None
    sd: float | None


def summarise(values: Sequence[float]) -> Summary:
    """Summarise ratings; the SD needs two ratings, the mean one."""
    n = len(values)
    mean = fmean(values) if n else None
    sd = stdev(values) if n >= 2 else None
    return Summary(n=n, mean=mean, sd=sd)
