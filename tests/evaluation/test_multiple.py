# mypy: disable-error-code="operator"
# Results are Optional or possibly Suppressed; the assertions themselves fail the test if not.

"""Holm-Bonferroni adjusted p-values."""

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commonground.evaluation.stats.multiple import holm_adjust

p_values = st.lists(st.floats(0, 1), min_size=1, max_size=30)


def test_it_reproduces_the_standard_worked_example() -> None:
    # The worked example in the Wikipedia article "Holm-Bonferroni method": four
    # hypotheses with p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05; Holm rejects H1 and H4.
    # Adjusted: 0.005 * 4 = 0.02, 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, max(0.04 * 1, 0.06) = 0.06.
    adjusted = holm_adjust([0.01, 0.04, 0.03, 0.005])
    assert adjusted == pytest.approx((0.03, 0.06, 0.06, 0.02))
    assert [p < 0.05 for p in adjusted] == [True, False, False, True]


def test_it_steps_down_and_carries_the_largest_value_forward() -> None:
    # 0.01 * 5 = 0.05, 0.02 * 4 = 0.08, 0.03 * 3 = 0.09, then 0.04 * 2 = 0.08 and
    # 0.05 * 1 = 0.05 are raised to 0.09 so that a larger p never gets a smaller adjusted p.
    assert holm_adjust([0.01, 0.02, 0.03, 0.04, 0.05]) == pytest.approx(
        (0.05, 0.08, 0.09, 0.09, 0.09)
    )


@given(p_values)
def test_it_matches_holms_definition(ps: Any) -> None:
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    expected = [0.0] * m
    for rank, i in enumerate(order):
        expected[i] = max(min(1.0, (m - j) * ps[order[j]]) for j in range(rank + 1))
    assert holm_adjust(ps) == pytest.approx(tuple(expected))


@given(p_values)
def test_it_never_lowers_a_p_value_never_exceeds_one_and_keeps_the_order(ps: Any) -> None:
    adjusted = holm_adjust(ps)
    assert all(p <= a <= 1 for p, a in zip(ps, adjusted, strict=True))
    pairs = sorted(zip(ps, adjusted, strict=True))
    assert all(a1 <= a2 for (_, a1), (_, a2) in pairwise(pairs))


def test_it_leaves_missing_p_values_out_of_the_family() -> None:
    assert holm_adjust([0.01, None, 0.02]) == pytest.approx((0.02, None, 0.02))
    assert holm_adjust([]) == ()
