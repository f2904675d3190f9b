"""Challenges' part of a cohort's year on the staff home (see `programmes.year`): the showcase,
and the milestones of the 100-day plans that are overdue.

Registered from `ChallengesConfig.ready()`; two queries whatever the number of cohorts, and one
for what needs attention in cohorts the page counts but does not show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from commonground.lib.words import count_of
from commonground.programmes.models import Cohort
from commonground.programmes.year import SHOWCASE, Attention, Cohorts, Findings, Status, Step

from .models import ChallengeTeam, Milestone


def part(cohorts: Cohorts, now: dt.datetime) -> Findings:
    today = timezone.localdate(now)
    teams = {
        row["cohort_id"]: row
        for row in ChallengeTeam.objects.filter(cohort__in=cohorts)
        .values("cohort_id")
        .annotate(
            teams=Count("pk"),
            presented=Count("pk", filter=Q(showcase__presented=True)),
            first_day=Min("showcase__held_on"),
        )
        .order_by()
    }
    overdue = _overdue(cohorts, today)
    found = Findings()
    for cohort in cohorts:
        page = reverse("challenges:cohort_challenges", args=[cohort.pk])
        found.steps.append(_showcase(cohort, teams.get(cohort.pk), today, page))
        found.attention.append(
            Attention(
                cohort.pk,
                overdue.get(cohort.pk, 0),
                "challenge milestone overdue",
                "challenge milestones overdue",
                page,
            )
        )
    return found


def attention(cohorts: Cohorts, now: dt.datetime) -> list[Attention]:
    """The overdue milestones by cohort, with a link built only for a cohort that has some."""
    return [
        Attention(
            cohort_id,
            number,
            "challenge milestone overdue",
            "challenge milestones overdue",
            reverse("challenges:cohort_challenges", args=[cohort_id]),
        )
        for cohort_id, number in sorted(_overdue(cohorts, timezone.localdate(now)).items())
    ]


def _overdue(cohorts: Cohorts, today: dt.date) -> dict[int, int]:
    return dict(
        Milestone.objects.filter(team__cohort__in=cohorts, due_on__lt=today, done_on__isnull=True)
        .values_list("team__cohort_id")
        .annotate(number=Count("pk"))
        .values_list("team__cohort_id", "number")
        .order_by()
    )


def _showcase(cohort: Cohort, row: Mapping[str, Any] | None, today: dt.date, page: str) -> Step:
    title = "Showcase"
    if not row:
        return Step(
            cohort.pk,
            SHOWCASE,
            title,
            Status.NOT_YET,
            "No challenge teams yet.",
            page,
            "See the challenges",
        )
    teams: int = row["teams"]
    presented: int = row["presented"]
    if presented >= teams:
        return Step(cohort.pk, SHOWCASE, title, Status.DONE, f"Every team has presented ({teams}).")
    first_day = row["first_day"]
    when = (
        f" The first showcase is on {date_format(first_day, 'j F Y')}."
        if isinstance(first_day, dt.date) and first_day >= today
        else ""
    )
    status = Status.IN_PROGRESS if presented else Status.NOT_YET
    return Step(
        cohort.pk,
        SHOWCASE,
        title,
        status,
        f"{presented} of {count_of(teams, 'team')} presented.{when}",
        page,
        "See the challenge teams",
    )
