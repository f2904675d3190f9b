"""Learning sets: split a cohort into groups mixing organisations, sectors and areas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .distance import default_weights
from .explain import Explanation, explain
from .model import GroupSizes, Participant, Rule, SolverSettings, default_rules
from .problem import FloatArray, IntArray, SearchProblem
from .rules import build_problem
from .sizes import size_bounds
from .solve import Solution, solve


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
) -> tuple[Grouping, SearchProblem, Solution]:
    """The shared path for learning sets, challenge teams, mixing and re-planning."""
    if rules is None:
        rules = default_rules({name for p in participants for name in p.attributes})
    problem = build_problem(
        participants,
        lower,
        upper,
        rules,
        diversity if diversity is not None else default_weights(participants),
        worst_group_weight=worst_group_weight,
        unary=unary,
        extra_pairs=extra_pairs,
    )
    solution = solve(
        problem,
        [p.id for p in participants],
        seed=settings.seed,
        time_limit=settings.time_limit,
        progress=settings.progress,
        max_iterations=settings.max_iterations,
    )
    explanation = explain(participants, problem, solution, rules, notes)
    grouping = Grouping(
        tuple(group.members for group in explanation.groups),
        explanation,
        solution.stopped_by_time,
    )
    return grouping, problem, solution


def _bounds(value: int | tuple[int, ...] | None) -> int | list[int] | None:
    return list(value) if isinstance(value, tuple) else value
