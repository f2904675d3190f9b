"""The bound on repeat meetings never exceeds the fewest an exhaustive search finds."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

import pytest

from commonground.grouping.engine import GroupSizes, SolverSettings, plan_mixing, repeat_lower_bound
from commonground.grouping.engine.repeats import repeat_bound
from commonground.grouping.engine.sizes import size_bounds

from .cohorts import cohort

# The default work, with no clock: a loaded machine gives the same plan and the same words.
WORK = SolverSettings(time_limit=None, max_iterations=20_000, deterministic_time=10.0)

Partition = tuple[tuple[int, ...], ...]


def partitions(people: tuple[int, ...], size: int) -> Iterator[Partition]:
    """Every way to split `people` into groups of `size`, each once."""
    if not people:
        yield ()
        return
    first, rest = people[0], people[1:]
    for mates in itertools.combinations(rest, size - 1):
        left = tuple(p for p in rest if p not in mates)
        for others in partitions(left, size):
            yield ((first, *mates), *others)


def fewest_repeats(people: int, size: int, rounds: int) -> int:
    """The fewest repeat meetings over every plan; round one is fixed, as people are alike."""
    every = list(partitions(tuple(range(people)), size))
    best = None
    for later in itertools.product(every, repeat=rounds - 1):
        met = Counter(
            pair
            for groups in (every[0], *later)
            for members in groups
            for pair in itertools.combinations(members, 2)
        )
        repeats = sum(times - 1 for times in met.values())
        best = repeats if best is None else min(best, repeats)
    assert best is not None
    return best


def bound(people: int, size: int, rounds: int) -> int:
    lower, upper = size_bounds(people, target_size=size)
    return repeat_lower_bound(people, lower, upper, rounds)


@pytest.mark.parametrize(
    ("people", "size", "rounds"),
    [(6, 3, 2), (6, 3, 3), (6, 2, 5), (8, 4, 2), (8, 4, 3), (9, 3, 3), (4, 2, 5)],
)
def test_the_bound_is_never_more_than_the_fewest_repeats_possible(
    people: int, size: int, rounds: int
) -> None:
    assert bound(people, size, rounds) <= fewest_repeats(people, size, rounds)


def test_the_pigeonhole_bound_is_the_true_minimum_for_two_rounds_of_two_groups() -> None:
    assert bound(8, 4, 2) == fewest_repeats(8, 4, 2) == 4
    assert bound(6, 3, 2) == fewest_repeats(6, 3, 2) == 2


def test_thirty_people_in_five_sets_of_six_over_three_rounds_repeat_at_least_ten_times() -> None:
    lower, upper = size_bounds(30, groups=5)
    found = repeat_bound(30, lower, upper, 3)
    assert found.value == 10
    assert "a group of 6 can span at most 5 groups of an earlier round" in found.reason


def test_six_sets_of_six_cannot_mix_for_four_rounds_without_a_repeat() -> None:
    lower, upper = size_bounds(36, groups=6)
    assert repeat_bound(36, lower, upper, 3).value == 0
    found = repeat_bound(36, lower, upper, 4)
    assert found.value == 1
    assert "two orthogonal Latin squares of order 6" in found.reason


def test_twelve_people_in_threes_cannot_mix_for_five_rounds_without_a_repeat() -> None:
    lower, upper = size_bounds(12, target_size=3)
    assert repeat_bound(12, lower, upper, 4).value == 0
    assert repeat_bound(12, lower, upper, 5).value == 1


def test_the_plan_says_how_many_must_meet_twice_and_how_many_do() -> None:
    plan = plan_mixing(cohort(30, seed=9), 3, GroupSizes(groups=5), rules=[], settings=WORK)
    assert plan.lower_bound == 10
    assert plan.repeated_pairs >= 10
    if plan.repeated_pairs == 10:
        assert plan.summary.startswith("10 pairs meet twice; this is the fewest possible")
    else:
        assert plan.summary.startswith("At least 10 pairs must meet twice")
        assert plan.summary.endswith(f"this plan has {plan.repeated_pairs}.")


def test_a_plan_with_no_repeats_says_so() -> None:
    plan = plan_mixing(cohort(21, seed=10), 4, GroupSizes(target_size=3), rules=[])
    assert plan.summary == "No pair meets twice."
