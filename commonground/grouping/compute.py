"""Runs the engine for a saved grouping and turns its answer into rows to save, and explains
groups that staff changed by hand.

Nothing here writes to the database: services.py saves what this returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from commonground.challenges.models import Challenge, ChallengePreference, ChallengeStatus

from .engine import (
    Challenge as EngineChallenge,
)
from .engine import (
    GroupSizes,
    InfeasibleRules,
    MixingPlan,
    Pin,
    Progress,
    Rule,
    SolverSettings,
    assign_challenge_teams,
    explain_groups,
    form_groups,
    plan_mixing,
    replan,
    review_mixing,
)
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

# The names the engine sees for challenges: titles can repeat, so the id goes with them.
ChallengeNames = dict[int, str]

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
    """Everything a run or an explanation needs, read from the database once.

    `rules` hold the pins of round 1 (learning sets, challenge teams); a mixing plan's pins are
    per round in `round_pins` (round -> enrolment id -> group number).
    """

    roster: Roster
    rules: list[Rule]
    weights: dict[str, float]
    pinned: dict[int, int] = field(default_factory=dict)
    round_pins: dict[int, dict[int, int]] = field(default_factory=dict)

    def pins_of(self, round_number: int) -> list[Pin]:
        """A mixing plan's pins in one round (from 1), as engine rules."""
        ids = self.roster.ids
        pins = self.round_pins.get(round_number, {})
        return [Pin(ids[e], number) for e, number in pins.items() if e in ids]

    def rules_for(self, round_number: int) -> list[Rule]:
        return self.rules + self.pins_of(round_number)

    def pinned_in(self, round_number: int) -> dict[int, int]:
        return self.round_pins.get(round_number, {}) if self.round_pins else self.pinned


def load_inputs(grouping: Grouping, *, with_pins: bool = True) -> Inputs:
    people = roster(enrolments_to_group(grouping.cohort))
    pairs = []
    for pair in PairRule.objects.filter(grouping=grouping).order_by("pk"):
        first, second = people.ids.get(pair.first_id), people.ids.get(pair.second_id)
        if first is not None and second is not None:
            pairs.append((pair.kind, first, second, pair.reason))
    mixing = grouping.kind == Kind.MIXING_PLAN
    pinned = _pins(grouping, people) if with_pins and not mixing else {}
    pins = [(people.ids[enrolment_id], number) for enrolment_id, number in pinned.items()]
    round_pins: dict[int, dict[int, int]] = {}
    if with_pins and mixing:
        for enrolment_id, round_number, number in Placement.objects.filter(
            group__grouping=grouping, pinned=True, enrolment_id__in=list(people.ids)
        ).values_list("enrolment_id", "group__round", "group__number"):
            round_pins.setdefault(round_number, {})[enrolment_id] = number
    return Inputs(
        roster=people,
        rules=engine_rules(grouping.rules, pairs, pins),
        weights=diversity_weights(grouping.rules),
        pinned=pinned,
        round_pins=round_pins,
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
    if progress is not None:
        # A heartbeat before the engine starts: reading a large cohort can take a while.
        progress(0.0, "Read the cohort's people and rules")
    if len(inputs.roster.participants) < 2:
        raise CannotRun("There must be at least two participants with a place in the cohort.")
    # Staff's time limit only bounds the wait; the engine's fixed effort decides the groups, so
    # a run gives the same groups on a busy server as on a quiet one.
    settings = SolverSettings(
        seed=grouping.seed, time_limit=float(grouping.time_limit), progress=progress
    )
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        return _challenge_teams(grouping, inputs, settings, replanning=replanning)
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
    groups = _planned(people, [found.groups], inputs.pinned_in, lambda r, n: f"Set {n}")
    return Result(groups, {"rounds": [found.explanation.as_dict()]})


def _previous(grouping: Grouping, people: Roster) -> tuple[list[Group], list[list[str]]]:
    """Round 1's groups as they stand; people who left are named "left:<enrolment id>"."""
    groups = list(
        Group.objects.filter(grouping=grouping, round=1)
        .order_by("number")
        .prefetch_related("placements")
    )
    if not groups:
        raise CannotRun("There are no groups to re-plan yet: run the grouping first.")
    members = [
        [people.ids.get(p.enrolment_id, f"left:{p.enrolment_id}") for p in group.placements.all()]
        for group in groups
    ]
    return groups, members


def _replan_notes(grouping: Grouping, found: Any, names: Callable[[int], str]) -> list[str]:
    """Who moved, joined or left, in the words the page shows beside the groups."""
    left = {
        f"left:{placement.enrolment_id}": placement.enrolment.person.name
        for placement in Placement.objects.filter(
            group__grouping=grouping, group__round=1
        ).select_related("enrolment__person")
    }
    notes = [f"{m.person} moved from {names(m.before)} to {names(m.after)}" for m in found.moved]
    notes += [f"{m.person} joined {names(m.after)}" for m in found.joined]
    notes += [f"{left.get(person, person)} left the cohort" for person in found.withdrawn]
    return notes or ["Nobody had to move."]


def _replan(grouping: Grouping, inputs: Inputs, settings: SolverSettings) -> Result:
    """Keep everyone where they were unless a rule or a withdrawal forces a move."""
    people = inputs.roster
    _, previous = _previous(grouping, people)
    found = replan(
        people.participants, previous, inputs.rules, diversity=inputs.weights, settings=settings
    )
    explanation = found.grouping.explanation.as_dict()
    notes = _replan_notes(grouping, found, lambda n: f"group {n}")
    explanation["notes"] = list(explanation["notes"]) + notes
    groups = _planned(people, [found.grouping.groups], inputs.pinned_in, lambda r, n: f"Set {n}")
    return Result(groups, {"rounds": [explanation], "moved": len(found.moved)})


def _challenges(grouping: Grouping) -> list[Challenge]:
    return list(
        Challenge.objects.filter(cohort=grouping.cohort)
        .exclude(status=ChallengeStatus.CLOSED)
        .order_by("title", "pk")
    )


def challenge_names(challenges: Sequence[Challenge]) -> ChallengeNames:
    return {c.pk: f"{c.title} (#{c.pk})" for c in challenges}


def rankings(grouping: Grouping, people: Roster, names: ChallengeNames) -> dict[str, list[str]]:
    """Each participant's ranked challenges, first choice first, as the engine names them."""
    ranked: dict[str, list[str]] = {}
    for enrolment_id, challenge_id in (
        ChallengePreference.objects.filter(enrolment__cohort=grouping.cohort)
        .order_by("enrolment_id", "rank")
        .values_list("enrolment_id", "challenge_id")
    ):
        person = people.ids.get(enrolment_id)
        if person is not None and challenge_id in names:
            ranked.setdefault(person, []).append(names[challenge_id])
    return ranked


def engine_challenges(challenges: Sequence[Challenge]) -> list[EngineChallenge]:
    names = challenge_names(challenges)
    return [EngineChallenge(names[c.pk], c.capacity, c.minimum) for c in challenges]


def _challenge_teams(
    grouping: Grouping, inputs: Inputs, settings: SolverSettings, *, replanning: bool = False
) -> Result:
    challenges = _challenges(grouping)
    if not challenges:
        raise CannotRun(
            f"{grouping.cohort.name} has no open challenges: add the cohort's challenges first."
        )
    people = inputs.roster
    names = challenge_names(challenges)
    ranked = rankings(grouping, people, names)
    if replanning:
        return _replan_teams(grouping, inputs, settings, challenges, ranked)
    found = assign_challenge_teams(
        people.participants,
        engine_challenges(challenges),
        ranked,
        inputs.rules,
        diversity=inputs.weights,
        settings=settings,
    )
    explanation = found.grouping.explanation.as_dict()
    groups = _team_groups(people, found.grouping.groups, challenges, inputs.pinned)
    return Result(
        groups, {"rounds": [explanation], "choices": found.choice_counts(), "ranked": len(ranked)}
    )


def _replan_teams(
    grouping: Grouping,
    inputs: Inputs,
    settings: SolverSettings,
    challenges: Sequence[Challenge],
    ranked: Mapping[str, Sequence[str]],
) -> Result:
    """Teams as they stand; late joiners and anyone a withdrawal or capacity forces to move go
    where their choices and the mix are best served, everyone else stays."""
    people = inputs.roster
    groups, members = _previous(grouping, people)
    team_of = {group.challenge_id: m for group, m in zip(groups, members, strict=True)}
    previous = [team_of.get(c.pk, []) for c in challenges]
    # Members of teams whose challenge has closed count as late joiners: they must go somewhere.
    found = replan(
        people.participants,
        previous,
        inputs.rules,
        challenges=engine_challenges(challenges),
        rankings=ranked,
        diversity=inputs.weights,
        settings=settings,
    )
    explanation = found.grouping.explanation.as_dict()
    notes = _replan_notes(grouping, found, lambda n: challenges[n - 1].title)
    explanation["notes"] = list(explanation["notes"]) + notes
    choices = explanation.get("choices") or {}
    planned = _team_groups(people, found.grouping.groups, challenges, inputs.pinned)
    return Result(
        planned,
        {
            "rounds": [explanation],
            "choices": choices,
            "ranked": len(ranked),
            "moved": len(found.moved),
        },
    )


def _team_groups(
    people: Roster,
    teams: Sequence[Sequence[str]],
    challenges: Sequence[Challenge],
    pinned: Mapping[int, int],
) -> tuple[PlannedGroup, ...]:
    return tuple(
        PlannedGroup(
            round=1,
            number=n,
            name=challenge.title,
            members=tuple(people.enrolment_ids[p] for p in members),
            challenge_id=challenge.pk,
            pinned=frozenset(e for e, pinned_to in pinned.items() if pinned_to == n),
        )
        for n, (challenge, members) in enumerate(zip(challenges, teams, strict=True), start=1)
    )


def _mixing_plan(grouping: Grouping, inputs: Inputs, settings: SolverSettings) -> Result:
    people = inputs.roster
    plan = plan_mixing(
        people.participants,
        grouping.rounds,
        group_sizes(grouping.group_count, grouping.target_size),
        inputs.rules,
        pins={r: inputs.pins_of(r) for r in inputs.round_pins},
        diversity=inputs.weights,
        settings=settings,
    )
    groups = _planned(people, plan.rounds, inputs.pinned_in, lambda r, n: f"Round {r}, group {n}")
    explanation = explain_rounds(inputs, plan.rounds, found_by=plan.method)
    explanation["mixing"] = mixing_summary(plan, people)
    return Result(groups, explanation)


def _planned(
    people: Roster,
    rounds: Sequence[Sequence[Sequence[str]]],
    pinned_in: Callable[[int], Mapping[int, int]],
    name: Callable[[int, int], str],
) -> tuple[PlannedGroup, ...]:
    return tuple(
        PlannedGroup(
            round=r,
            number=n,
            name=name(r, n),
            members=tuple(people.enrolment_ids[p] for p in members),
            pinned=frozenset(e for e, pinned_to in pinned_in(r).items() if pinned_to == n),
        )
        for r, groups in enumerate(rounds, start=1)
        for n, members in enumerate(groups, start=1)
    )


def explain_rounds(
    inputs: Inputs,
    rounds: Sequence[Sequence[Sequence[str]]],
    *,
    teams: Sequence[Challenge] | None = None,
    rankings: Mapping[str, Sequence[str]] | None = None,
    found_by: str = SOLVED_BY_HAND,
) -> dict[str, Any]:
    """The engine's explanation of groups as they stand (after a move by hand), round by round.

    With `teams`, group g of the round is the team of challenge g and choices are counted.
    """
    return {
        "rounds": [
            explain_groups(
                inputs.roster.participants,
                groups,
                inputs.rules_for(r),
                diversity=inputs.weights,
                challenges=None if teams is None else engine_challenges(teams),
                rankings=rankings,
                found_by=found_by,
            ).as_dict()
            for r, groups in enumerate(rounds, start=1)
        ]
    }


def mixing_summary(plan: MixingPlan, people: Roster) -> dict[str, Any]:
    """What the page shows about a year of mixing, with each participant's count of colleagues
    and organisations met (keyed by enrolment id)."""
    return {
        "repeated_pairs": plan.repeated_pairs,
        "lower_bound": plan.lower_bound,
        "summary": plan.summary,
        "bound_reason": plan.bound_reason,
        "method": plan.method,
        "fewest_colleagues_met": min(plan.colleagues_met.values(), default=0),
        "fewest_organisations_met": min(plan.organisations_met.values(), default=0),
        "people": {
            str(people.enrolment_ids[person]): [met, plan.organisations_met[person]]
            for person, met in plan.colleagues_met.items()
        },
    }


def review_plan(
    inputs: Inputs, rounds: Sequence[Sequence[Sequence[str]]], sizes: GroupSizes
) -> dict[str, Any]:
    """The mixing summary of rounds as they stand after moves by hand."""
    grouped = {person for groups in rounds for members in groups for person in members}
    present = [p for p in inputs.roster.participants if p.id in grouped]
    plan = review_mixing(present, rounds, sizes, method=SOLVED_BY_HAND)
    return mixing_summary(plan, inputs.roster)
