"""Designs carried round a group: 1-rotational resolvable designs (40 and 52 people in fours meet
everyone exactly once) and stored base rounds (nearly Kirkman systems on 18, 42, 48 and 60, and the
social golfer plans for 24 in fours, 30 in fives and 48, 56 and 60 in fours), each checked pair
by pair."""

from __future__ import annotations

import pytest

from commonground.grouping.engine import GroupSizes, SolverSettings, plan_mixing
from commonground.grouping.engine.known_designs import known_rounds
from commonground.grouping.engine.one_rotational import one_rotational_rounds
from commonground.grouping.engine.one_rotational import search_base as search_blocks
from commonground.grouping.engine.rotational import BASES, Shape, rotational_plan, search_base

from .cohorts import cohort
from .test_designs import meetings, seats_everyone_once


@pytest.mark.parametrize("people", [40, 52])
def test_a_one_rotational_design_in_fours_meets_every_pair_exactly_once(people: int) -> None:
    rounds = (people - 1) // 3
    plan = one_rotational_rounds(people, 4, rounds)
    assert plan is not None
    assert len(plan) == rounds
    assert seats_everyone_once(plan, people)
    assert all(len(members) == 4 for groups in plan for members in groups)
    met = meetings(plan)
    assert len(met) == people * (people - 1) // 2
    assert set(met.values()) == {1}


def test_the_base_block_search_finds_sixteen_in_fours_and_none_for_twenty_eight() -> None:
    blocks = search_blocks(16, 4, steps=1_000)
    assert blocks is not None
    assert len(blocks) == 1
    # Over Z_9 x Z_3 there are none: the search runs through every choice well within its steps.
    assert search_blocks(28, 4) is None
    # Nobody can meet 3 new people a round for more than 13 rounds among 39 others.
    assert one_rotational_rounds(40, 4, 14) is None


@pytest.mark.parametrize(("people", "size"), sorted(BASES))
def test_stored_base_rounds_give_a_plan_where_no_pair_meets_twice(people: int, size: int) -> None:
    rounds = known_rounds(people, size)
    plan = rotational_plan(people, size, rounds)
    assert plan is not None
    assert len(plan) == rounds
    assert seats_everyone_once(plan, people)
    assert all(len(members) == size for groups in plan for members in groups)
    assert set(meetings(plan).values()) == {1}


@pytest.mark.parametrize("people", [18, 42, 48, 60])
def test_a_nearly_kirkman_system_from_base_rounds_misses_only_partners(people: int) -> None:
    plan = rotational_plan(people, 3, (people - 2) // 2)
    assert plan is not None
    met = meetings(plan)
    # Each person meets everyone but one other, their partner.
    for person in range(people):
        assert sum(person in pair for pair in met) == people - 2


def test_the_base_round_search_finds_the_nearly_kirkman_system_on_eighteen() -> None:
    base = search_base(Shape(4, 4, 2, 2), 3, work=5.0)
    assert base is not None
    assert len(base) == 2


def test_the_same_numbers_give_the_same_base_rounds() -> None:
    first = search_base(Shape(7, 3, 3), 4, work=5.0)
    assert first is not None
    assert search_base(Shape(7, 3, 3), 4, work=5.0) == first


@pytest.mark.parametrize(
    ("people", "size", "method"),
    [
        (18, 3, "base rounds carried round a cyclic group"),
        (24, 4, "base rounds carried round a cyclic group"),
        (30, 5, "base rounds carried round a cyclic group"),
        (40, 4, "1-rotational resolvable design"),
        (56, 4, "base rounds carried round a cyclic group"),
        (60, 4, "base rounds carried round a cyclic group"),
    ],
)
def test_a_year_of_mixing_from_a_cyclic_design_has_no_repeat(
    people: int, size: int, method: str
) -> None:
    work = SolverSettings(time_limit=None, max_iterations=20_000, deterministic_time=10.0)
    rounds = known_rounds(people, size)
    plan = plan_mixing(
        cohort(people, seed=4), rounds, GroupSizes(target_size=size), rules=[], settings=work
    )
    assert plan.repeated_pairs == 0
    assert plan.method.startswith(method)
