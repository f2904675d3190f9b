"""Every construction seats everyone once a round, and no pair of people meets twice."""

from __future__ import annotations

import itertools

import pytest

from commonground.grouping.engine import GroupSizes, plan_mixing
from commonground.grouping.engine.designs import design_rounds, latin_rounds
from commonground.grouping.engine.kirkman import kirkman_rounds

from .cohorts import cohort


def meetings(plan: list[list[list[int]]]) -> dict[tuple[int, int], int]:
    met: dict[tuple[int, int], int] = {}
    for groups in plan:
        for members in groups:
            for pair in itertools.combinations(sorted(members), 2):
                met[pair] = met.get(pair, 0) + 1
    return met


def seats_everyone_once(plan: list[list[list[int]]], people: int) -> bool:
    return all(
        sorted(p for members in groups for p in members) == list(range(people)) for groups in plan
    )


@pytest.mark.parametrize("people", range(9, 58, 6))
def test_every_pair_meets_exactly_once_in_a_kirkman_system(people: int) -> None:
    plan = kirkman_rounds(people)
    assert plan is not None
    assert len(plan) == (people - 1) // 2
    assert seats_everyone_once(plan, people)
    assert all(len(members) == 3 for groups in plan for members in groups)
    met = meetings(plan)
    assert len(met) == people * (people - 1) // 2
    assert set(met.values()) == {1}


def test_there_is_no_kirkman_system_unless_people_leave_three_over_by_six() -> None:
    assert kirkman_rounds(12) is None
    assert kirkman_rounds(16) is None


@pytest.mark.parametrize(
    ("people", "size", "rounds"),
    [
        (20, 4, 5),
        (24, 4, 2),
        (30, 5, 2),
        (35, 5, 7),
        (36, 6, 2),
        (40, 5, 8),
        (45, 5, 9),
        (60, 6, 2),
    ],
)
def test_latin_squares_give_rounds_with_no_pair_meeting_twice(
    people: int, size: int, rounds: int
) -> None:
    plan = latin_rounds(people, size, rounds)
    assert plan is not None
    assert len(plan) == rounds
    assert seats_everyone_once(plan, people)
    assert all(len(members) == size for groups in plan for members in groups)
    assert set(meetings(plan).values()) == {1}


def test_latin_squares_stop_where_orthogonal_squares_run_out() -> None:
    assert latin_rounds(36, 6, 3) is None
    assert latin_rounds(30, 5, 2) is not None
    assert latin_rounds(30, 5, 3) is None
    assert latin_rounds(30, 6, 2) is None


def test_the_first_rounds_of_a_kirkman_system_serve_a_shorter_year() -> None:
    found = design_rounds(45, 3, 5)
    assert found is not None
    method, plan = found
    assert method.startswith("Kirkman triple system")
    assert len(plan) == 5


def test_fifteen_people_in_threes_mix_for_seven_rounds_with_no_repeats() -> None:
    plan = plan_mixing(cohort(15, seed=5), 7, GroupSizes(target_size=3), rules=[])
    assert plan.repeated_pairs == 0
    assert plan.method.startswith("Kirkman triple system")


def test_twenty_one_people_in_threes_mix_for_ten_rounds_with_no_repeats() -> None:
    plan = plan_mixing(cohort(21, seed=6), 10, GroupSizes(target_size=3), rules=[])
    assert plan.repeated_pairs == 0
    assert all(met == 20 for met in plan.colleagues_met.values())
