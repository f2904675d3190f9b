"""The library's export: the challenges as filtered, one row per team (staff, facilitators)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.http import HttpRequest
from django.utils.text import slugify

from commonground.exports.registry import Params, Sheet, register
from commonground.lib.access import Level, require
from commonground.programmes.models import Cohort

from .access import get_library
from .forms import LibraryFilter
from .library_search import filtered_challenges
from .models import Challenge, ChallengeTeam, Theme
from .teams import teams_of

# Challenges read at a time, each batch with its teams in a fixed number of queries.
BATCH = 200

EXPORT_HEADERS = (
    "Year",
    "Challenge",
    "Theme",
    "Status",
    "Owner",
    "Owner's organisation",
    "Organisations involved",
    "Problem statement",
    "Team",
    "Members",
    "Presented",
    "Showcase date",
    "Team outcomes",
    "Challenge outcomes",
)


def library(request: HttpRequest, params: Params) -> Sheet:
    programme, level = get_library(request, params["programme"])
    require(level, Level.READ)
    form = LibraryFilter(params, cohorts=list(Cohort.objects.filter(programme=programme)))
    challenges = filtered_challenges(programme, form).prefetch_related("organisations")

    def rows() -> Iterator[tuple[Any, ...]]:
        found = challenges.iterator(chunk_size=BATCH)
        while batch := list(islice(found, BATCH)):
            teams: dict[int, list[ChallengeTeam]] = {}
            for team in teams_of([c.pk for c in batch]):
                teams.setdefault(team.challenge_id, []).append(team)
            yield from _rows(batch, teams)

    return Sheet(
        f"Challenges {programme.name}",
        f"{slugify(programme.name)}-challenges",
        EXPORT_HEADERS,
        rows,
        challenges.count,
    )


def _rows(
    challenges: list[Challenge], teams: dict[int, list[ChallengeTeam]]
) -> Iterator[tuple[Any, ...]]:
    for challenge in challenges:
        owner = challenge.owner
        base = (
            challenge.cohort.name if challenge.cohort else "Standing",
            challenge.title,
            Theme(challenge.theme).label,
            challenge.get_status_display(),
            owner.name if owner else "",
            owner.organisation.name if owner and owner.organisation else "",
            "; ".join(o.name for o in challenge.organisations.all()),
            challenge.problem_statement,
        )
        listed: list[ChallengeTeam | None] = [*teams.get(challenge.pk, [])] or [None]
        for team in listed:
            showcase = getattr(team, "showcase", None) if team else None
            yield (
                *base,
                team.name if team else "",
                "; ".join(m.enrolment.person.name for m in team.memberships.all()) if team else "",
                ("Yes" if showcase.presented else "No") if showcase else "",
                showcase.held_on if showcase else None,
                showcase.outcomes_summary if showcase else "",
                challenge.outcomes,
            )


def register_exports() -> None:
    register("challenges.library", library)
