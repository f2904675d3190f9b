"""The demo's groupings of the running cohort, worked out by the engine with a fixed seed.

Published learning sets (eight sets mixing organisations, sectors and areas); published challenge
teams from the participants' ranked choices, which become the cohort's challenge teams; and a
three-round peer-coaching mixing plan, worked out but not yet published.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.challenges.models import ChallengeTeam, FormedBy, TeamMembership
from commonground.programmes.models import Cohort, CohortStatus

from .compute import CannotRun, InfeasibleRules, compute
from .models import Group, Grouping, Kind, Placement, Status, default_rules
from .services import save_result

SLUG = "leading-greater-essex"
STAFF_EMAIL = "staff@demo.commonground.example"
SEED = 2026
TIME_LIMIT = 1


def _running_cohort() -> Cohort | None:
    return (
        Cohort.objects.filter(programme__slug=SLUG, status=CohortStatus.RUNNING)
        .order_by("-starts_on")
        .first()
    )


@transaction.atomic
def seed() -> str | None:
    cohort = _running_cohort()
    if cohort is None or Grouping.objects.filter(cohort=cohort).exists():
        return None
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    made = []
    sets = _grouping(cohort, staff, Kind.LEARNING_SETS, "Learning sets", group_count=8)
    if _run(sets):
        _publish(sets)
        made.append(f"{sets.groups.count()} published learning sets")
    teams = _grouping(cohort, staff, Kind.CHALLENGE_TEAMS, "Challenge teams")
    if _run(teams):
        _publish(teams)
        _form_teams(teams)
        made.append(f"{teams.groups.count()} published challenge teams")
    else:
        made.append(f"no challenge teams ({teams.error_message})")
    plan = _grouping(
        cohort, staff, Kind.MIXING_PLAN, "Peer coaching through the year", group_count=8, rounds=3
    )
    if _run(plan):
        made.append("a 3-round mixing plan, not yet published")
    return f"Grouped {cohort}: " + ", ".join(made) + "."


def _grouping(
    cohort: Cohort,
    staff: User | None,
    kind: str,
    name: str,
    *,
    group_count: int | None = None,
    rounds: int = 1,
) -> Grouping:
    return Grouping.objects.create(
        cohort=cohort,
        kind=kind,
        name=name,
        group_count=group_count,
        rounds=rounds,
        rules=default_rules(),
        seed=SEED,
        time_limit=TIME_LIMIT,
        created_by=staff,
    )


def _run(grouping: Grouping) -> bool:
    """Work the grouping out now, as the background task would; a failure is kept on the row."""
    try:
        result = compute(grouping)
    except (InfeasibleRules, CannotRun) as problem:
        grouping.status = Status.FAILED
        grouping.error_message = str(problem)
        grouping.save(update_fields=["status", "error_message"])
        return False
    save_result(grouping, result)
    return True


def _publish(grouping: Grouping) -> None:
    Grouping.objects.filter(pk=grouping.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now()
    )


def _form_teams(grouping: Grouping) -> None:
    """The cohort's challenge teams take the engine's members (leads who stay keep their role).

    Written in bulk without audit entries or emails, as every demo step is.
    """
    groups = list(
        Group.objects.filter(grouping=grouping, challenge__isnull=False).select_related("challenge")
    )
    members: dict[int, list[int]] = {g.challenge_id: [] for g in groups if g.challenge_id}
    for challenge_id, enrolment_id in Placement.objects.filter(
        group__grouping=grouping
    ).values_list("group__challenge_id", "enrolment_id"):
        members[challenge_id].append(enrolment_id)
    teams = {
        team.challenge_id: team
        for team in ChallengeTeam.objects.filter(cohort=grouping.cohort_id).order_by("-pk")
    }
    for group in groups:
        assert group.challenge is not None
        team = teams.get(group.challenge.pk)
        if team is None:
            team = ChallengeTeam.objects.create(
                challenge=group.challenge, cohort_id=grouping.cohort_id, name=group.challenge.title
            )
        leads = set(
            TeamMembership.objects.filter(team=team, role="lead").values_list(
                "enrolment_id", flat=True
            )
        )
        TeamMembership.objects.filter(team=team).delete()
        TeamMembership.objects.bulk_create(
            TeamMembership(team=team, enrolment_id=e, role="lead" if e in leads else "member")
            for e in members[group.challenge.pk]
        )
        ChallengeTeam.objects.filter(pk=team.pk).update(formed_by=FormedBy.GROUPING)
