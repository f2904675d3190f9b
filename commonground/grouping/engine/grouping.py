"""Learning sets: split a cohort into groups mixing organisations, sectors and areas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from commonground.lib.words import count_of

from .distance import default_weights, diversity_matrix
from .explain import Explanation, explain
from .model import GroupSizes, Participant, Pin, Rule, SolverSettings, default_rules
from .preferences import Challenge, Preferences
from .problem import FloatArray, IntArray, SearchProblem
from .rules import build_problem
from .sizes import size_bounds
from .solve import Solution, evaluate, solve


@dataclass(frozen=True)
class Grouping:
    """The groups (participant ids, group 1 first) and the explanation staff see beside them."""

    groups: tuple[tuple[str, ...], ...]
    explanation: Explanation
    stopped_by_time: bool

    def group_of(self, person: str) -> int:
        """The group number (from 1) holding a person."""
        return next(n for n, members in enumerate(self.groups, start=1) if person in members)


def form_groups(
    participants: Sequence[Participant],
    sizes: GroupSizes,
    rules: Sequence[Rule] | None = None,
    *,
    diversity: Mapping[str, float] | None = None,
    worst_group_weight: float = 0.0,
    settings: SolverSettings | None = None,
) -> Grouping:
    """Maximise diversity within groups under the rules (default: colleagues apart, mixed sectors).

    Raises InfeasibleRules when the hard rules cannot all be met.
    """
    lower, upper = size_bounds(
        len(participants),
        groups=sizes.groups,
        target_size=sizes.target_size,
        minimum=_bounds(sizes.minimum),
        maximum=_bounds(sizes.maximum),
    )
    return group_people(
        participants,
        lower,
        upper,
        rules,
        diversity=diversity,
        worst_group_weight=worst_group_weight,
        settings=settings or SolverSettings(),
    )[0]


def group_people(
    participants: Sequence[Participant],
    lower: IntArray,
    upper: IntArray,
    rules: Sequence[Rule] | None,
    *,
    diversity: Mapping[str, float] | None,
    settings: SolverSettings,
    worst_group_weight: float = 0.0,
    unary: FloatArray | None = None,
    extra_pairs: FloatArray | None = None,
    notes: Sequence[str] = (),
    preferences: Preferences | None = None,
) -> tuple[Grouping, SearchProblem, Solution]:
    """The shared path for learning sets, challenge teams, mixing and re-planning."""
    problem, rules = _problem(
        participants,
        lower,
        upper,
        rules,
        diversity,
        worst_group_weight=worst_group_weight,
        unary=unary,
        extra_pairs=extra_pairs,
        preferences=preferences,
    )
    solution = solve(
        problem,
        [p.id for p in participants],
        seed=settings.seed,
        time_limit=settings.time_limit,
        progress=settings.progress,
        max_iterations=settings.max_iterations,
        deterministic_time=settings.deterministic_time,
    )
    explanation = explain(participants, problem, solution, rules, notes, preferences)
    grouping = Grouping(
        tuple(group.members for group in explanation.groups),
        explanation,
        solution.stopped_by_time,
    )
    return grouping, problem, solution


def explain_groups(
    participants: Sequence[Participant],
    groups: Sequence[Sequence[str]],
    rules: Sequence[Rule] | None = None,
    *,
    diversity: Mapping[str, float] | None = None,
    worst_group_weight: float = 0.0,
    challenges: Sequence[Challenge] | None = None,
    rankings: Mapping[str, Sequence[str]] | None = None,
    preference_weight: float = 2.0,
    found_by: str = "as given",
    notes: Sequence[str] = (),
) -> Explanation:
    """The explanation of groups as they stand (after a move by hand), as the solver gives its own.

    `groups` lists each group's participant ids, group 1 first; with `challenges`, group g is
    challenge g's team and choices are counted from `rankings`. People in no group, and rules
    naming them, are left out with a note. The objective is recomputed for these groups; its
    upper bound is the one a run would report for groups of these sizes.
    """
    grouped = {person for members in groups for person in members}
    known = {p.id for p in participants}
    unknown = sorted(grouped - known)
    if unknown:
        raise ValueError(f"the groups name {', '.join(unknown)}, not among the participants")
    present = [p for p in participants if p.id in grouped]
    if rules is None:
        rules = default_rules({name for p in present for name in p.attributes})
    kept = [rule for rule in rules if set(_named(rule)) <= grouped]
    missing = len(known - grouped)
    left_out = [f"{count_of(missing, 'person')} in no group, left out of the explanation"] * bool(
        missing
    )
    left_out += [
        f"Not checked, as it names someone in no group: {rule.describe()}"
        for rule in rules
        if rule not in kept
    ]
    index = {p.id: i for i, p in enumerate(present)}
    assignment = np.zeros(len(present), dtype=np.int64)
    for g, members in enumerate(groups):
        assignment[[index[person] for person in members]] = g
    sizes = np.array([len(members) for members in groups], dtype=np.int64)
    preferences = None
    if challenges is not None:
        preferences = Preferences(challenges, rankings or {}, preference_weight)
    problem, checked = _problem(
        present,
        sizes,
        sizes,
        kept,
        diversity,
        worst_group_weight=worst_group_weight,
        preferences=preferences,
    )
    solution = evaluate(problem, assignment, found_by)
    return explain(present, problem, solution, checked, [*left_out, *notes], preferences)


def _named(rule: Rule) -> tuple[str, ...]:
    """The people a rule names: those kept apart or together, or the one pinned."""
    if isinstance(rule, Pin):
        return (rule.person,)
    return tuple(getattr(rule, "people", ()))


def _problem(
    participants: Sequence[Participant],
    lower: IntArray,
    upper: IntArray,
    rules: Sequence[Rule] | None,
    diversity: Mapping[str, float] | None,
    *,
    worst_group_weight: float = 0.0,
    unary: FloatArray | None = None,
    extra_pairs: FloatArray | None = None,
    preferences: Preferences | None = None,
) -> tuple[SearchProblem, Sequence[Rule]]:
    """The search problem with the defaults filled in: one path for solving and for explaining."""
    if rules is None:
        rules = default_rules({name for p in participants for name in p.attributes})
    weights = diversity if diversity is not None else default_weights(participants)
    if preferences is not None:
        wanted = preferences.unary(participants, diversity_matrix(participants, weights))
        unary = wanted if unary is None else unary + wanted
    problem = build_problem(
        participants,
        lower,
        upper,
        rules,
        weights,
        worst_group_weight=worst_group_weight,
        unary=unary,
        extra_pairs=extra_pairs,
    )
    return problem, rules


def _bounds(value: int | tuple[int, ...] | None) -> int | list[int] | None:
    return list(value) if isinstance(value, tuple) else value
