"""Re-planning after a withdrawal or a late joiner, moving as few people as possible."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .distance import default_weights, diversity_matrix
from .grouping import Grouping, group_people
from .model import GroupSizes, Participant, Rule, SolverSettings
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
    diversity: Mapping[str, float] | None = None,
    settings: SolverSettings | None = None,
) -> Replan:
    """Staying put is worth more than any gain in diversity, so only moves the rules force happen.

    `previous` lists the old groups' members; people in it but not in `participants` withdrew.
    """
    sizes = sizes or GroupSizes(groups=len(previous))
    lower, upper = size_bounds(
        len(participants), groups=sizes.groups, target_size=sizes.target_size
    )
    before = {person: g for g, members in enumerate(previous) for person in members}
    weights = diversity if diversity is not None else default_weights(participants)
    stay = 2.0 * float(diversity_matrix(participants, weights).sum(axis=1).max(initial=0.0)) + 1.0
    unary = np.zeros((len(participants), lower.shape[0]))
    for i, person in enumerate(participants):
        if before.get(person.id, -1) in range(lower.shape[0]):
            unary[i, before[person.id]] = stay
    grouping = group_people(
        participants,
        lower,
        upper,
        rules,
        diversity=weights,
        settings=settings or SolverSettings(),
        unary=unary,
    )[0]
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
