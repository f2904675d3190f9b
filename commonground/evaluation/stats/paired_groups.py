"""Paired comparisons of many groups at once (a programme's cohorts), worked out with numpy.

`compare_groups` gives each group the `PairedComparison` that `paired.compare_pairs` gives its
pairs alone: the same counts, directions, notes and choice of tests. The means and standard
deviations come from each group's count, sum and sum of squared deviations rather than
`statistics` (equal to floating-point tolerance); the t-tests and intervals take the t
distribution of every group in one call; the signed-rank tests that use the normal
approximation (most groups: more than 13 pairs, or ties) are one call of
`scipy.stats.wilcoxon` over a table of the groups' changes padded with zeros, which the test
drops as it drops any zero change, so each row's result is exactly the one scipy gives that
group alone. The few groups tested exactly go through `signed_rank_test` one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from commonground.evaluation.stats.effect_sizes import cohens_d_av, cohens_d_z, hedges_g_av
from commonground.evaluation.stats.paired import (
    _CHANGE_DECIMALS,
    NO_PAIRS,
    NO_SPREAD,
    NOBODY_MOVED,
    ONE_PAIR,
    SAME_CHANGE,
    PairedComparison,
    PairedTTest,
)
from commonground.evaluation.stats.signed_rank import (
    _EXACT_LIMIT,
    _PERMUTATION_LIMIT,
    SignedRankTest,
    signed_rank_test,
)
from commonground.evaluation.stats.summary import Summary

APPROXIMATION = "normal approximation with tie correction"
# Groups of signed-rank tests padded into one table, so a few large groups among many small
# ones do not make every row as long as the longest.
_ROWS_PER_TABLE = 256


@dataclass(frozen=True)
class _Summaries:
    """Count, mean and sample SD of each group (NaN where undefined)."""

    n: np.ndarray
    mean: np.ndarray
    sd: np.ndarray

    def summary(self, group: int) -> Summary:
        n = int(self.n[group])
        return Summary(
            n=n,
            mean=float(self.mean[group]) if n else None,
            sd=float(self.sd[group]) if n >= 2 else None,
        )


def compare_groups(
    groups: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    n_incomplete: Sequence[int],
    confidence: float = 0.95,
) -> list[PairedComparison]:
    """One comparison per group: `groups[i]` (0 to len(n_incomplete) - 1) is the group of the
    pair `before[i]`, `after[i]`; within a group the pairs keep their order."""
    size = len(n_incomplete)
    order = np.argsort(groups, kind="stable")
    g = np.asarray(groups, dtype=np.intp)[order]
    first = np.asarray(before, dtype=float)[order]
    second = np.asarray(after, dtype=float)[order]
    raw = np.subtract(second, first)
    changes = np.round(raw, _CHANGE_DECIMALS)
    n = np.bincount(g, minlength=size)
    b, a, c = _summaries(g, first, n), _summaries(g, second, n), _summaries(g, raw, n)
    low, high = _extremes(g, changes, size)
    spread = (n >= 2) & (low != high)
    improved = np.bincount(g[changes > 0], minlength=size)
    fell = np.bincount(g[changes < 0], minlength=size)
    same = n - improved - fell
    tested = spread & (c.sd != 0)
    df = np.maximum(n - 1, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf((1 + confidence) / 2, df) * c.sd / np.sqrt(n)
        t = c.mean / (c.sd / np.sqrt(n))
    p = 2 * stats.t.sf(np.abs(t), df)
    starts = np.concatenate(([0], np.cumsum(n)))
    ranks = _signed_ranks(g, changes, n, improved + fell, starts)
    out = []
    for k in range(size):
        count = int(n[k])
        change, first_k, second_k = c.summary(k), b.summary(k), a.summary(k)
        moved = bool(spread[k])
        d_z = d_av = g_av = None
        if count >= 2:
            assert change.mean is not None and change.sd is not None
            assert first_k.sd is not None and second_k.sd is not None
            d_z = cohens_d_z(change.mean, change.sd) if moved else None
            d_av = cohens_d_av(change.mean, first_k.sd, second_k.sd)
            g_av = hedges_g_av(change.mean, first_k.sd, second_k.sd, count)
        shares = [float(v / count) if count else None for v in (improved[k], same[k], fell[k])]
        out.append(
            PairedComparison(
                n=count,
                n_incomplete=int(n_incomplete[k]),
                before=first_k,
                after=second_k,
                mean_change=change.mean,
                sd_change=change.sd,
                confidence=confidence,
                ci_low=float(c.mean[k] - half[k]) if moved else None,
                ci_high=float(c.mean[k] + half[k]) if moved else None,
                t_test=(
                    PairedTTest(t=float(t[k]), df=count - 1, p=float(p[k])) if tested[k] else None
                ),
                signed_rank=ranks.get(k),
                d_z=d_z,
                d_av=d_av,
                g_av=g_av,
                improved=int(improved[k]),
                same=int(same[k]),
                fell=int(fell[k]),
                share_improved=shares[0],
                share_same=shares[1],
                share_fell=shares[2],
                notes=_notes(count, moved, int(improved[k] + fell[k]), first_k, second_k),
            )
        )
    return out


def _summaries(g: np.ndarray, values: np.ndarray, n: np.ndarray) -> _Summaries:
    size = n.size
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(g, weights=values, minlength=size) / n
        deviations = values - mean[g]
        squares = np.bincount(g, weights=deviations * deviations, minlength=size)
        sd = np.sqrt(squares / (n - 1))
    # Equal values have a mean of exactly that value and no spread at all, as `statistics`
    # finds: the notes and effect sizes test for a standard deviation of zero.
    low, high = _extremes(g, values, size)
    equal = (n >= 1) & (low == high)
    mean[equal] = low[equal]
    sd[equal & (n >= 2)] = 0.0
    return _Summaries(n, mean, sd)


def _extremes(g: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    low = np.full(size, np.inf)
    high = np.full(size, -np.inf)
    np.minimum.at(low, g, values)
    np.maximum.at(high, g, values)
    return low, high


def _signed_ranks(
    g: np.ndarray, changes: np.ndarray, n: np.ndarray, moved: np.ndarray, starts: np.ndarray
) -> dict[int, SignedRankTest]:
    """The signed-rank test of each group with two pairs or more of which some moved."""
    candidates = np.flatnonzero((n >= 2) & (moved > 0))
    if candidates.size == 0:
        return {}
    # Ties among the sizes of the nonzero changes, group by group.
    nonzero = changes != 0
    sizes, owners = np.abs(changes[nonzero]), g[nonzero]
    by_size = np.lexsort((sizes, owners))
    sizes, owners = sizes[by_size], owners[by_size]
    tied = np.zeros(n.size, dtype=bool)
    repeat = (sizes[1:] == sizes[:-1]) & (owners[1:] == owners[:-1])
    tied[owners[1:][repeat]] = True
    found: dict[int, SignedRankTest] = {}
    approximate = []
    for k in candidates.tolist():
        count = int(n[k])
        exact = not tied[k] and moved[k] == count and count <= _EXACT_LIMIT
        if exact or count <= _PERMUTATION_LIMIT:
            test = signed_rank_test(changes[starts[k] : starts[k + 1]].tolist())
            if test is not None:
                found[k] = test
        else:
            approximate.append(k)
    approximate.sort(key=lambda k: int(n[k]))
    for at in range(0, len(approximate), _ROWS_PER_TABLE):
        rows = approximate[at : at + _ROWS_PER_TABLE]
        table = np.zeros((len(rows), int(n[rows[-1]])))
        for row, k in enumerate(rows):
            table[row, : n[k]] = changes[starts[k] : starts[k + 1]]
        result = stats.wilcoxon(
            table, axis=1, zero_method="wilcox", correction=False, method="asymptotic"
        )
        for row, k in enumerate(rows):
            found[k] = SignedRankTest(
                statistic=float(result.statistic[row]),
                p=float(result.pvalue[row]),
                method=APPROXIMATION,
            )
    return found


def _notes(
    count: int, moved: bool, changed: int, before: Summary, after: Summary
) -> tuple[str, ...]:
    """As `paired._notes`, from the counts already made."""
    if count == 0:
        return (NO_PAIRS,)
    if count == 1:
        return (ONE_PAIR,)
    notes = []
    if not moved:
        notes.append(SAME_CHANGE)
    if changed == 0:
        notes.append(NOBODY_MOVED)
    if before.sd == 0 and after.sd == 0:
        notes.append(NO_SPREAD)
    return tuple(notes)
