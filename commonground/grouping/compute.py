"""Runs the engine for a saved grouping and turns its answer into rows to save, and explains
groups that staff changed by hand.

Nothing here writes to the database: services.py saves what this returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from commonground.challenges.models import Challenge, ChallengePreference, ChallengeStatus

from .engine import (
    Challenge as EngineChallenge,
)
from .engine import (
    InfeasibleRules,
    Participant,
    Progress,
    Rule,
    SolverSettings,
    assign_challenge_teams,
    form_groups,
    plan_mixing,
    repeat_lower_bound,
    replan,
)
from .engine.bounds import upper_bound
from .engine.explain import explain
from .engine.rules import build_problem
from .engine.sizes import size_bounds
from .engine.solve import Solution
from .inputs import (
    Roster,
    diversity_weights,
    engine_rules,
    enrolments_to_group,
    group_sizes,
    roster,
)
from .models import Group, Grouping, Kind, PairRule, Placement

__all__ = ["CannotRun", "InfeasibleRules", "PlannedGroup", "Result", "compute", "explain_rounds"]

SOLVED_BY_HAND = "moved by hand"


class CannotRun(Exception):
    """Something outside the rules stops a run, such as a cohort with no challenges."""


@dataclass(frozen=True)
class PlannedGroup:
    round: int
    number: int
    name: str
    members: tuple[int, ...]
    challenge_id: int | None = None
    pinned: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Result:
    groups: tuple[PlannedGroup, ...]
    explanation: dict[str, Any]


@dataclass
class Inputs:
    """Everything a run or an explanation needs, read from the database once."""

    roster: Roster
    rules: list[Rule]
    weights: dict[str, float]
    pinned: dict[int, int] = field(default_factory=dict)


def load_inputs(grouping: Grouping, *, with_pins: bool = True) -> Inputs:
    people = roster(enrolments_to_group(grouping.cohort))
    pairs = []
    for pair in PairRule.objects.filter(grouping=grouping).order_by("pk"):
        first, second = people.ids.get(pair.first_id), people.ids.get(pair.second_id)
        if first is not None and second is not None:
            pairs.append((pair.kind, first, second, pair.reason))
    pinned = _pins(grouping, people) if with_pins and grouping.kind != Kind.MIXING_PLAN else {}
    pins = [(people.ids[enrolment_id], number) for enrolment_id, number in pinned.items()]
    return Inputs(
        roster=people,
        rules=engine_rules(grouping.rules, pairs, pins),
        weights=diversity_weights(grouping.rules),
        pinned=pinned,
    )


def _pins(grouping: Grouping, people: Roster) -> dict[int, int]:
    """Pinned people still in the cohort, and the group number (from 1) they stay in."""
    placements = Placement.objects.filter(group__grouping=grouping, group__round=1, pinned=True)
    if grouping.kind != Kind.CHALLENGE_TEAMS:
        return {
            enrolment_id: number
            for enrolment_id, number in placements.values_list("enrolment_id", "group__number")
            if enrolment_id in people.ids
        }
    order = {challenge.pk: n for n, challenge in enumerate(_challenges(grouping), start=1)}
    return {
        enrolment_id: order[challenge_id]
        for enrolment_id, challenge_id in placements.values_list(
            "enrolment_id", "group__challenge_id"
        )
        if enrolment_id in people.ids and challenge_id in order
    }


def compute(
    grouping: Grouping, *, replanning: bool = False, progress: Progress | None = None
) -> Result:
    """The engine's groups for this grouping; raises InfeasibleRules or CannotRun."""
    inputs = load_inputs(grouping)
    if len(inputs.roster.participants) < 2:
        raise CannotRun("There must be at least two participants with a place in the cohort.")
    settings = SolverSettings(
        seed=grouping.seed, time_limit=float(grouping.time_limit), progress=progress
    )
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        return _challenge_teams(grouping, inputs, settings)
    if grouping.kind == Kind.MIXING_PLAN:
        return _mixing_plan(grouping, inputs, settings)
    if replanning:
        return _replan(grouping, inputs, settings)
    return _learning_sets(grouping, inputs, settings)


def _learning_sets(grouping: Grouping, inputs: Inputs, settings: SolverSettings) -> Result:
    people = inputs.roster
    found = form_groups(
        people.participants,
        group_sizes(grouping.group_count, grouping.target_size),
        inputs.rules,
        diversity=inputs.weights,
        settings=settings,
    )
    groups = _planned(people, [found.groups], inputs.pinned, lambda r, n: f"Set {n}")
    return Result(groups, {"rounds": [found.explanation.as_dict()]})


def _replan(grouping: Grouping, inputs: Inputs, settings: SolverSettings) -> Result:
    """Keep everyone where they were unless a rule or a withdrawal forces a move."""
    people = inputs.roster
    previous = [
        [people.ids.get(p.enrolment_id, f"left:{p.enrolment_id}") for p in group.placements.all()]
        for group in Group.objects.filter(grouping=grouping, round=1).prefetch_related("placements")
    ]
    if not previous:
        raise CannotRun("There are no groups to re-plan yet: run the grouping first.")
    names = {
        f"left:{placement.enrolment_id}": placement.enrolment.person.name
        for placement in Placement.objects.filter(
            group__grouping=grouping, group__round=1
        ).select_related("enrolment__person")
    }
    found = replan(
        people.participants, previous, inputs.rules, diversity=inputs.weights, settings=settings
    )
    notes = [f"{m.person} moved from group {m.before} to group {m.after}" for m in found.moved]
    notes += [f"{m.person} joined group {m.after}" for m in found.joined]
    notes += [f"{names.get(person, person)} left the cohort" for person in found.withdrawn]
    explanation = found.grouping.explanation.as_dict()
    explanation["notes"] = list(explanation["notes"]) + (notes or ["Nobody had to move."])
    groups = _planned(people, [found.grouping.groups], inputs.pinned, lambda r, n: f"Set {n}")
    return Result(groups, {"rounds": [explanation], "moved": len(found.moved)})


def _challenges(grouping: Grouping) -> list[Challenge]:
    return list(
        Challenge.objects.filter(cohort=grouping.cohort)
        .exclude(status=ChallengeStatus.CLOSED)
        .order_by("title", "pk")
    )


def _challenge_teams(grouping: Grouping, inputs: Inputs, settings: SolverSettings) -> Result:
    challenges = _challenges(grouping)
    if not challenges:
        raise CannotRun(
            f"{grouping.cohort.name} has no open challenges: add the cohort's challenges first."
        )
    people = inputs.roster
    title = {c.pk: f"{c.title} (#{c.pk})" for c in challenges}
    rankings: dict[str, list[str]] = {}
    for enrolment_id, challenge_id in (
        ChallengePreference.objects.filter(enrolment__cohort=grouping.cohort)
        .order_by("enrolment_id", "rank")
        .values_list("enrolment_id", "challenge_id")
    ):
        person = people.ids.get(enrolment_id)
        if person is not None and challenge_id in title:
            rankings.setdefault(person, []).append(title[challenge_id])
    found = assign_challenge_teams(
        people.participants,
        [EngineChallenge(title[c.pk], c.capacity, c.minimum) for c in challenges],
        rankings,
        inputs.rules,
        diversity=inputs.weights,
        settings=settings,
    )
    explanation = found.grouping.explanation.as_dict()
    groups = tuple(
        PlannedGroup(
            round=1,
            number=n,
            name=challenge.title,
            members=tuple(people.enrolment_ids[p] for p in found.teams[title[challenge.pk]]),
            challenge_id=challenge.pk,
            pinned=frozenset(e for e, pinned_to in inputs.pinned.items() if pinned_to == n),
        )
        for n, challenge in enumerate(challenges, start=1)
    )
    return Result(
        groups, {"rounds": [explanation], "choices": found.choice_counts(), "ranked": len(rankings)}
    )


def _mixing_plan(grouping: Grouping, inputs: Inputs, settings: SolverSettings) -> Result:
    people = inputs.roster
    sizes = group_sizes(grouping.group_count, grouping.target_size)
    plan = plan_mixing(
        people.participants,
        grouping.rounds,
        sizes,
        inputs.rules,
        diversity=inputs.weights,
        settings=settings,
    )
    groups = _planned(people, plan.rounds, {}, lambda r, n: f"Round {r}, group {n}")
    explanation = explain_rounds(
        people.participants, [list(map(list, r)) for r in plan.rounds], inputs.rules, inputs.weights
    )
    explanation["mixing"] = {
        "repeated_pairs": plan.repeated_pairs,
        "lower_bound": plan.lower_bound,
        "summary": plan.summary,
        "method": plan.method,
        "fewest_colleagues_met": min(plan.colleagues_met.values(), default=0),
        "fewest_organisations_met": min(plan.organisations_met.values(), default=0),
    }
    return Result(groups, explanation)


def _planned(
    people: Roster,
    rounds: Sequence[Sequence[Sequence[str]]],
    pinned: Mapping[int, int],
    name: Callable[[int, int], str],
) -> tuple[PlannedGroup, ...]:
    return tuple(
        PlannedGroup(
            round=r,
            number=n,
            name=name(r, n),
            members=tuple(people.enrolment_ids[p] for p in members),
            pinned=frozenset(e for e, pinned_to in pinned.items() if pinned_to == n),
        )
        for r, groups in enumerate(rounds, start=1)
        for n, members in enumerate(groups, start=1)
    )


def explain_rounds(
    participants: Sequence[Participant],
    rounds: Sequence[Sequence[Sequence[str]]],
    rules: Sequence[Rule],
    weights: Mapping[str, float],
) -> dict[str, Any]:
    """The engine's explanation of groups as they stand (after a move by hand), round by round.

    The objective is recomputed for these groups; its bound is the engine's bound for groups of
    these sizes, so the gap says how far a fresh run might still improve on them.
    """
    explained = []
    for groups in rounds:
        present = [p for p in participants if any(p.id in members for members in groups)]
        index = {p.id: i for i, p in enumerate(present)}
        assignment = np.zeros(len(present), dtype=np.int64)
        for g, members in enumerate(groups):
            for person in members:
                assignment[index[person]] = g
        sizes = np.array([len(members) for members in groups], dtype=np.int64)
        active = [rule for rule in rules if _mentions_only(rule, index)]
        problem = build_problem(present, sizes, sizes, active, weights)
        objective = problem.score(assignment)
        solution = Solution(
            assignment,
            objective,
            max(upper_bound(problem), objective),
            False,
            SOLVED_BY_HAND,
            False,
        )
        explained.append(explain(present, problem, solution, active).as_dict())
    return {"rounds": explained}


def _mentions_only(rule: Rule, present: Mapping[str, int]) -> bool:
    """Rules about people who are no longer grouped (they withdrew) are left out."""
    people = getattr(rule, "people", None) or ((rule.person,) if hasattr(rule, "person") else ())
    return all(person in present for person in people)


def repeated_pairs(rounds: Sequence[Sequence[Sequence[int]]]) -> int:
    """How many pairings beyond the first each pair of people has over the rounds."""
    met: dict[tuple[int, int], int] = {}
    for groups in rounds:
        for members in groups:
            for pair in combinations(sorted(members), 2):
                met[pair] = met.get(pair, 0) + 1
    return sum(times - 1 for times in met.values())


def mixing_bound(people: int, group_count: int | None, target_size: int | None, rounds: int) -> int:
    lower, upper = size_bounds(people, groups=group_count, target_size=target_size)
    return repeat_lower_bound(people, lower, upper, rounds)
