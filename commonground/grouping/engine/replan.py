"""Re-planning after a withdrawal or a late joiner, moving as few people as possible."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .distance import default_weights, diversity_matrix
from .grouping import Grouping, group_people
from .model import GroupSizes, Participant, Rule, SolverSettings
from .preferences import Challenge, Preferences
from .problem import FloatArray, IntArray
from .sizes import size_bounds


@dataclass(frozen=True)
class Move:
    """A person's group before and after (numbered from 1); before is None for a late joiner."""

    person: str
    before: int | None
    after: int


@dataclass(frozen=True)
class Replan:
    """The new grouping, who moved, where late joiners went, and who had left."""

    grouping: Grouping
    moved: tuple[Move, ...]
    joined: tuple[Move, ...]
    withdrawn: tuple[str, ...]


def replan(
    participants: Sequence[Participant],
    previous: Sequence[Sequence[str]],
    rules: Sequence[Rule] | None = None,
    *,
    sizes: GroupSizes | None = None,
    challenges: Sequence[Challenge] | None = None,
    rankings: Mapping[str, Sequence[str]] | None = None,
    preference_weight: float = 2.0,
    diversity: Mapping[str, float] | None = None,
    settings: SolverSettings | None = None,
) -> Replan:
    """Staying put is worth more than any gain in diversity or choice, so only forced moves happen.

    `previous` lists the old groups' members; people in it but not in `participants` withdrew,
    people in `participants` but not in it joined late. With `challenges`, group g is challenge
    g's team: its capacity and minimum bound the team's size, and late joiners and anyone who
    must move go where their `rankings` and the teams' mix are best served.
    """
    lower, upper, preferences = _bounds(
        len(participants), previous, sizes, challenges, rankings or {}, preference_weight
    )
    before = {person: g for g, members in enumerate(previous) for person in members}
    weights = diversity if diversity is not None else default_weights(participants)
    unary = _staying_put(participants, before, weights, preferences, groups=lower.shape[0])
    grouping = group_people(
        participants,
        lower,
        upper,
        rules,
        diversity=weights,
        settings=settings or SolverSettings(),
        unary=unary,
        preferences=preferences,
    )[0]
    return _compare(grouping, participants, before)


def _bounds(
    people: int,
    previous: Sequence[Sequence[str]],
    sizes: GroupSizes | None,
    challenges: Sequence[Challenge] | None,
    rankings: Mapping[str, Sequence[str]],
    preference_weight: float,
) -> tuple[IntArray, IntArray, Preferences | None]:
    """Each group's smallest and largest size, and the choices to honour when teams are formed
    around challenges (one per previous team, in the same order)."""
    if challenges is None:
        sizes = sizes or GroupSizes(groups=len(previous))
        lower, upper = size_bounds(people, groups=sizes.groups, target_size=sizes.target_size)
        return lower, upper, None
    if len(challenges) != len(previous):
        raise ValueError(
            f"{len(previous)} previous teams but {len(challenges)} challenges: give one "
            "team per challenge, in the same order"
        )
    lower = np.array([c.minimum for c in challenges], dtype=np.int64)
    upper = np.array([c.capacity for c in challenges], dtype=np.int64)
    return lower, upper, Preferences(challenges, rankings, preference_weight)


def _staying_put(
    participants: Sequence[Participant],
    before: Mapping[str, int],
    weights: Mapping[str, float],
    preferences: Preferences | None,
    *,
    groups: int,
) -> FloatArray:
    """Each person's reward for each group: only their previous group earns one, larger than
    anything diversity or choice could gain by moving them."""
    distances = diversity_matrix(participants, weights)
    stay = 2.0 * float(distances.sum(axis=1).max(initial=0.0)) + 1.0
    if preferences is not None:
        stay += 2.0 * float(preferences.unary(participants, distances).max(initial=0.0))
    unary = np.zeros((len(participants), groups))
    for i, person in enumerate(participants):
        if before.get(person.id, -1) in range(groups):
            unary[i, before[person.id]] = stay
    return unary


def _compare(
    grouping: Grouping, participants: Sequence[Participant], before: Mapping[str, int]
) -> Replan:
    """Who moved, who joined late and who had left, from the old groups to the new."""
    present = {p.id for p in participants}
    moves = [
        Move(p.id, before[p.id] + 1 if p.id in before else None, grouping.group_of(p.id))
        for p in participants
    ]
    return Replan(
        grouping,
        moved=tuple(m for m in moves if m.before is not None and m.before != m.after),
        joined=tuple(m for m in moves if m.before is None),
        withdrawn=tuple(person for person in before if person not in present),
    )
