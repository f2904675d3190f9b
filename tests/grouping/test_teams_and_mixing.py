"""Challenge teams honour choices and capacities; mixing avoids repeats or says why it cannot."""

from __future__ import annotations

import itertools
from collections import Counter

from commonground.grouping.engine import (
    Challenge,
    GroupSizes,
    Participant,
    SolverSettings,
    assign_challenge_teams,
    plan_mixing,
    replan,
)
from commonground.grouping.engine.designs import FiniteField

from .cohorts import cohort

QUICK = SolverSettings(time_limit=None, max_iterations=400, deterministic_time=10.0)


def pair_counts(rounds: tuple[tuple[tuple[str, ...], ...], ...]) -> Counter[tuple[str, str]]:
    return Counter(
        pair
        for groups in rounds
        for members in groups
        for pair in itertools.combinations(sorted(members), 2)
    )


def test_it_finds_an_affine_plane_for_sixteen_people_in_fours() -> None:
    plan = plan_mixing(cohort(16, seed=1), 5, GroupSizes(target_size=4), rules=[])
    assert plan.repeated_pairs == 0
    assert len(pair_counts(plan.rounds)) == 120
    assert all(met == 15 for met in plan.colleagues_met.values())


def test_it_mixes_nine_people_in_threes_for_four_rounds_without_repeats() -> None:
    plan = plan_mixing(cohort(9, seed=2), 4, GroupSizes(target_size=3), rules=[])
    assert plan.repeated_pairs == 0
    assert max(pair_counts(plan.rounds).values()) == 1


def test_it_reports_the_bound_when_repeats_are_unavoidable() -> None:
    plan = plan_mixing(cohort(12, seed=3), 6, GroupSizes(target_size=3), rules=[], settings=QUICK)
    assert plan.lower_bound == 6
    assert plan.repeated_pairs >= plan.lower_bound
    assert "at least 6 pairs must meet twice" in plan.summary


def test_it_mixes_a_cohort_of_thirty_without_repeats() -> None:
    plan = plan_mixing(cohort(30, seed=4), 3, GroupSizes(target_size=5), settings=QUICK)
    assert plan.lower_bound == 0
    assert plan.repeated_pairs == 0


def test_its_finite_field_of_four_has_inverses() -> None:
    field = FiniteField(2, 2)
    assert all(any(field.multiply(a, b) == 1 for b in range(4)) for a in range(1, 4))


def test_it_gives_most_people_a_top_choice_within_capacity() -> None:
    people = cohort(20, seed=5)
    challenges = [Challenge(name, capacity=5) for name in "ABCDE"]
    rankings = {p.id: list("ABCD"[i % 4 :] + "ABCD"[: i % 4])[:3] for i, p in enumerate(people)}
    teams = assign_challenge_teams(people, challenges, rankings, settings=QUICK)
    assert all(len(members) <= 5 for members in teams.teams.values())
    counts = teams.choice_counts()
    assert counts["1st"] >= 18
    assert sum(counts.values()) == 20


def test_it_fills_each_challenge_to_its_minimum() -> None:
    people = cohort(12, seed=9)
    challenges = [Challenge("Homelessness", 6, minimum=4), Challenge("Skills", 6, minimum=4)]
    rankings = {p.id: ["Homelessness"] for p in people}
    teams = assign_challenge_teams(people, challenges, rankings, rules=[], settings=QUICK)
    assert len(teams.teams["Skills"]) >= 4
    assert teams.choice_counts() == {
        "1st": len(teams.teams["Homelessness"]),
        "unranked": len(teams.teams["Skills"]),
    }


def test_it_moves_nobody_when_someone_withdraws() -> None:
    people = cohort(24, seed=6)
    before = [tuple(p.id for p in people[g::4]) for g in range(4)]
    remaining = [p for p in people if p.id != "P00"]
    result = replan(remaining, before, rules=[], settings=QUICK)
    assert result.moved == ()
    assert result.withdrawn == ("P00",)


def test_it_moves_few_people_for_a_late_joiner_from_a_clashing_organisation() -> None:
    people = cohort(20, seed=7, organisations=4)
    before = [tuple(p.id for p in people[g::5]) for g in range(5)]
    joiner = Participant("NEW", {"organisation": "Essex County Council", "sector": "x"})
    result = replan([*people, joiner], before, rules=[], settings=QUICK)
    assert [m.person for m in result.joined] == ["NEW"]
    assert len(result.moved) == 0
    sizes = [len(members) for members in result.grouping.groups]
    assert max(sizes) - min(sizes) <= 1


def test_the_same_cohort_and_seed_give_the_same_mixing_plan_twice() -> None:
    people = cohort(15, seed=11)
    settings = SolverSettings(seed=4, time_limit=None, max_iterations=2000, deterministic_time=1.0)
    first = plan_mixing(people, 9, GroupSizes(target_size=3), settings=settings)
    second = plan_mixing(people, 9, GroupSizes(target_size=3), settings=settings)
    assert first.rounds == second.rounds
    assert first.repeated_pairs == second.repeated_pairs
    assert not first.stopped_by_time
    assert "time limit" not in first.summary


def test_a_year_longer_than_the_design_keeps_its_rounds_and_searches_the_rest() -> None:
    plan = plan_mixing(cohort(15, seed=12), 8, GroupSizes(target_size=3), rules=[], settings=QUICK)
    assert plan.method.startswith("Kirkman triple system (a resolvable design) for the first 7")
    assert plan.repeated_pairs == plan.lower_bound == 15
    assert plan.summary.startswith("15 pairs meet twice; this is the fewest possible")


def test_the_plan_says_when_the_time_limit_cut_the_search_short() -> None:
    hurried = SolverSettings(time_limit=0.001, max_iterations=10**9, deterministic_time=100.0)
    plan = plan_mixing(cohort(40, seed=13), 3, GroupSizes(groups=5), settings=hurried)
    assert plan.stopped_by_time
    assert "The time limit cut the search short" in plan.summary
