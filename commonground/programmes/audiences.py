"""Who an activity is for: the whole cohort, or one group only.

An activity with a `group` (a learning set of a published grouping) or a `team` (a challenge
team) is for that group's members only: only they see it in their calendar and feed, only they
are on its register, get its invitations and reminders, and have it counted in their
commitment. Everything else is for the whole cohort. These are query expressions, so callers
keep their fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from commonground.challenges.models import ChallengeTeam, TeamMembership
from commonground.grouping.models import Group, Kind, Placement, Status

from .models import Activity, Cohort, Enrolment

WHOLE_COHORT = Q(group__isnull=True, team__isnull=True)


def open_to_enrolment(enrolment: Any, prefix: str = "") -> Q:
    """Activities (reached from the query through `prefix`) that an enrolment takes part in.

    `enrolment` names the enrolment from inside the Exists subqueries: an id, OuterRef("...")
    for a field of the query being filtered, or OuterRef(OuterRef("pk")) one level further out.
    """
    return (
        Q(**{f"{prefix}group__isnull": True, f"{prefix}team__isnull": True})
        | Exists(
            Placement.objects.filter(group_id=OuterRef(f"{prefix}group_id"), enrolment_id=enrolment)
        )
        | Exists(
            TeamMembership.objects.filter(
                team_id=OuterRef(f"{prefix}team_id"), enrolment_id=enrolment
            )
        )
    )


def open_to_person(person_id: int, enrolment_statuses: Any) -> Q:
    """Activities open to everyone in their cohort, or to a group this person is in."""
    return (
        WHOLE_COHORT
        | Exists(
            Placement.objects.filter(
                group_id=OuterRef("group_id"),
                enrolment__person_id=person_id,
                enrolment__status__in=enrolment_statuses,
            )
        )
        | Exists(
            TeamMembership.objects.filter(
                team_id=OuterRef("team_id"),
                enrolment__person_id=person_id,
                enrolment__status__in=enrolment_statuses,
            )
        )
    )


def members(activity: Activity) -> Q:
    """The enrolments (of its cohort) an activity is for, as a filter on Enrolment."""
    if activity.group_id is not None:
        return Q(grouping_placements__group_id=activity.group_id)
    if activity.team_id is not None:
        return Q(team_memberships__team_id=activity.team_id)
    return Q()


def audience_name(activity: Activity) -> str:
    """Who the activity is for, in words (one query for a group or team, none otherwise)."""
    if activity.group_id is not None:
        group = Group.objects.select_related("grouping").filter(pk=activity.group_id).first()
        return f"Only the learning set {group_label(group)}" if group else "The whole cohort"
    if activity.team_id is not None:
        team = ChallengeTeam.objects.filter(pk=activity.team_id).first()
        return f"Only the challenge team {team.name}" if team else "The whole cohort"
    return "The whole cohort"


def group_label(group: Group) -> str:
    grouping = group.grouping
    round_text = f", round {group.round}" if grouping.rounds > 1 else ""
    return f"{grouping.name}{round_text}: {group.name}"


def published_groups(cohort: Cohort) -> QuerySet[Group]:
    """Learning sets (and mixing-plan groups) of the cohort's published groupings.

    Published challenge-team groupings become challenge teams, which are offered as teams.
    """
    return (
        Group.objects.filter(grouping__cohort=cohort, grouping__status=Status.PUBLISHED)
        .exclude(grouping__kind=Kind.CHALLENGE_TEAMS)
        .select_related("grouping")
        .order_by("grouping__name", "grouping_id", "round", "number")
    )


def cohort_teams(cohort: Cohort) -> QuerySet[ChallengeTeam]:
    return ChallengeTeam.objects.filter(cohort=cohort).order_by("name", "pk")


def enrolment_ids_of(group: Group | None, team: ChallengeTeam | None) -> QuerySet[Enrolment]:
    """The enrolments in this group or team."""
    if group is not None:
        return Enrolment.objects.filter(grouping_placements__group=group)
    if team is not None:
        return Enrolment.objects.filter(team_memberships__team=team)
    return Enrolment.objects.none()
