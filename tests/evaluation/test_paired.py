# mypy: disable-error-code="arg-type, operator"
# Results are Optional or possibly Suppressed; the assertions themselves fail the test if not.

"""Paired comparison of two waves: checked against scipy and published examples."""

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from commonground.evaluation.stats.paired import (
    NO_PAIRS,
    NO_SPREAD,
    NOBODY_MOVED,
    ONE_PAIR,
    SAME_CHANGE,
    compare_paired,
    compare_pairs,
)

# Lakens (2013), "Calculating and reporting effect sizes to facilitate cumulative
# science", Frontiers in Psychology 4:863, Table 1: ten people rate two movies.
MOVIE_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
MOVIE_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]

# Student (1908), "The probable error of a mean", Biometrika 6:1-25: extra hours of
# sleep for ten patients under two drugs (R's `sleep` data set).
SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

likert_pairs = st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=3, max_size=60)


def test_it_reproduces_lakens_2013_paired_example() -> None:
    # Lakens reports t(9) = 4.74, p = 0.001, d_z = 1.50, d_av = 1.13, g_av = 1.08.
    result = compare_pairs(MOVIE_2, MOVIE_1)
    assert result.n == 10
    assert result.t_test is not None
    assert round(result.t_test.t, 2) == 4.74
    assert result.t_test.df == 9
    assert round(result.t_test.p, 3) == 0.001
    assert result.d_z == pytest.approx(1.50)
    assert round(result.d_av, 2) == 1.13
    assert round(result.g_av, 2) == 1.08


def test_it_reproduces_students_sleep_example() -> None:
    # R: t.test(extra ~ group, data = sleep, paired = TRUE) gives t = -4.0621, df = 9,
    # p = 0.002833, mean difference -1.58, 95% CI -2.4598858 to -0.7001142 (drug 1 - 2).
    result = compare_pairs(SLEEP_DRUG_1, SLEEP_DRUG_2)
    assert result.mean_change == pytest.approx(1.58)
    assert result.t_test is not None
    assert result.t_test.t == pytest.approx(4.0621, abs=5e-5)
    assert result.t_test.p == pytest.approx(0.002833, abs=5e-7)
    assert result.ci_low == pytest.approx(0.7001142, abs=5e-8)
    assert result.ci_high == pytest.approx(2.4598858, abs=5e-8)


@settings(max_examples=60, deadline=None)
@given(likert_pairs)
def test_it_matches_scipy_paired_t_test(pairs: Any) -> None:
    before, after = [b for b, _ in pairs], [a for _, a in pairs]
    changes = np.subtract(after, before)
    assume(len(set(changes.tolist())) > 1)
    result = compare_pairs(before, after)
    expected = stats.ttest_rel(after, before)
    assert result.t_test is not None
    assert result.t_test.t == pytest.approx(expected.statistic, rel=1e-9)
    assert result.t_test.df == expected.df
    assert result.t_test.p == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-300)
    interval = expected.confidence_interval(0.95)
    assert result.ci_low == pytest.approx(interval.low, rel=1e-9, abs=1e-12)
    assert result.ci_high == pytest.approx(interval.high, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0, 100)), min_size=2, max_size=40))
def test_its_interval_is_the_mean_change_plus_or_minus_t_times_the_standard_error(
    pairs: Any,
) -> None:
    before, after = [b for b, _ in pairs], [a for _, a in pairs]
    result = compare_pairs(before, after, confidence=0.9)
    assume(result.ci_low is not None)
    assert result.sd_change is not None and result.mean_change is not None
    half = stats.t.ppf(0.95, result.n - 1) * result.sd_change / math.sqrt(result.n)
    assert result.ci_low == pytest.approx(result.mean_change - half, abs=1e-9)
    assert result.ci_high == pytest.approx(result.mean_change + half, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(likert_pairs)
def test_its_effect_sizes_follow_their_definitions(pairs: Any) -> None:
    before, after = [b for b, _ in pairs], [a for _, a in pairs]
    result = compare_pairs(before, after)
    changes = np.subtract(after, before)
    assume(np.std(changes) > 0 and np.std(before) > 0)
    n = len(pairs)
    assert result.d_z == pytest.approx(changes.mean() / changes.std(ddof=1))
    average_sd = (np.std(before, ddof=1) + np.std(after, ddof=1)) / 2
    assert result.d_av == pytest.approx(changes.mean() / average_sd)
    assert result.g_av == pytest.approx(result.d_av * (1 - 3 / (8 * n - 9)))


def test_it_matches_pairs_by_respondent_and_drops_incomplete_ones() -> None:
    before = {"ann": 2, "bob": 3, "cat": None, "dev": 4}
    after = {"dev": 5, "ann": 4, "bob": 3, "cat": 5, "eve": 1}
    result = compare_paired(before, after)
    assert result.n == 3
    assert result.n_incomplete == 2
    assert result.before.mean == pytest.approx(3)
    assert result.mean_change == pytest.approx(1)
    assert (result.improved, result.same, result.fell) == (2, 1, 0)
    assert result.share_improved == pytest.approx(2 / 3)


def test_it_explains_that_no_pairs_means_no_figures() -> None:
    result = compare_paired({"ann": 3}, {"bob": 4})
    assert result.n == 0
    assert result.mean_change is None and result.t_test is None and result.signed_rank is None
    assert result.share_improved is None
    assert result.notes == (NO_PAIRS,)


def test_it_gives_a_single_pair_a_mean_but_no_spread_or_test() -> None:
    result = compare_pairs([2], [4])
    assert result.mean_change == 2
    assert result.sd_change is None and result.ci_low is None and result.t_test is None
    assert result.d_z is None and result.g_av is None
    assert result.notes == (ONE_PAIR,)


def test_it_does_not_divide_by_zero_when_everyone_changed_alike() -> None:
    result = compare_pairs([1, 2, 3], [2, 3, 4])
    assert result.mean_change == 1
    assert result.t_test is None and result.ci_low is None and result.d_z is None
    assert result.d_av == pytest.approx(1.0)
    assert result.notes == (SAME_CHANGE,)


def test_it_reports_no_test_when_nobody_moved() -> None:
    result = compare_pairs([3, 3, 3], [3, 3, 3])
    assert result.mean_change == 0
    assert result.signed_rank is None and result.t_test is None and result.d_av is None
    assert set(result.notes) == {SAME_CHANGE, NOBODY_MOVED, NO_SPREAD}


def test_it_treats_theme_means_that_differ_only_in_the_last_bits_as_the_same() -> None:
    before = [(1 + 2 + 4) / 3, 0.1 + 0.2, 2.0]
    after = [(4 + 2 + 1) / 3, 0.3, 2.5]
    result = compare_pairs(before, after)
    assert (result.improved, result.same, result.fell) == (1, 2, 0)
