"""Wilson and Newcombe intervals against the worked examples in Newcombe's two 1998 papers."""

import pytest

from commonground.lib.proportions import newcombe_difference, wilson


@pytest.mark.parametrize(
    ("successes", "n", "lower", "upper"),
    [
        # Newcombe (1998a), Table II, method 3 (score interval without continuity correction).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_the_published_intervals(
    successes: int, n: int, lower: float, upper: float
) -> None:
    interval = wilson(successes, n)
    assert interval.estimate == pytest.approx(successes / n)
    assert interval.lower == pytest.approx(lower, abs=5e-5)
    assert interval.upper == pytest.approx(upper, abs=5e-5)


@pytest.mark.parametrize(
    ("a", "m", "b", "n", "lower", "upper"),
    [
        # Newcombe (1998b), Table II, method 10 (hybrid score without continuity correction).
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0),
    ],
)
def test_newcombe_difference_matches_the_published_intervals(
    a: int, m: int, b: int, n: int, lower: float, upper: float
) -> None:
    interval = newcombe_difference(a, m, b, n)
    assert interval.estimate == pytest.approx(a / m - b / n)
    assert interval.lower == pytest.approx(lower, abs=5e-5)
    assert interval.upper == pytest.approx(upper, abs=5e-5)


def test_wilson_refuses_a_count_larger_than_the_group() -> None:
    with pytest.raises(ValueError, match="6/5"):
        wilson(6, 5)
