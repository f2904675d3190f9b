"""Grouping's part of a cohort's year on the staff home (see `programmes.year`): the learning
sets and the challenge teams, and groupings that failed to run.

Registered from `GroupingConfig.ready()`; two queries whatever the number of cohorts, and one
for what needs attention in cohorts the page counts but does not show.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from commonground.challenges.models import ChallengeTeam
from commonground.programmes.models import Cohort, CohortStatus
from commonground.programmes.year import GROUPINGS, Attention, Cohorts, Findings, Status, Step

from .models import Grouping, Kind
from .models import Status as GroupingStatus

WORKING = (GroupingStatus.DRAFT, GroupingStatus.QUEUED, GroupingStatus.RUNNING)


def part(cohorts: Cohorts, now: dt.datetime) -> Findings:
    found_rows: dict[tuple[int, str], dict[str, int]] = {}
    for cohort_id, kind, status, number in (
        Grouping.objects.filter(cohort__in=cohorts)
        .values_list("cohort_id", "kind", "status")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        found_rows.setdefault((cohort_id, kind), {})[status] = number
    teams = dict(
        ChallengeTeam.objects.filter(cohort__in=cohorts)
        .values_list("cohort_id")
        .annotate(number=Count("pk"))
        .values_list("cohort_id", "number")
        .order_by()
    )
    found = Findings()
    for cohort in cohorts:
        page = reverse("grouping:cohort_groupings", args=[cohort.pk])
        for offset, kind, title in (
            (0, Kind.LEARNING_SETS, "Learning sets"),
            (1, Kind.CHALLENGE_TEAMS, "Challenge teams"),
        ):
            rows = found_rows.get((cohort.pk, kind), {})
            by_hand = teams.get(cohort.pk, 0) if kind == Kind.CHALLENGE_TEAMS else 0
            found.steps.append(_step(cohort, GROUPINGS + offset, title, rows, by_hand, page))
        failed = sum(
            found_rows.get((cohort.pk, kind), {}).get(GroupingStatus.FAILED, 0) for kind in Kind
        )
        found.attention.append(
            Attention(
                cohort.pk,
                failed,
                "grouping that failed to run",
                "groupings that failed to run",
                page,
            )
        )
    return found


def attention(cohorts: Cohorts, now: dt.datetime) -> list[Attention]:
    """The groupings that failed to run, by cohort: only failed groupings are read, and a link is
    built only for a cohort that has one."""
    failed = dict(
        Grouping.objects.filter(cohort__in=cohorts, status=GroupingStatus.FAILED)
        .values_list("cohort_id")
        .annotate(number=Count("pk"))
        .values_list("cohort_id", "number")
        .order_by()
    )
    return [
        Attention(
            cohort_id,
            number,
            "grouping that failed to run",
            "groupings that failed to run",
            reverse("grouping:cohort_groupings", args=[cohort_id]),
        )
        for cohort_id, number in sorted(failed.items())
    ]


def _step(
    cohort: Cohort, order: int, title: str, rows: dict[str, int], teams: int, page: str
) -> Step:
    if rows.get(GroupingStatus.PUBLISHED) or teams:
        return Step(cohort.pk, order, title, Status.DONE, "Published to the cohort.")
    if rows.get(GroupingStatus.READY):
        return Step(
            cohort.pk,
            order,
            title,
            Status.IN_PROGRESS,
            "Worked out and ready to publish.",
            page,
            f"Check and publish the {title.lower()}",
        )
    if any(rows.get(status) for status in WORKING):
        return Step(
            cohort.pk,
            order,
            title,
            Status.IN_PROGRESS,
            "Being worked out.",
            page,
            f"See the {title.lower()}",
        )
    if rows.get(GroupingStatus.FAILED):
        return Step(
            cohort.pk,
            order,
            title,
            Status.ATTENTION,
            "The grouping failed to run.",
            page,
            f"See the {title.lower()}",
        )
    return Step(
        cohort.pk,
        order,
        title,
        Status.NOT_YET,
        "Not made yet." if cohort.status == CohortStatus.RUNNING else "Once the cohort is chosen.",
        reverse("grouping:grouping_new", args=[cohort.pk]),
        f"Make the {title.lower()}",
    )
