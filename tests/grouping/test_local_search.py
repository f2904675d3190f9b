"""The local search prices moves correctly, is repeatable, and reaches good groupings."""

from __future__ import annotations

import numpy as np
import pytest

from commonground.grouping.engine.local_search import compiled, search
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
    """Pair scores, per-person terms and a pin: the compiled search takes these."""
    rng = np.random.default_rng(seed)
    scores = np.triu(rng.random((n, n)) * 10 - 2, 1)
    return SearchProblem(
        pair_scores=scores + scores.T,
        lower=np.full(groups, n // groups - 1, dtype=np.int64),
        upper=np.full(groups, n // groups + 1, dtype=np.int64),
        unary=rng.random((n, groups)),
        pinned_groups={0: 2},
    )


def test_the_compiled_search_keeps_pins_and_bounds_agrees_with_a_recount_and_repeats() -> None:
    problem = pairs_only_problem(5, n=60, groups=6)
    assert compiled(problem)
    first = search(problem, seed=11, max_iterations=3000)
    second = search(problem, seed=11, max_iterations=3000)
    assert first.iterations == 3000
    assert first.value == pytest.approx(problem.score(first.assignment))
    assert np.array_equal(first.assignment, second.assignment)
    sizes = np.bincount(first.assignment, minlength=6)
    assert np.all(sizes >= problem.lower) and np.all(sizes <= problem.upper)
    assert first.assignment[0] == 2


def test_the_compiled_search_finds_a_grouping_no_single_move_or_swap_improves() -> None:
    problem = pairs_only_problem(6, n=30, groups=5)
    found = search(problem, seed=0, max_iterations=2000)
    assignment, value = found.assignment, problem.score(found.assignment)
    sizes = np.bincount(assignment, minlength=5)
    for person in range(1, 30):
        for group in range(5):
            home = assignment[person]
            if (
                group != home
                and sizes[home] > problem.lower[home]
                and sizes[group] < problem.upper[group]
            ):
                after = assignment.copy()
                after[person] = group
                assert problem.score(after) <= value + 1e-9
        for other in range(person + 1, 30):
            after = assignment.copy()
            after[person], after[other] = assignment[other], assignment[person]
            assert problem.score(after) <= value + 1e-9
