"""Programmes' own part of the year (see `year`): the cohort days and completion, and what needs
attention in them: people at risk of not completing, registers not taken, missing sponsors.

Runs a fixed number of queries whatever the number of cohorts, activities or people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from commonground.lib.days import long_date
from commonground.lib.words import count_of

from .figures import cohort_figures
from .kept_standings import at_risk_by_cohort
from .models import Activity, Attendance, Cohort, CohortStatus
from .year import COHORT_DAYS, COMPLETION, Attention, Cohorts, Findings, Status, Step

RECENT = dt.timedelta(days=14)
# Completion is the next thing to do from this long before the cohort's end.
COMPLETION_WINDOW = dt.timedelta(days=42)


def _day(when: dt.date | dt.datetime) -> str:
    if isinstance(when, dt.datetime):
        when = timezone.localtime(when).date()
    return long_date(when)


def part(cohorts: Cohorts, now: dt.datetime) -> Findings:
    # A query of cohorts goes into each filter as a subquery; a list, as its ids.
    ids: Any = cohorts if isinstance(cohorts, QuerySet) else [cohort.pk for cohort in cohorts]
    live = Activity.objects.filter(cancelled_at__isnull=True)
    counts = {
        row["cohort_id"]: (row["total"], row["held"])
        for row in live.filter(cohort_id__in=ids)
        .values("cohort_id")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(starts_at__lte=now)))
        .order_by()
    }
    coming = live.filter(cohort_id=OuterRef("pk"), starts_at__gt=now).order_by("starts_at", "pk")
    upcoming = {
        row["pk"]: row
        for row in Cohort.objects.filter(pk__in=ids)
        .annotate(
            next_pk=Subquery(coming.values("pk")[:1]),
            next_title=Subquery(coming.values("title")[:1]),
            next_at=Subquery(coming.values("starts_at")[:1]),
        )
        .values("pk", "next_pk", "next_title", "next_at")
    }
    figures = {entry.cohort.pk: entry for entry in cohort_figures(cohorts)}
    found = Findings()  # what needs attention is `attention`'s, below
    today = timezone.localdate(now)
    for cohort in cohorts:
        total, held = counts.get(cohort.pk, (0, 0))
        found.steps.append(_days(cohort, total, held, upcoming.get(cohort.pk, {})))
        found.steps.append(_completion(cohort, figures[cohort.pk].active, today))
    return found


def attention(cohorts: Cohorts, now: dt.datetime) -> list[Attention]:
    """What needs attention in these cohorts (see `year.concerns_in`): people at risk (from
    their kept standings), registers not taken, participants without a sponsor or over the
    cohort's places, for each cohort in turn."""
    figures = {entry.cohort.pk: entry for entry in cohort_figures(cohorts)}
    ids: Any = cohorts if isinstance(cohorts, QuerySet) else [cohort.pk for cohort in cohorts]
    unregistered = {
        row["cohort_id"]: row
        for row in Activity.objects.filter(
            cohort_id__in=ids, cancelled_at__isnull=True, starts_at__range=(now - RECENT, now)
        )
        .exclude(Exists(Attendance.objects.filter(activity=OuterRef("pk"))))
        .values("cohort_id")
        .annotate(number=Count("pk"), first=Min("pk"))
        .order_by()
    }
    at_risk = at_risk_by_cohort(cohorts, now)
    found: list[Attention] = []
    for cohort in cohorts:
        # Only what there is to see: a cohort with nothing to act on costs no link to build.
        risk = at_risk.get(cohort.pk, 0)
        missing = unregistered.get(cohort.pk)
        unsponsored = figures[cohort.pk].unsponsored
        over = max(figures[cohort.pk].places_taken - cohort.capacity, 0)
        if not (risk or missing or unsponsored or over):
            continue
        page = reverse("programmes:cohort", args=[cohort.pk])
        found.append(
            Attention(
                cohort.pk,
                risk,
                "participant at risk of not completing",
                "participants at risk of not completing",
                page + "#at-risk",
            )
        )
        if missing:
            found.append(
                Attention(
                    cohort.pk,
                    missing["number"],
                    "activity in the last fortnight with no register",
                    "activities in the last fortnight with no register",
                    reverse("programmes:activity", args=[missing["first"]]) + "#register",
                )
            )
        found.append(
            Attention(
                cohort.pk,
                unsponsored,
                "participant without a sponsor",
                "participants without a sponsor",
                page,
            )
        )
        found.append(
            Attention(
                cohort.pk,
                over,
                f"participant over the cohort's {cohort.capacity} places",
                f"participants over the cohort's {cohort.capacity} places",
                page,
            )
        )
    return found


def _days(cohort: Cohort, total: int, held: int, upcoming: Mapping[str, Any]) -> Step:
    title = "Cohort days"
    if not total:
        planning = cohort.status != CohortStatus.RUNNING
        return Step(
            cohort.pk,
            COHORT_DAYS,
            title,
            Status.NOT_YET if planning else Status.ATTENTION,
            "No activities are planned yet.",
            reverse("programmes:activity_new", args=[cohort.pk]),
            "Plan the cohort days",
        )
    next_pk = upcoming.get("next_pk")
    next_at = upcoming.get("next_at")
    following = ""
    if next_pk and isinstance(next_at, dt.datetime):
        following = f" Next: {upcoming['next_title']}, {_day(next_at)}."
    link = reverse("programmes:activity", args=[next_pk]) if next_pk else ""
    if held >= total:
        return Step(
            cohort.pk, COHORT_DAYS, title, Status.DONE, f"All {count_of(total, 'activity')} held."
        )
    status = Status.IN_PROGRESS if held else Status.NOT_YET
    return Step(
        cohort.pk,
        COHORT_DAYS,
        title,
        status,
        f"{held} of {count_of(total, 'activity')} held.{following}",
        link,
        "See the next activity",
    )


def _completion(cohort: Cohort, active: int, today: dt.date) -> Step:
    title = "Completion"
    link = reverse("programmes:completion", args=[cohort.pk])
    if cohort.status == CohortStatus.COMPLETED or (
        cohort.status == CohortStatus.RUNNING and not active and today > cohort.ends_on
    ):
        return Step(
            cohort.pk, COMPLETION, title, Status.DONE, "Every participant's completion is decided."
        )
    if cohort.status == CohortStatus.RUNNING and today >= cohort.ends_on - COMPLETION_WINDOW:
        status = Status.ATTENTION if today > cohort.ends_on else Status.IN_PROGRESS
        return Step(
            cohort.pk,
            COMPLETION,
            title,
            status,
            f"The cohort ends on {_day(cohort.ends_on)}; "
            f"{count_of(active, 'participant')} still to decide.",
            link,
            "Confirm who completed",
        )
    return Step(
        cohort.pk,
        COMPLETION,
        title,
        Status.NOT_YET,
        f"When the cohort ends, on {_day(cohort.ends_on)}.",
        link,
        "See the completion rules",
    )
