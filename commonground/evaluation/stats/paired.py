"""Comparison of two waves of ratings from the same people, matched by respondent."""

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from scipy import stats

from commonground.evaluation.stats.effect_sizes import cohens_d_av, cohens_d_z, hedges_g_av
from commonground.evaluation.stats.signed_rank import SignedRankTest, signed_rank_test
from commonground.evaluation.stats.summary import Summary, summarise

Respondent = TypeVar("Respondent", bound=Hashable)

# Theme scores are means, so two equal scores can differ in the last bits;
# rounded changes decide who stayed the same, ties and zeros for the ranks,
# and whether the changes vary at all.
_CHANGE_DECIMALS = 9

NO_PAIRS = "No respondent has ratings at both waves."
ONE_PAIR = "Only one respondent has ratings at both waves; spread, interval and tests need two."
SAME_CHANGE = (
    "Every respondent changed by the same amount, so the spread of the changes is zero "
    "and the interval, t-test and d_z are undefined."
)
NOBODY_MOVED = "Nobody's rating changed, so the signed-rank test has nothing to rank."
NO_SPREAD = "Ratings did not vary at either wave, so d_av and g_av are undefined."


@dataclass(frozen=True)
class PairedTTest:
    """Student's paired t-test of mean change against zero, two-sided."""

    t: float
    df: int
    p: float


@dataclass(frozen=True)
class PairedComparison:
    """Everything the report says about one change between two waves.

    Values that cannot be computed are None, and `notes` says why.
    """

    n: int
    n_incomplete: int
    before: Summary
    after: Summary
    mean_change: float | None
    sd_change: float | None
    confidence: float
    ci_low: float | None
    ci_high: float | None
    t_test: PairedTTest | None
    signed_rank: SignedRankTest | None
    d_z: float | None
    d_av: float | None
    g_av: float | None
    # How many rose, stayed and fell; None where hidden as a small number (see cohort_report).
    improved: int | None
    same: int | None
    fell: int | None
    share_improved: float | None
    share_same: float | None
    share_fell: float | None
    notes: tuple[str, ...]


def compare_paired(
    before: Mapping[Respondent, float | None],
    after: Mapping[Respondent, float | None],
    confidence: float = 0.95,
) -> PairedComparison:
    """Compare two waves, keeping only respondents with a rating at both."""
    rated_before, rated_after = _ratings(before), _ratings(after)
    keys = [k for k in rated_before if k in rated_after]
    return compare_pairs(
        [rated_before[k] for k in keys],
        [rated_after[k] for k in keys],
        n_incomplete=len(rated_before.keys() ^ rated_after.keys()),
        confidence=confidence,
    )


def compare_pairs(
    before: Sequence[float] | np.ndarray,
    after: Sequence[float] | np.ndarray,
    n_incomplete: int = 0,
    confidence: float = 0.95,
) -> PairedComparison:
    """Compare two waves given as equally long lists, one position per respondent."""
    raw = np.subtract(after, before, dtype=float)
    changes = np.round(raw, _CHANGE_DECIMALS).tolist()
    first, second, change = summarise(before), summarise(after), summarise(raw.tolist())
    spread = len(set(changes)) > 1
    low, high = _interval(change, confidence) if spread else (None, None)
    d_z, d_av, g_av = _effect_sizes(first, second, change, spread)
    return PairedComparison(
        n=change.n,
        n_incomplete=n_incomplete,
        before=first,
        after=second,
        mean_change=change.mean,
        sd_change=change.sd,
        confidence=confidence,
        ci_low=low,
        ci_high=high,
        t_test=_t_test(change) if spread else None,
        signed_rank=signed_rank_test(changes) if change.n >= 2 else None,
        d_z=d_z,
        d_av=d_av,
        g_av=g_av,
        **_directions(changes),
        notes=_notes(first, second, change, changes),
    )


def _directions(changes: Sequence[float]) -> dict[str, Any]:
    counts = {
        "improved": sum(1 for c in changes if c > 0),
        "same": sum(1 for c in changes if c == 0),
        "fell": sum(1 for c in changes if c < 0),
    }
    shares = {f"share_{k}": (v / len(changes) if changes else None) for k, v in counts.items()}
    return counts | shares


def _ratings(values: Mapping[Respondent, float | None]) -> dict[Respondent, float]:
    return {k: float(v) for k, v in values.items() if v is not None and not math.isnan(v)}


def _interval(change: Summary, confidence: float) -> tuple[float | None, float | None]:
    if change.mean is None or change.sd is None:
        return None, None
    half_width = stats.t.ppf((1 + confidence) / 2, change.n - 1) * change.sd / math.sqrt(change.n)
    return float(change.mean - half_width), float(change.mean + half_width)


def _t_test(change: Summary) -> PairedTTest | None:
    if change.mean is None or not change.sd:
        return None
    t = change.mean / (change.sd / math.sqrt(change.n))
    df = change.n - 1
    return PairedTTest(t=t, df=df, p=float(2 * stats.t.sf(abs(t), df)))


def _effect_sizes(
    before: Summary, after: Summary, change: Summary, spread: bool
) -> tuple[float | None, float | None, float | None]:
    if change.mean is None or change.sd is None or before.sd is None or after.sd is None:
        return None, None, None
    return (
        cohens_d_z(change.mean, change.sd) if spread else None,
        cohens_d_av(change.mean, before.sd, after.sd),
        hedges_g_av(change.mean, before.sd, after.sd, change.n),
    )


def _notes(
    before: Summary, after: Summary, change: Summary, changes: Sequence[float]
) -> tuple[str, ...]:
    if change.n == 0:
        return (NO_PAIRS,)
    if change.n == 1:
        return (ONE_PAIR,)
    notes = []
    if len(set(changes)) == 1:
        notes.append(SAME_CHANGE)
    if not any(changes):
        notes.append(NOBODY_MOVED)
    if before.sd == 0 and after.sd == 0:
        notes.append(NO_SPREAD)
    return tuple(notes)
