"""The challenge teams of a cohort, for `programmes.shared_groups`."""

from __future__ import annotations

from collections.abc import Iterator

from commonground.programmes.models import Cohort

from .models import TeamMembership


def team_members(cohort: Cohort) -> Iterator[tuple[str, int]]:
    members = TeamMembership.objects.filter(team__cohort=cohort).values_list(
        "team_id", "enrolment__person_id"
    )
    for team_id, person_id in members:
        yield str(team_id), person_id
