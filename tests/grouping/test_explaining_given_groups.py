"""Groups moved by hand are explained as the solver explains its own; re-plans, pins and words."""

from __future__ import annotations

import pytest

from commonground.grouping.engine import (
    Challenge,
    GroupSizes,
    InfeasibleRules,
    KeepApart,
    Pin,
    SolverSettings,
    SpreadAttribute,
    assign_challenge_teams,
    explain_groups,
    form_groups,
    plan_mixing,
    replan,
    review_mixing,
)

from .cohorts import cohort

QUICK = SolverSettings(time_limit=None, max_iterations=400, deterministic_time=10.0)


def test_it_explains_the_solvers_groups_exactly_as_the_solver_did() -> None:
    people = cohort(20, seed=11)
    rules = [SpreadAttribute("organisation", hard=True), SpreadAttribute("sector")]
    found = form_groups(people, GroupSizes(groups=4), rules, settings=QUICK)
    again = explain_groups(people, found.groups, rules)
    assert again.groups == found.explanation.groups
    assert again.rules == found.explanation.rules
    assert again.objective == pytest.approx(found.explanation.objective)
    assert again.diversity_bound == pytest.approx(found.explanation.diversity_bound)


def test_it_finds_the_rule_a_move_by_hand_broke() -> None:
    people = cohort(20, seed=12)
    rules = [SpreadAttribute("organisation", hard=True)]
    groups = [list(g) for g in form_groups(people, GroupSizes(groups=2), rules).groups]
    # P00 and P10 share an organisation: put them together by hand.
    home = next(g for g in groups if "P10" in g)
    away = next(g for g in groups if "P00" in g)
    away.remove("P00")
    home.append("P00")
    explained = explain_groups(people, groups, rules, found_by="moved by hand")
    (outcome,) = explained.rules
    assert not outcome.met
    assert "has 2 people from Essex County Council" in outcome.reason
    assert explained.solver == "moved by hand"
    assert (
        "Group 1 (11 people" in explained.as_text() or "Group 2 (11 people" in explained.as_text()
    )


def test_it_leaves_out_people_in_no_group_and_rules_about_them() -> None:
    people = cohort(7, seed=13)
    groups = [["P00", "P01", "P02"], ["P03", "P04", "P05"]]
    explained = explain_groups(people, groups, [KeepApart(("P00", "P06"))])
    assert explained.rules == ()
    assert explained.notes[0] == "1 person in no group, left out of the explanation"
    assert "names someone in no group: keep apart P00, P06" in explained.notes[1]
    with pytest.raises(ValueError, match="name X9"):
        explain_groups(people, [["X9"]])


def test_it_counts_choices_for_challenge_teams_moved_by_hand() -> None:
    people = cohort(8, seed=14)
    challenges = [Challenge("Housing", 4), Challenge("Skills", 4)]
    rankings = {p.id: ["Housing", "Skills"] for p in people}
    teams = assign_challenge_teams(people, challenges, rankings, rules=[], settings=QUICK)
    assert teams.grouping.explanation.choices == {"1st": 4, "2nd": 4, "unranked": 0}
    housing, skills = (list(teams.teams[c.name]) for c in challenges)
    skills.append(housing.pop())
    explained = explain_groups(
        people, [housing, skills], [], challenges=challenges, rankings=rankings
    )
    assert explained.choices == {"1st": 3, "2nd": 5, "unranked": 0}
    assert "Choices met: 1st 3, 2nd 5, unranked 0" in explained.as_text()


def test_it_replans_challenge_teams_within_capacity_moving_nobody_it_need_not() -> None:
    people = cohort(12, seed=15)
    challenges = [
        Challenge("Housing", 4, minimum=3),
        Challenge("Skills", 4, minimum=3),
        Challenge("Health", 5, minimum=3),
    ]
    rankings = {p.id: ["Health", "Housing", "Skills"] for p in people}
    previous = [
        ["P00", "P01", "P02", "P03"],
        ["P04", "P05", "P06", "P07"],
        ["P08", "P09", "P10", "P11"],
    ]
    joiner = cohort(13, seed=15)[12]
    after = replan(
        [p for p in people if p.id != "P04"] + [joiner],
        previous,
        rules=[],
        challenges=challenges,
        rankings={**rankings, joiner.id: ["Health"]},
        settings=QUICK,
    )
    assert after.withdrawn == ("P04",)
    assert after.moved == ()
    assert [(m.person, m.after) for m in after.joined] == [("P12", 3)]
    assert after.grouping.explanation.choices is not None
    assert after.grouping.explanation.choices["1st"] == 5


def test_it_moves_one_person_when_a_withdrawal_leaves_a_team_below_its_minimum() -> None:
    people = cohort(9, seed=16)
    challenges = [Challenge("Housing", 5, minimum=3), Challenge("Skills", 5, minimum=3)]
    previous = [["P00", "P01", "P02"], ["P03", "P04", "P05", "P06", "P07", "P08"]]
    rankings = {p.id: ["Skills", "Housing"] for p in people}
    after = replan(
        [p for p in people if p.id != "P00"],
        previous,
        rules=[],
        challenges=challenges,
        rankings=rankings,
        settings=QUICK,
    )
    assert len(after.moved) == 1
    assert after.moved[0].before == 2 and after.moved[0].after == 1


def test_it_keeps_a_pin_in_its_round_of_a_mixing_plan() -> None:
    people = cohort(16, seed=17)
    pins = {2: [Pin("P03", 4), Pin("P07", 1)]}
    plan = plan_mixing(people, 3, GroupSizes(target_size=4), rules=[], pins=pins)
    assert plan.repeated_pairs == 0
    assert "P03" in plan.rounds[1][3]
    assert "P07" in plan.rounds[1][0]


def test_it_keeps_pins_when_the_mixing_plan_is_searched_round_by_round() -> None:
    people = cohort(15, seed=18)
    pins = {1: [Pin("P00", 3)], 3: [Pin("P01", 2), Pin("P02", 2)]}
    plan = plan_mixing(people, 3, GroupSizes(target_size=5), pins=pins, settings=QUICK)
    assert plan.method == "round-by-round search"
    assert "P00" in plan.rounds[0][2]
    assert {"P01", "P02"} <= set(plan.rounds[2][1])


def test_it_says_which_pins_clash_in_a_mixing_round() -> None:
    people = cohort(15, seed=19)
    with pytest.raises(InfeasibleRules, match="pinned to the same group"):
        plan_mixing(
            people,
            2,
            GroupSizes(target_size=5),
            pins={2: [Pin("P00", 1), Pin("P10", 1)]},
            settings=QUICK,
        )


def test_it_reviews_rounds_moved_by_hand_against_the_bound() -> None:
    people = cohort(6, seed=20)
    rounds = [[["P00", "P01", "P02"], ["P03", "P04", "P05"]]] * 2
    review = review_mixing(people, rounds, GroupSizes(target_size=3), method="moved by hand")
    assert review.repeated_pairs == 6
    # Each group of three spans at most two groups of the round before.
    assert review.lower_bound == 2
    assert review.colleagues_met["P00"] == 2
    assert review.organisations_met["P00"] == 2
    assert review.summary.startswith("At least 2 pairs must meet twice (a group of 3 can span")
    assert review.summary.endswith("this plan has 6.")


def test_it_speaks_of_one_repeated_pairing_and_one_round_in_the_singular() -> None:
    people = cohort(4, seed=21)
    rounds = [[["P00", "P01"], ["P02", "P03"]], [["P00", "P01"], ["P02", "P03"]]]
    review = review_mixing(people, rounds, GroupSizes(target_size=2))
    assert review.repeated_pairs == 2
    one = review_mixing(
        people,
        [[["P00", "P01"], ["P02", "P03"]], [["P00", "P01"], ["P02"], ["P03"]]],
        GroupSizes(groups=3),
    )
    assert one.summary.startswith("1 pair meets twice")
    plan = plan_mixing(cohort(9, seed=22), 5, GroupSizes(target_size=3), rules=[], settings=QUICK)
    assert "5 rounds in groups of 3" in plan.bound_reason
    assert "each person meets at least 10 colleagues" in plan.bound_reason
