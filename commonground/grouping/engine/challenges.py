"""Challenge teams: participants rank challenges; teams respect capacities, preferences and mix."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .grouping import Grouping, group_people
from .model import Participant, Rule, SolverSettings
from .preferences import Challenge, Preferences, count_choices, ordinal

__all__ = ["Challenge", "ChallengeTeams", "assign_challenge_teams", "ordinal"]


@dataclass(frozen=True)
class ChallengeTeams:
    """Who works on each challenge, which choice each person got, and the usual explanation."""

    teams: dict[str, tuple[str, ...]]
    choice_of: dict[str, int | None]
    grouping: Grouping

    def choice_counts(self) -> dict[str, int]:
        """How many got their 1st, 2nd, 3rd... choice, and how many an unranked challenge."""
        return count_choices(self.choice_of)


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
    preferences = Preferences(challenges, rankings, preference_weight)
    grouping = group_people(
        participants,
        np.array([c.minimum for c in challenges], dtype=np.int64),
        np.array([c.capacity for c in challenges], dtype=np.int64),
        rules,
        diversity=diversity,
        settings=settings or SolverSettings(),
        preferences=preferences,
    )[0]
    teams = {c.name: grouping.groups[g] for g, c in enumerate(challenges)}
    return ChallengeTeams(teams, preferences.choice_of(grouping.groups), grouping)
