"""The local search prices moves correctly, is repeatable, and reaches good groupings."""

from __future__ import annotations

import numpy as np
import pytest

from commonground.grouping.engine.local_search import search
from commonground.grouping.engine.neighbourhood import Neighbourhood
from commonground.grouping.engine.problem import IsolationTerm, SearchProblem


def random_problem(seed: int, n: int = 14, groups: int = 3) -> SearchProblem:
    rng = np.random.default_rng(seed)
    scores = np.triu(rng.random((n, n)) * 10 - 2, 1)
    scores += scores.T
    return SearchProblem(
        pair_scores=scores,
        lower=np.full(groups, n // groups - 1, dtype=np.int64),
        upper=np.full(groups, n // groups + 2, dtype=np.int64),
        unary=rng.random((n, groups)),
        isolation=(IsolationTerm(rng.random(n) < 0.4, 3.0, "flagged", hard=False),),
        diversity=np.abs(scores),
        worst_group_weight=0.5,
    )


@pytest.mark.parametrize("seed", range(3))
def test_its_running_gains_equal_a_full_recount(seed: int) -> None:
    problem = random_problem(seed)
    assignment = np.array([i % 3 for i in range(problem.size)], dtype=np.int64)
    state = Neighbourhood(problem, assignment)
    moves, swaps = state.gains()
    for person, group in [(0, 1), (4, 0), (7, 2)]:
        if np.isfinite(moves[person, group]):
            after = assignment.copy()
            after[person] = group
            expected = problem.score(after) - problem.score(assignment)
            assert moves[person, group] == pytest.approx(expected)
    for first, second in [(0, 1), (2, 7), (5, 9)]:
        after = assignment.copy()
        after[first], after[second] = assignment[second], assignment[first]
        expected = problem.score(after) - problem.score(assignment)
        assert swaps[first, second] == pytest.approx(expected)


def test_it_gives_the_same_grouping_for_the_same_seed() -> None:
    problem = random_problem(1, n=40, groups=5)
    first = search(problem, seed=3, max_iterations=400)
    second = search(problem, seed=3, max_iterations=400)
    assert np.array_equal(first.assignment, second.assignment)
    assert not first.stopped_by_time


def test_it_keeps_group_sizes_within_bounds() -> None:
    problem = random_problem(2, n=30, groups=4)
    found = search(problem, seed=0, max_iterations=300)
    sizes = np.bincount(found.assignment, minlength=4)
    assert np.all(sizes >= problem.lower) and np.all(sizes <= problem.upper)
    assert found.value == pytest.approx(problem.score(found.assignment))


def test_it_refuses_to_run_with_neither_a_time_limit_nor_an_iteration_count() -> None:
    with pytest.raises(ValueError, match="time limit or an iteration count"):
        search(random_problem(0), seed=0)


def pairs_only_problem(seed: int, n: int = 16, groups: int = 4) -> SearchProblem:
    """Pair scores, per-person terms and a pin: the search's fast path prices these."""
    rng = np.random.default_rng(seed)
    scores = np.triu(rng.random((n, n)) * 10 - 2, 1)
    return SearchProblem(
        pair_scores=scores + scores.T,
        lower=np.full(groups, n // groups - 1, dtype=np.int64),
        upper=np.full(groups, n // groups + 1, dtype=np.int64),
        unary=rng.random((n, groups)),
        pinned_groups={0: 2},
    )


@pytest.mark.parametrize("seed", range(3))
def test_the_fast_pricing_of_every_swap_and_move_equals_a_full_recount(seed: int) -> None:
    problem = pairs_only_problem(seed)
    n, m = problem.size, problem.groups
    assignment = np.array([i % m for i in range(n)], dtype=np.int64)
    assignment[0] = 2
    state = Neighbourhood(problem, assignment)
    assert state.pairs_only
    prices = state.move_prices()
    before = problem.score(assignment)
    for person in range(n):
        for group in range(m):
            if person == 0 or group == assignment[person]:
                assert prices[person, group] == -np.inf
                continue
            after = assignment.copy()
            after[person] = group
            assert prices[person, group] == pytest.approx(problem.score(after) - before)
    swaps = np.full((n, n), -np.inf)
    for first in range(1, n):
        for second in range(1, n):
            if assignment[first] != assignment[second]:
                after = assignment.copy()
                after[first], after[second] = assignment[second], assignment[first]
                swaps[first, second] = problem.score(after) - before
    gain, best = state.best_swap(prices)
    assert gain == pytest.approx(swaps.max())
    assert swaps.flat[best] == pytest.approx(swaps.max())
    people = np.array([3, 7], dtype=np.int64)
    gain, best = state.best_swap_of(people, prices)
    assert gain == pytest.approx(swaps[people].max())
    assert swaps.flat[best] == pytest.approx(gain)


def test_a_move_that_breaks_a_size_bound_is_refused() -> None:
    problem = pairs_only_problem(0)
    assignment = np.array([i % 4 for i in range(16)], dtype=np.int64)
    assignment[0] = 2
    assignment[2] = 1  # groups of 3, 5, 4 and 4; the bounds are 3 to 5 people
    state = Neighbourhood(problem, assignment)
    prices = state.move_prices()
    fitting = state.size_prices(prices)
    assert fitting[5, 3] == pytest.approx(prices[5, 3])  # group 1 of 5 to group 3 of 4
    assert fitting[3, 1] == -np.inf  # group 1 would hold 6
    assert fitting[4, 2] == -np.inf  # group 0 would hold 2


def test_the_fast_search_keeps_pins_and_bounds_and_repeats_for_a_seed() -> None:
    problem = pairs_only_problem(4, n=40, groups=5)
    first = search(problem, seed=7, max_iterations=600)
    second = search(problem, seed=7, max_iterations=600)
    assert np.array_equal(first.assignment, second.assignment)
    sizes = np.bincount(first.assignment, minlength=5)
    assert np.all(sizes >= problem.lower) and np.all(sizes <= problem.upper)
    assert first.assignment[0] == 2
    assert first.value == pytest.approx(problem.score(first.assignment))
