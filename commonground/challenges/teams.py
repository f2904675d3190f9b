"""Challenge teams as their pages and the API show them: members, organisations and showcase."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Challenge, ChallengeTeam, TeamMembership


def teams_of(challenges: QuerySet[Challenge] | list[int]) -> QuerySet[ChallengeTeam]:
    """Teams with their members (and organisations) and showcase, in a fixed number of queries."""
    teams = ChallengeTeam.objects.select_related("cohort", "showcase").prefetch_related(
        Prefetch(
            "memberships",
            TeamMembership.objects.select_related("enrolment__person__organisation").order_by(
                "-role", "enrolment__person__last_name", "enrolment__person__first_name"
            ),
        )
    )
    return teams.filter(challenge__in=challenges).order_by("cohort__starts_on", "name", "pk")
