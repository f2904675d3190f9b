"""What publishing (or unpublishing) a grouping will do, for the check page before it happens:
who will see the groups, who is emailed and with what text, and which other grouping of the same
kind is unpublished. `services.publish` and `services.unpublish` do it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.urls import reverse

from commonground.challenges.models import ChallengeTeam, TeamMembership, TeamRole
from commonground.lib.checks import EmailPreview
from commonground.programmes.models import EnrolmentStatus

from .models import Grouping, Kind, Placement
from .services import published_alongside


@dataclass
class Publication:
    people: int  # everyone with a place who is placed in one of the groups
    replaced: list[Grouping] = field(default_factory=list)
    emails: list[EmailPreview] = field(default_factory=list)


def placed_people(grouping: Grouping) -> int:
    return (
        Placement.objects.filter(
            group__grouping=grouping, enrolment__status__in=EnrolmentStatus.TAKING_A_PLACE
        )
        .values("enrolment")
        .distinct()
        .count()
    )


def publication(grouping: Grouping) -> Publication:
    found = Publication(placed_people(grouping), published_alongside(grouping))
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        preview = _team_email(grouping)
        if preview is not None:
            found.emails.append(preview)
    return found


def _team_email(grouping: Grouping) -> EmailPreview | None:
    """Publishing challenge teams emails each person who joins a team they were not yet in
    (`challenges.services.set_team_members`): their team mates and the challenge's owner."""
    placements = list(
        Placement.objects.filter(group__grouping=grouping, group__challenge__isnull=False)
        .select_related("group__challenge__owner__organisation", "enrolment__person__organisation")
        .order_by("group__number", "enrolment__person__last_name", "enrolment__person__first_name")
    )
    challenges = {p.group.challenge_id for p in placements if p.group.challenge_id is not None}
    teams: dict[int, ChallengeTeam] = {}
    for team in ChallengeTeam.objects.filter(
        cohort=grouping.cohort_id, challenge_id__in=challenges
    ).order_by("pk"):
        teams[team.challenge_id] = team  # the newest, as publishing uses
    already = set(
        TeamMembership.objects.filter(team__in=list(teams.values())).values_list(
            "team__challenge_id", "enrolment_id"
        )
    )
    joining = [
        p
        for p in placements
        if (p.group.challenge_id, p.enrolment_id) not in already and p.enrolment.person.email
    ]
    if not joining:
        return None
    first = joining[0]
    challenge = first.group.challenge
    assert challenge is not None
    found = teams.get(challenge.pk)
    mates = [
        SimpleNamespace(enrolment=p.enrolment, role=TeamRole.MEMBER)
        for p in placements
        if p.group_id == first.group_id and p.pk != first.pk
    ]
    context = {
        "person": first.enrolment.person,
        "team": found or SimpleNamespace(name=challenge.title),
        "challenge": challenge,
        "owner": challenge.owner,
        "mates": mates,
        "role": TeamRole.MEMBER.label,
        "team_path": reverse("challenges:team", args=[found.pk])
        if found
        else reverse("challenges:challenge", args=[challenge.pk]),
    }
    return EmailPreview.of(
        "Your challenge team",
        [f"{p.enrolment.person.name} ({p.enrolment.person.email})" for p in joining],
        "challenge-team-formed",
        context,
    )
