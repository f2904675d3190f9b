"""Wilcoxon signed-rank test of paired changes, with the method used named."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

# scipy's own limits: its exact null distribution assumes no ties and no
# zeros; with them, it enumerates the 2**13 sign patterns of 13 people or fewer.
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
    exact with no ties and no zeros (n <= 50); exact over every pattern of
    signs with ties or zeros (n <= 13); otherwise from the normal
    approximation with the tie correction and no continuity correction.
    These are the choices scipy.stats.wilcoxon makes by default.
    """
    d = np.asarray(changes, dtype=float)
    nonzero = d[d != 0]
    if nonzero.size == 0:
        return None
    has_ties = np.unique(np.abs(nonzero)).size < nonzero.size
    if not has_ties and nonzero.size == d.size and d.size <= _EXACT_LIMIT:
        return _from_scipy(d, "exact", "exact")
    if d.size <= _PERMUTATION_LIMIT:
        return _all_sign_patterns(nonzero)
    return _from_scipy(d, "asymptotic", "normal approximation with tie correction")


def _from_scipy(d: np.ndarray, method: str, label: str) -> SignedRankTest:
    result = stats.wilcoxon(d, zero_method="wilcox", correction=False, method=method)
    return SignedRankTest(statistic=float(result.statistic), p=float(result.pvalue), method=label)


def _all_sign_patterns(nonzero: np.ndarray) -> SignedRankTest:
    """Exact p over all 2**n sign patterns, counted by the sum of ranks they give.

    scipy reaches the same p by running a permutation test, which takes
    about a second for 13 people; counting is instant. Average ranks are
    whole or half numbers, so doubling them makes the counting exact.
    """
    doubled = np.rint(2 * stats.rankdata(np.abs(nonzero))).astype(int)
    ways = np.zeros(int(doubled.sum()) + 1)
    ways[0] = 1
    for rank in doubled:
        ways[rank:] = ways[rank:] + ways[:-rank].copy()
    share = ways / ways.sum()
    positive = int(doubled[nonzero > 0].sum())
    p = min(1.0, 2 * min(share[: positive + 1].sum(), share[positive:].sum()))
    statistic = min(positive, int(doubled.sum()) - positive) / 2
    return SignedRankTest(statistic=statistic, p=float(p), method="exact (all sign patterns)")
