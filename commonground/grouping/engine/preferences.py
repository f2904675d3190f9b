"""Challenges participants rank, and how much a place on each is worth to them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .model import Participant
from .problem import FloatArray
from .rules import typical_pair


@dataclass(frozen=True)
class Challenge:
    """A system challenge a team works on, with how many people it takes at most and at least."""

    name: str
    capacity: int
    minimum: int = 0


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


@dataclass(frozen=True)
class Preferences:
    """Challenges (one per group, in order), each person's ranking of them, and their weight.

    A first choice is worth `weight` times the diversity a person typically brings to a team;
    lower choices proportionally less; an unranked challenge nothing.
    """

    challenges: Sequence[Challenge]
    rankings: Mapping[str, Sequence[str]]
    weight: float = 2.0

    def unary(self, participants: Sequence[Participant], diversity: FloatArray) -> FloatArray:
        """What placing each person in each challenge's team adds to the objective."""
        team_size = len(participants) / max(len(self.challenges), 1)
        unit = typical_pair(diversity) * max(team_size - 1, 1)
        return self.weight * unit * self._scores(participants)

    def choice_of(self, groups: Sequence[Sequence[str]]) -> dict[str, int | None]:
        """Which of their choices each person got (1 for their first), None for an unranked one."""
        got: dict[str, int | None] = {}
        for challenge, members in zip(self.challenges, groups, strict=True):
            for person in members:
                ranked = list(self.rankings.get(person, ()))
                got[person] = ranked.index(challenge.name) + 1 if challenge.name in ranked else None
        return got

    def _scores(self, participants: Sequence[Participant]) -> FloatArray:
        """1 for a first choice down to 1/k for the k-th of k ranked; 0 for an unranked one."""
        column = {c.name: g for g, c in enumerate(self.challenges)}
        longest = max((len(r) for r in self.rankings.values()), default=1) or 1
        scores = np.zeros((len(participants), len(self.challenges)))
        for i, person in enumerate(participants):
            for rank, name in enumerate(self.rankings.get(person.id, ())):
                if name not in column:
                    raise ValueError(
                        f"{person.id} ranks '{name}', which is not one of the challenges"
                    )
                scores[i, column[name]] = (longest - rank) / longest
        return scores


def count_choices(choice_of: Mapping[str, int | None]) -> dict[str, int]:
    """How many got their 1st, 2nd, 3rd... choice, and how many an unranked challenge."""
    ranks = [rank for rank in choice_of.values() if rank is not None]
    counts = {ordinal(rank): ranks.count(rank) for rank in range(1, max(ranks, default=0) + 1)}
    counts["unranked"] = sum(rank is None for rank in choice_of.values())
    return counts
