"""Who may see and change challenges, teams and the library, built on the shared access helpers.

A programme's challenges are its community's shared learning: staff and facilitators see them
all, and so do the programme's participants and alumni (the library). A challenge's owner (the
sponsor) sees their challenge, its teams and showcases. Team members and staff post updates, add
links and tick off milestones; only staff change challenges, form teams and record showcases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from commonground.lib.access import Level, Viewer, load_viewer, require
from commonground.programmes.models import Cohort, EnrolmentStatus, Programme

from .models import Challenge, ChallengeTeam, Milestone, TeamMembership


def in_programme(viewer: Viewer, programme_id: int) -> bool:
    """Whether the viewer belongs, or belonged until completing, to a cohort of the programme."""
    return (
        bool(viewer.cohort_ids)
        and Cohort.objects.filter(pk__in=viewer.cohort_ids, programme_id=programme_id).exists()
    )


def programme_reach(viewer: Viewer, programme_id: int) -> Level:
    """Staff write, facilitators read, participants and alumni are members; others nothing."""
    level = viewer.programme_level(programme_id)
    if level >= Level.READ:
        return level
    if in_programme(viewer, programme_id):
        return Level.MEMBER
    return Level.NONE


def challenge_level(viewer: Viewer, challenge: Challenge) -> Level:
    level = programme_reach(viewer, challenge.programme_id)
    if level == Level.NONE and viewer.person_id and challenge.owner_id == viewer.person_id:
        return Level.MEMBER
    return level


def get_challenge(request: HttpRequest, pk: int, needed: Level = Level.MEMBER) -> Challenge:
    challenge = (
        Challenge.objects.select_related("programme", "cohort", "owner__organisation")
        .filter(pk=pk)
        .first()
    )
    if challenge is None:
        raise Http404("Not found")
    require(challenge_level(load_viewer(request), challenge), needed)
    return challenge


@dataclass(frozen=True)
class TeamAccess:
    """What the viewer may do on a team's page."""

    team: ChallengeTeam
    level: Level
    is_member: bool

    @property
    def may_contribute(self) -> bool:
        """Post updates, add links and tick off milestones: the team's members and staff."""
        return self.is_member or self.level >= Level.WRITE

    @property
    def may_change(self) -> bool:
        return self.level >= Level.WRITE


def team_access(request: HttpRequest, team: ChallengeTeam) -> TeamAccess:
    viewer = load_viewer(request)
    level = challenge_level(viewer, team.challenge)
    is_member = (
        viewer.person_id is not None
        and TeamMembership.objects.filter(
            team=team,
            enrolment__person_id=viewer.person_id,
            enrolment__status__in=EnrolmentStatus.TAKING_A_PLACE,
        ).exists()
    )
    if is_member:
        level = max(level, Level.MEMBER)
    return TeamAccess(team, Level(level), is_member)


def get_team(request: HttpRequest, pk: int, needed: Level = Level.MEMBER) -> TeamAccess:
    team = (
        ChallengeTeam.objects.select_related(
            "challenge__programme", "challenge__owner__organisation", "cohort"
        )
        .filter(pk=pk)
        .first()
    )
    if team is None:
        raise Http404("Not found")
    access = team_access(request, team)
    require(access.level, needed)
    return access


def get_team_to_contribute(request: HttpRequest, pk: int) -> TeamAccess:
    """A team whose page the viewer sees and to which they may add (403 if they only see it)."""
    access = get_team(request, pk)
    require(access.level, Level.MEMBER if access.may_contribute else Level.WRITE)
    return access


def get_milestone(request: HttpRequest, pk: int) -> tuple[Milestone, TeamAccess]:
    milestone = Milestone.objects.filter(pk=pk).first()
    if milestone is None:
        raise Http404("Not found")
    return milestone, get_team_to_contribute(request, milestone.team_id)


def get_library(request: HttpRequest, slug: str) -> tuple[Programme, Level]:
    """The library of a programme's challenges: staff, facilitators, participants and alumni."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    level = programme_reach(load_viewer(request), programme.pk)
    require(level, Level.MEMBER)
    return programme, level
