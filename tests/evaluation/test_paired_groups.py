# mypy: disable-error-code="union-attr, arg-type"
# Results are Optional; the assertions themselves fail the test if not.

"""Many cohorts compared at once give each cohort what comparing it alone gives."""

import dataclasses
import math
from typing import Any

import numpy as np
import pytest
from scipy import stats

from commonground.evaluation.stats.paired import PairedComparison, compare_paired
from commonground.evaluation.stats.trends import change_by_cohort


def _same(grouped: PairedComparison, alone: PairedComparison) -> None:
    """Equal counts, notes, methods and present-or-absent figures; numbers to 1e-9."""
    got, want = dataclasses.asdict(grouped), dataclasses.asdict(alone)
    _close(got, want, "")


def _close(got: Any, want: Any, where: str) -> None:
    if isinstance(want, dict):
        assert got.keys() == want.keys(), where
        for key in want:
            _close(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, float) and not isinstance(got, int):
        assert got is not None, where
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12) or (
            math.isnan(got) and math.isnan(want)
        ), where
    else:
        assert got == want, where


def _cohorts() -> tuple[dict[Any, float | None], dict[Any, float | None]]:
    """Cohorts of every kind a report meets: large with ties, small (tested exactly), one
    pair, nobody paired, everyone moving alike, nobody moving, theme means, missing scores."""
    rng = np.random.default_rng(12)
    before: dict[Any, float | None] = {}
    after: dict[Any, float | None] = {}

    def add(cohort: str, first: list[float | None], second: list[float | None]) -> None:
        for at, (b, a) in enumerate(zip(first, second, strict=True)):
            before[cohort, f"p{at}"] = b
            after[cohort, f"p{at}"] = a

    for c in range(40):
        size = int(rng.integers(14, 70))
        add(f"big {c:02}", rng.integers(1, 6, size).tolist(), rng.integers(1, 6, size).tolist())
    for c in range(10):
        size = int(rng.integers(2, 14))
        add(f"small {c}", rng.integers(1, 6, size).tolist(), rng.integers(1, 6, size).tolist())
    # Distinct changes, no zeros, 20 pairs: the exact distribution.
    add("exact", [0.0] * 20, [float(v) for v in rng.permutation(np.arange(1, 21)) - 10.5])
    # Theme scores are means of indicators: thirds and sevenths.
    add("means", (rng.integers(3, 16, 30) / 3).tolist(), (rng.integers(7, 36, 30) / 7).tolist())
    add("one pair", [2.0, 3.0, None], [4.0, None, 5.0])
    add("no pairs", [2.0, None], [None, 4.0])
    add("alike", [1.0, 2.0, 3.0, 4.0] * 5, [2.0, 3.0, 4.0, 5.0] * 5)
    add("still", [3.0] * 16, [3.0] * 16)
    add("flat", [10 / 3] * 15, [11 / 3] * 15)
    add("nan", [math.nan, 2.0, 3.0, 4.0], [1.0, 2.0, math.nan, 5.0])
    return before, after


def test_every_cohort_gets_the_comparison_it_gets_alone() -> None:
    before, after = _cohorts()
    grouped = change_by_cohort(before, after)
    names = sorted({k[0] for k in before})
    assert list(grouped) == names
    methods = set()
    for name in names:
        alone = compare_paired(
            {k: v for k, v in before.items() if k[0] == name},
            {k: v for k, v in after.items() if k[0] == name},
        )
        _same(grouped[name], alone)
        if alone.signed_rank:
            methods.add(alone.signed_rank.method)
    # Every way of finding the signed-rank p was exercised.
    assert methods == {
        "exact",
        "exact (all sign patterns)",
        "normal approximation with tie correction",
    }
    assert grouped["no pairs"].n == 0 and grouped["no pairs"].n_incomplete == 2
    assert grouped["one pair"].n == 1 and grouped["one pair"].n_incomplete == 2
    assert grouped["flat"].d_av is None and grouped["flat"].t_test is None


def test_t_tests_and_signed_ranks_match_scipy_cohort_by_cohort() -> None:
    before, after = _cohorts()
    grouped = change_by_cohort(before, after)
    for c in range(40):
        name = f"big {c:02}"
        first = [before[k] for k in before if k[0] == name]
        second = [after[k] for k in after if k[0] == name]
        t_test = stats.ttest_rel(second, first)
        wilcoxon = stats.wilcoxon(
            np.round(np.subtract(second, first), 9), correction=False, method="asymptotic"
        )
        result = grouped[name]
        assert result.t_test.t == pytest.approx(t_test.statistic, rel=1e-9)
        assert result.t_test.p == pytest.approx(t_test.pvalue, rel=1e-9)
        interval = t_test.confidence_interval(0.95)
        assert (result.ci_low, result.ci_high) == pytest.approx(
            (interval.low, interval.high), rel=1e-9
        )
        assert result.signed_rank.statistic == wilcoxon.statistic
        assert result.signed_rank.p == wilcoxon.pvalue
