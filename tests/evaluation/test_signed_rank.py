# mypy: disable-error-code="union-attr"
# Results are Optional or possibly Suppressed; the assertions themselves fail the test if not.

"""Wilcoxon signed-rank test: the same answers as scipy's defaults, with the method named."""

from itertools import product
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from commonground.evaluation.stats.signed_rank import signed_rank_test


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=14, max_size=80))
def test_it_matches_scipy_wilcoxon_on_likert_changes(changes: Any) -> None:
    assume(any(changes))
    result = signed_rank_test(changes)
    expected = stats.wilcoxon(changes, zero_method="wilcox")
    assert result is not None
    assert result.statistic == pytest.approx(expected.statistic)
    assert result.p == pytest.approx(expected.pvalue, rel=1e-9)


@pytest.mark.parametrize(
    "changes",
    [[1, 1, 2, 0, 3], [1, -1, 2, 0, 0, 3, 2, -2, 1, 1], [-2, -1, -1, 0, 1, -3, -2]],
)
def test_it_matches_scipys_permutation_test_for_small_groups_with_ties(changes: Any) -> None:
    result = signed_rank_test(changes)
    expected = stats.wilcoxon(changes, zero_method="wilcox")
    assert result is not None
    assert result.statistic == pytest.approx(expected.statistic)
    assert result.p == pytest.approx(expected.pvalue, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=2, max_size=10))
def test_it_counts_every_sign_pattern_for_small_groups(changes: Any) -> None:
    nonzero = [c for c in changes if c]
    assume(nonzero and len({abs(c) for c in nonzero}) < len(nonzero))
    ranks = stats.rankdata([abs(c) for c in nonzero])
    observed = sum(r for r, c in zip(ranks, nonzero, strict=True) if c > 0)
    sums = [
        sum(r for r, s in zip(ranks, signs, strict=True) if s)
        for signs in product((0, 1), repeat=len(ranks))
    ]
    low = sum(1 for t in sums if t <= observed + 1e-9) / len(sums)
    high = sum(1 for t in sums if t >= observed - 1e-9) / len(sums)
    result = signed_rank_test(changes)
    assert result is not None
    assert result.p == pytest.approx(min(1.0, 2 * min(low, high)))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.floats(-50, 50).filter(lambda x: abs(x) > 1e-3), min_size=2, max_size=50, unique=True
    )
)
def test_it_matches_scipy_wilcoxon_without_ties(changes: Any) -> None:
    assume(len({abs(c) for c in changes}) == len(changes))
    result = signed_rank_test(changes)
    expected = stats.wilcoxon(changes)
    assert result is not None and result.method == "exact"
    assert result.p == pytest.approx(expected.pvalue, rel=1e-9)


def test_it_names_the_method_it_used() -> None:
    assert signed_rank_test([1, -2, 3, 4, 5]).method == "exact"
    assert signed_rank_test([1, 1, 2, 0, 3]).method == "exact (all sign patterns)"
    many = [1, 2, 2, -1, 0, 3] * 5
    assert signed_rank_test(many).method == "normal approximation with tie correction"


def test_it_has_nothing_to_rank_when_nobody_changed() -> None:
    assert signed_rank_test([0, 0, 0]) is None
