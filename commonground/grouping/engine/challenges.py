"""Challenge teams: participants rank challenges; teams respect capacities, preferences and mix."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .distance import default_weights, diversity_matrix
from .grouping import Grouping, group_people
from .model import Participant, Rule, SolverSettings
from .problem import FloatArray
from .rules import typical_pair


@dataclass(frozen=True)
class Challenge:
    """A system challenge a team works on, with how many people it takes at most and at least."""

    name: str
    capacity: int
    minimum: int = 0


@dataclass(frozen=True)
class ChallengeTeams:
    """Who works on each challenge, which choice each person got, and the usual explanation."""

    teams: dict[str, tuple[str, ...]]
    choice_of: dict[str, int | None]
    grouping: Grouping

    def choice_counts(self) -> dict[str, int]:
        """How many got their 1st, 2nd, 3rd... choice, and how many an unranked challenge."""
        ranks = [rank for rank in self.choice_of.values() if rank is not None]
        counts = {ordinal(rank): ranks.count(rank) for rank in range(1, max(ranks, default=0) + 1)}
        counts["unranked"] = sum(rank is None for rank in self.choice_of.values())
        return counts


def ordinal(number: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number if number < 20 else number % 10, "th")
    return f"{number}{suffix}"


def assign_challenge_teams(
    participants: Sequence[Participant],
    challenges: Sequence[Challenge],
    rankings: Mapping[str, Sequence[str]],
    rules: Sequence[Rule] | None = None,
    *,
    diversity: Mapping[str, float] | None = None,
    preference_weight: float = 2.0,
    settings: SolverSettings | None = None,
) -> ChallengeTeams:
    """Maximise preference satisfaction together with the teams' diversity.

    A first choice is worth `preference_weight` times the diversity a person typically brings to a
    team; lower choices proportionally less; an unranked challenge nothing.
    """
    weights = diversity if diversity is not None else default_weights(participants)
    preference = _preference_scores(participants, challenges, rankings)
    team_size = len(participants) / max(len(challenges), 1)
    unit = typical_pair(diversity_matrix(participants, weights)) * max(team_size - 1, 1)
    grouping = group_people(
        participants,
        np.array([c.minimum for c in challenges], dtype=np.int64),
        np.array([c.capacity for c in challenges], dtype=np.int64),
        rules,
        diversity=weights,
        settings=settings or SolverSettings(),
        unary=preference_weight * unit * preference,
    )[0]
    teams = {c.name: grouping.groups[g] for g, c in enumerate(challenges)}
    names = [c.name for c in challenges]
    choice_of: dict[str, int | None] = {}
    for person in (p.id for p in participants):
        challenge = names[grouping.group_of(person) - 1]
        ranked = list(rankings.get(person, ()))
        choice_of[person] = ranked.index(challenge) + 1 if challenge in ranked else None
    return ChallengeTeams(teams, choice_of, grouping)


def _preference_scores(
    participants: Sequence[Participant],
    challenges: Sequence[Challenge],
    rankings: Mapping[str, Sequence[str]],
) -> FloatArray:
    """1 for a first choice down to 1/k for the k-th of k ranked; 0 for an unranked challenge."""
    column = {c.name: g for g, c in enumerate(challenges)}
    longest = max((len(r) for r in rankings.values()), default=1) or 1
    scores = np.zeros((len(participants), len(challenges)))
    for i, person in enumerate(participants):
        for rank, name in enumerate(rankings.get(person.id, ())):
            if name not in column:
                raise ValueError(f"{person.id} ranks '{name}', which is not one of the challenges")
            scores[i, column[name]] = (longest - rank) / longest
    return scores
