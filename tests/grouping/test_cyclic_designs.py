"""Designs carried round a group: 1-rotational resolvable designs (40 and 52 people in fours meet
everyone exactly once), stored base rounds (nearly Kirkman systems on 18, 42, 48 and 60, and the
social golfer plans for 24 in fours, 30 in fives, 48, 56 and 60 in fours and 60 in fives), and
rounds each kept by a group (32 in fours over 10 rounds), each checked pair by pair."""

from __future__ import annotations

import pytest

from commonground.grouping.engine import GroupSizes, SolverSettings, plan_mixing
from commonground.grouping.engine.invariant import Layout, invariant_plan, search_rounds, seated
from commonground.grouping.engine.known_designs import known_rounds
from commonground.grouping.engine.one_rotational import one_rotational_rounds
from commonground.grouping.engine.one_rotational import search_base as search_blocks
from commonground.grouping.engine.rotational import (
    BASES,
    Shape,
    developed,
    rotational_plan,
    search_base,
)

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


def test_a_base_round_keeping_levels_apart_needs_the_right_group_of_order_four() -> None:
    # Twelve people in threes over four rounds, each level of four kept apart: over Z_2 x Z_2
    # there is such a base round (three orthogonal Latin squares of order 4); over Z_4 there is
    # none, since no cyclic group of even order has one, and the search proves it.
    klein = Shape(4, 3, 0, 1, (2, 2), transversal=True)
    base = search_base(klein, 3, work=5.0)
    assert base is not None
    plan = developed(klein, base)
    assert len(plan) == 4
    assert set(meetings(plan).values()) == {1}
    assert search_base(Shape(4, 3, 0, 1, transversal=True), 3, work=5.0) is None


def test_sixty_in_fives_meet_nobody_twice_over_twelve_rounds_round_z2_x_z6() -> None:
    plan = rotational_plan(60, 5, 12)
    assert plan is not None
    assert seats_everyone_once(plan, 60)
    met = meetings(plan)
    assert set(met.values()) == {1}
    # Each person meets four new people a round, and never the eleven others of their level.
    assert len(met) == 60 * 4 * 12 // 2
    assert all((a // 12) != (b // 12) for a, b in met)
    assert rotational_plan(60, 5, 13) is None


def test_thirty_two_in_fours_meet_nobody_twice_over_ten_rounds() -> None:
    plan = invariant_plan(32, 4, 10)
    assert plan is not None
    assert len(plan) == 10
    assert seats_everyone_once(plan, 32)
    assert all(len(members) == 4 for groups in plan for members in groups)
    met = meetings(plan)
    assert set(met.values()) == {1}
    # Everyone meets 30 of the 31 others.
    for person in range(32):
        assert sum(person in pair for pair in met) == 30
    assert invariant_plan(32, 4, 11) is None


def test_the_search_for_rounds_kept_by_a_group_finds_one_and_proves_another_has_none() -> None:
    # The affine plane of order 4: 16 in fours over 5 rounds, each kept by Z_2 x Z_2.
    layout = Layout((2, 2), 4)
    found = search_rounds(layout, 4, 5, work=5.0)
    assert found is not None
    plan = [seated(layout, classes) for classes in found]
    assert len(meetings(plan)) == 16 * 15 // 2
    assert set(meetings(plan).values()) == {1}
    # 8-4-10 has no plan whose rounds are each kept by Z_8 on four orbits: the search proves it
    # in about 2 units, well within the 5 given.
    assert search_rounds(Layout((8,), 4), 4, 10, work=5.0) is None


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
        (60, 5, "base rounds carried round the group Z_2 x Z_6"),
        (32, 4, "rounds each kept by the group Z_2 x Z_2 x Z_2"),
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
