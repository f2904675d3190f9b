"""Wilcoxon signed-rank test of paired changes, with the method used named."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

# scipy's own limits: its exact null distribution assumes no ties and no
# zeros; with them, 2**13 sign patterns is small enough to enumerate all.
_EXACT_LIMIT = 50
_PERMUTATION_LIMIT = 13


@dataclass(frozen=True)
class SignedRankTest:
    """The smaller of the two rank sums, its two-sided p, and how p was found."""

    statistic: float
    p: float
    method: str


def signed_rank_test(changes: Sequence[float]) -> SignedRankTest | None:
    """Test whether changes centre on zero; None when nobody changed.

    Zero changes are dropped before ranking (Wilcoxon's own method, scipy's
    zero_method="wilcox"): the people who stayed the same are reported
    separately, and the test asks whether, among those who moved, rises
    outweigh falls. Tied sizes of change get average ranks. The p-value is
    exact with no ties and no zeros (n <= 50), by enumerating every sign
    pattern with ties or zeros (n <= 13), and otherwise from the normal
    approximation with the tie correction and no continuity correction.
    These are the choices scipy.stats.wilcoxon makes by default; naming them
    here keeps the method reported honest.
    """
    d = np.asarray(changes, dtype=float)
    nonzero = d[d != 0]
    if nonzero.size == 0:
        return None
    has_ties = np.unique(np.abs(nonzero)).size < nonzero.size
    method: str | stats.PermutationMethod
    if not has_ties and nonzero.size == d.size and d.size <= _EXACT_LIMIT:
        method, label = "exact", "exact"
    elif d.size <= _PERMUTATION_LIMIT:
        method, label = stats.PermutationMethod(), "exact (all sign patterns)"
    else:
        method, label = "asymptotic", "normal approximation with tie correction"
    result = stats.wilcoxon(d, zero_method="wilcox", correction=False, method=method)
    return SignedRankTest(statistic=float(result.statistic), p=float(result.pvalue), method=label)
