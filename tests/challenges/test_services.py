"""Forming teams, ranking challenges and recording showcases: the rules and what they write."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from commonground.audit.models import AuditEntry
from commonground.challenges.models import (
    ChallengeStatus,
    ChallengeTeam,
    FormedBy,
    MilestoneKind,
    TeamRole,
)
from commonground.challenges.services import (
    create_team,
    presented_enrolment_ids,
    rank_challenges,
    record_showcase,
    set_team_members,
)
from commonground.directory.models import Person
from commonground.programmes.models import CohortStatus, Enrolment, EnrolmentStatus
from tests.challenges.helpers import Challenges, make_challenge
from tests.conftest import World


def _enrol(world: World, first: str, status: str = EnrolmentStatus.ACTIVE) -> Enrolment:
    person = Person.objects.create(
        first_name=first,
        last_name="Teammate",
        email=f"{first}@example.org",
        organisation=world.other_organisation,
    )
    return Enrolment.objects.create(person=person, cohort=world.cohort, status=status)


def test_a_new_team_gets_its_100_day_plan(world: World, made: Challenges) -> None:
    team = create_team(made.other, world.cohort, "Discharge team", by=world.users["staff"])
    due = {m.kind: m.due_on for m in team.milestones.all()}
    start = world.cohort.starts_on
    assert due == {
        MilestoneKind.START: start,
        MilestoneKind.MIDPOINT: start + dt.timedelta(days=50),
        MilestoneKind.FINAL: start + dt.timedelta(days=100),
    }


def test_members_who_join_are_emailed_their_team_mates_and_the_owner(
    world: World, made: Challenges, django_capture_on_commit_callbacks: Any
) -> None:
    ann = _enrol(world, "Ann")
    with django_capture_on_commit_callbacks(execute=True):
        set_team_members(
            made.team,
            [world.enrolment, ann],
            leads=[ann],
            by=world.users["staff"],
            formed_by=FormedBy.GROUPING,
        )
    assert [m.to for m in mail.outbox] == [["ann@example.org"]]
    body = mail.outbox[0].body
    assert "Pat Participant" in body
    assert "Sam Sponsor" in body
    assert "as its lead" in body
    made.team.refresh_from_db()
    assert made.team.formed_by == FormedBy.GROUPING
    assert made.team.memberships.get(enrolment=ann).role == TeamRole.LEAD


def test_a_change_of_members_is_audited(world: World, made: Challenges) -> None:
    ann = _enrol(world, "Ann")
    set_team_members(made.team, [ann], by=world.users["staff"], notify=False)
    entry = AuditEntry.objects.get(
        action="challenges.challengeteam.members_changed", actor=world.users["staff"]
    )
    assert entry.changes["members"] == [[world.enrolment.pk], [ann.pk]]


def test_a_person_cannot_be_in_two_teams_of_one_challenge(world: World, made: Challenges) -> None:
    second = create_team(made.current, world.cohort, "Second rough sleeping team", by=None)
    with pytest.raises(ValidationError) as error:
        set_team_members(second, [world.enrolment], by=world.users["staff"])
    message = error.value.message_dict["members"][0]
    assert "Pat Participant is already in Rough sleeping team" in message
    assert not second.memberships.exists()


def test_only_the_cohorts_active_participants_can_join(world: World, made: Challenges) -> None:
    withdrawn = _enrol(world, "Wes", EnrolmentStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="Wes Teammate cannot join"):
        set_team_members(made.team, [withdrawn], by=None)


def test_a_team_cannot_outgrow_its_challenge(world: World, made: Challenges) -> None:
    made.current.capacity = 2
    made.current.save()
    people = [_enrol(world, name) for name in ("Ann", "Bob")]
    with pytest.raises(ValidationError, match="at most 2 people"):
        set_team_members(made.team, [world.enrolment, *people], by=None)


def test_an_unsaved_team_is_created_with_its_members(world: World, made: Challenges) -> None:
    ann = _enrol(world, "Ann")
    team = set_team_members(
        ChallengeTeam(challenge=made.other, cohort=world.cohort, name="Team 7"),
        [ann],
        by=None,
        formed_by=FormedBy.GROUPING,
    )
    assert team.pk is not None
    assert team.milestones.count() == 3
    made.other.refresh_from_db()
    assert made.other.status == ChallengeStatus.IN_PROGRESS


def test_presented_enrolments_are_those_whose_team_presented(
    world: World, made: Challenges
) -> None:
    assert presented_enrolment_ids(world.cohort) == set()
    record_showcase(
        made.team,
        held_on=dt.date(2027, 6, 1),
        presentation_link="",
        outcomes_summary="Fewer people sleeping rough.",
        presented=True,
        sponsor_feedback="",
        by=world.users["staff"],
    )
    assert presented_enrolment_ids(world.cohort) == {world.enrolment.pk}
    assert made.team.milestones.get(kind=MilestoneKind.FINAL).done_on == dt.date(2027, 6, 1)
    made.current.refresh_from_db()
    assert made.current.status == ChallengeStatus.SHOWCASED


def test_a_ranking_replaces_the_previous_one(world: World, made: Challenges) -> None:
    skills = make_challenge(world, "Skills")
    rank_challenges(world.enrolment, [made.other, skills], by=world.users["participant"])
    rank_challenges(world.enrolment, [skills], by=world.users["participant"])
    ranks = list(world.enrolment.challenge_preferences.values_list("challenge__title", "rank"))
    assert ranks == [("Skills", 1)]


def test_a_ranking_refuses_duplicates_closed_challenges_and_other_cohorts(
    world: World, made: Challenges
) -> None:
    with pytest.raises(ValidationError, match="different challenge"):
        rank_challenges(world.enrolment, [made.other, made.other], by=None)
    with pytest.raises(ValidationError, match="not a challenge of 2026/27"):
        rank_challenges(world.enrolment, [made.past], by=None)
    made.other.status = ChallengeStatus.PROPOSED
    made.other.save()
    with pytest.raises(ValidationError, match="not open"):
        rank_challenges(world.enrolment, [made.other], by=None)


def test_rankings_close_when_the_cohort_is_not_running(world: World, made: Challenges) -> None:
    world.cohort.status = CohortStatus.COMPLETED
    world.cohort.save()
    world.enrolment.refresh_from_db()
    with pytest.raises(ValidationError, match="only while your cohort is running"):
        rank_challenges(world.enrolment, [made.current], by=None)
