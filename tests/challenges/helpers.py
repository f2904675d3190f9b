"""Challenges, teams and showcases on top of the shared `world`, made once per test on demand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from commonground.challenges.models import (
    Challenge,
    ChallengeStatus,
    ChallengeTeam,
    Milestone,
    Showcase,
    Theme,
)
from commonground.challenges.services import create_team, set_team_members
from commonground.programmes.models import Enrolment
from tests.conftest import World


@dataclass
class Challenges:
    current: Challenge
    other: Challenge
    past: Challenge
    team: ChallengeTeam
    past_team: ChallengeTeam

    @property
    def milestone(self) -> Milestone:
        return self.team.milestones.get(kind="start")


def make_challenge(world: World, title: str, **fields: object) -> Challenge:
    values: dict[str, object] = {
        "programme": world.programme,
        "cohort": world.cohort,
        "slug": title.lower().replace(" ", "-"),
        "problem_statement": f"The problem of {title.lower()} in Greater Essex.",
        "theme": Theme.HOMELESSNESS,
        "status": ChallengeStatus.OPEN,
        "owner": world.sponsor_person,
    }
    values.update(fields)
    return Challenge.objects.create(title=title, **values)


def challenges(world: World) -> Challenges:
    """The current cohort's challenge (the participant's team, owned by the sponsor), another
    open challenge, and a past cohort's presented challenge with the alumnus in its team."""
    found = Challenge.objects.filter(programme=world.programme, slug="rough-sleeping").first()
    if found is not None:
        return Challenges(
            current=found,
            other=Challenge.objects.get(slug="hospital-discharge"),
            past=Challenge.objects.get(slug="knife-crime"),
            team=ChallengeTeam.objects.get(name="Rough sleeping team"),
            past_team=ChallengeTeam.objects.get(name="Knife crime team"),
        )
    current = make_challenge(world, "Rough sleeping", capacity=6, minimum=1)
    other = make_challenge(world, "Hospital discharge", theme=Theme.HOSPITAL_DISCHARGE)
    past = make_challenge(
        world,
        "Knife crime",
        cohort=world.past_cohort,
        theme=Theme.KNIFE_CRIME,
        status=ChallengeStatus.SHOWCASED,
        outcomes="A shared youth violence referral route across three districts.",
    )
    team = create_team(current, world.cohort, "Rough sleeping team", by=None)
    set_team_members(team, [world.enrolment], by=None, notify=False)
    past_team = create_team(past, world.past_cohort, "Knife crime team", by=None)
    alumnus = Enrolment.objects.get(person=world.alumnus_person, cohort=world.past_cohort)
    set_team_members(past_team, [alumnus], by=None, notify=False)
    Showcase.objects.create(
        team=past_team,
        held_on=dt.date(2025, 6, 20),
        presented=True,
        outcomes_summary="Schools and police now share one referral form.",
    )
    return Challenges(current, other, past, team, past_team)
