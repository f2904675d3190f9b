"""CP-SAT's search of every mixing plan: the fewest repeats it proves agree with an exhaustive
enumeration, no bound ever exceeds them, and plans say "the fewest possible" only when proven."""

from __future__ import annotations

import pytest

from commonground.grouping.engine import GroupSizes, SolverSettings, plan_mixing
from commonground.grouping.engine.fewest_repeats import fewest_repeats, repeat_count
from commonground.grouping.engine.repeats import repeat_bound
from commonground.grouping.engine.sizes import size_bounds

from .cohorts import cohort
from .test_repeat_bounds import fewest_repeats as enumerated


def proven_fewest(people: int, size: int, rounds: int) -> int:
    """The fewest repeats, proven from scratch: the search is told only of a plan one repeat
    worse than the one the engine finds, and that no plan has fewer than none."""
    settings = SolverSettings(seed=0, time_limit=None, max_iterations=2_000, deterministic_time=1)
    sizes = GroupSizes(target_size=size)
    plan = plan_mixing(cohort(people), rounds, sizes, rules=[], settings=settings)
    found = fewest_repeats(
        people,
        size,
        rounds,
        found=plan.repeated_pairs + 1,
        at_least=0,
        seed=0,
        deterministic_time=60,
    )
    assert found is not None and found.proven
    return found.value


def bound(people: int, size: int, rounds: int) -> int:
    lower, upper = size_bounds(people, target_size=size)
    return repeat_bound(people, lower, upper, rounds).value


@pytest.mark.parametrize(
    ("people", "size", "rounds"), [(6, 3, 2), (6, 3, 3), (9, 3, 3), (8, 4, 2), (8, 4, 3)]
)
def test_the_proven_fewest_matches_an_enumeration_of_every_plan(
    people: int, size: int, rounds: int
) -> None:
    assert proven_fewest(people, size, rounds) == enumerated(people, size, rounds)


@pytest.mark.parametrize(
    ("people", "size", "rounds"),
    [
        *((6, 3, r) for r in range(2, 7)),
        *((9, 3, r) for r in range(2, 7)),
        *((8, 4, r) for r in range(2, 6)),
        *((10, 5, r) for r in range(2, 5)),
        *((12, 4, r) for r in range(2, 4)),
        *((12, 6, r) for r in range(2, 4)),
        *((12, 3, r) for r in range(2, 5)),
    ],
)
def test_no_bound_exceeds_the_proven_fewest(people: int, size: int, rounds: int) -> None:
    assert bound(people, size, rounds) <= proven_fewest(people, size, rounds)


def test_a_plan_with_fewer_repeats_is_found_and_its_count_proven_the_fewest() -> None:
    found = fewest_repeats(6, 3, 3, found=9, at_least=0, seed=0, deterministic_time=10)
    assert found is not None and found.proven and found.plan is not None
    assert found.value == repeat_count(found.plan, 6) == 5
    for groups in found.plan:
        assert sorted(i for members in groups for i in members) == list(range(6))
        assert {len(members) for members in groups} == {3}


def test_cohorts_beyond_reach_are_not_searched() -> None:
    assert fewest_repeats(30, 6, 3, found=14, at_least=10, seed=0, deterministic_time=10) is None
    assert fewest_repeats(12, 4, 6, found=44, at_least=42, seed=0, deterministic_time=10) is None


def test_twelve_in_threes_over_five_rounds_is_proven_to_need_three_repeats() -> None:
    settings = SolverSettings(seed=0, time_limit=None, max_iterations=20_000, deterministic_time=10)
    plan = plan_mixing(cohort(12), 5, GroupSizes(target_size=3), rules=[], settings=settings)
    assert plan.repeated_pairs == plan.lower_bound == 3
    assert plan.summary == (
        "3 pairs meet twice; this is the fewest possible: a search of every plan for 12 people "
        "in groups of 3 over 5 rounds finds none with fewer."
    )


def test_a_proof_left_unfinished_says_only_what_the_bound_shows() -> None:
    settings = SolverSettings(
        seed=0, time_limit=None, max_iterations=20_000, deterministic_time=0.05
    )
    plan = plan_mixing(cohort(12), 5, GroupSizes(target_size=3), rules=[], settings=settings)
    assert plan.lower_bound == 1
    assert plan.repeated_pairs > 1
    assert plan.summary.startswith("At least 1 pair must meet twice (")
    assert "nearly Kirkman triple system of order 12" in plan.summary
    assert plan.summary.endswith(f"this plan has {plan.repeated_pairs}.")
    assert "fewest possible" not in plan.summary
