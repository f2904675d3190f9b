"""Evaluation's part of a cohort's year (see `programmes.year`): each survey wave on the staff
home, raters waiting for approval, and the surveys waiting for a participant.

Registered from `EvaluationConfig.ready()`; a fixed number of queries whatever the numbers.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from commonground.lib.days import long_date
from commonground.programmes.models import Cohort, CohortStatus
from commonground.programmes.year import SURVEYS, Attention, Cohorts, Findings, Status, Step, Task

from .models import Nomination, NominationStatus, SurveyResponse, Wave


def _day(day: dt.date) -> str:
    return long_date(day)


def part(cohorts: Cohorts, now: dt.datetime) -> Findings:
    today = timezone.localdate(now)
    waves = list(
        Wave.objects.filter(cohort__in=cohorts)
        .annotate(
            asked=Count("responses", filter=Q(responses__rater_type="self")),
            answered=Count(
                "responses",
                filter=Q(responses__rater_type="self", responses__submitted_at__isnull=False),
            ),
        )
        .order_by("cohort_id", "opens_on", "pk")
    )
    by_cohort: dict[int, list[Wave]] = {}
    for counted in waves:
        by_cohort.setdefault(counted.cohort_id, []).append(counted)
    found = Findings()
    for cohort in cohorts:
        plan = reverse("evaluation:plan", args=[cohort.pk])
        mine = by_cohort.get(cohort.pk, [])
        for number, wave in enumerate(mine):
            found.steps.append(_wave_step(cohort, wave, SURVEYS + number, today, plan))
        if not mine:
            found.steps.append(
                Step(
                    cohort.pk,
                    SURVEYS,
                    "Surveys",
                    Status.ATTENTION if cohort.status == CohortStatus.RUNNING else Status.NOT_YET,
                    "No survey waves are planned.",
                    plan,
                    "Plan the surveys",
                )
            )
    return found  # what needs attention is `attention`'s, below


def attention(cohorts: Cohorts, now: dt.datetime) -> list[Attention]:
    """Raters waiting for approval in each cohort, without the waves' steps."""
    pending = dict(
        Nomination.objects.filter(enrolment__cohort__in=cohorts, status=NominationStatus.PENDING)
        .values_list("enrolment__cohort_id")
        .annotate(number=Count("pk"))
        .values_list("enrolment__cohort_id", "number")
        .order_by()
    )
    return [
        Attention(
            cohort.pk,
            pending.get(cohort.pk, 0),
            "rater waiting for approval",
            "raters waiting for approval",
            reverse("evaluation:plan", args=[cohort.pk]),
        )
        for cohort in cohorts
        if pending.get(cohort.pk)  # a cohort with none costs no link to build
    ]


def _wave_step(cohort: Cohort, wave: Wave, order: int, today: dt.date, plan: str) -> Step:
    title = f"{wave.get_kind_display()} survey"
    answered = getattr(wave, "answered", 0)
    asked = getattr(wave, "asked", 0)
    if today < wave.opens_on:
        return Step(
            cohort.pk,
            order,
            title,
            Status.NOT_YET,
            f"Opens on {_day(wave.opens_on)}, closes on {_day(wave.closes_on)}.",
            plan,
            "See the survey plan",
        )
    if today > wave.closes_on:
        return Step(
            cohort.pk,
            order,
            title,
            Status.DONE,
            f"Closed on {_day(wave.closes_on)}: {answered} of {asked} participants answered.",
        )
    if wave.invited_at is None:
        return Step(
            cohort.pk,
            order,
            title,
            Status.ATTENTION,
            f"Open until {_day(wave.closes_on)}, but nobody has been invited.",
            plan,
            "See the survey plan",
        )
    return Step(
        cohort.pk,
        order,
        title,
        Status.IN_PROGRESS,
        f"Open until {_day(wave.closes_on)}: {answered} of {asked} participants answered.",
        plan,
        "See who has answered",
    )


def participant_tasks(person_id: int, cohort_ids: set[int], now: dt.datetime) -> list[Task]:
    """The participant's own surveys that are open and not yet sent in."""
    today = timezone.localdate(now)
    waiting = SurveyResponse.objects.filter(
        rater_type="self",
        enrolment__person_id=person_id,
        enrolment__cohort_id__in=cohort_ids,
        submitted_at__isnull=True,
        wave__opens_on__lte=today,
        wave__closes_on__gte=today,
    ).select_related("wave")
    return [
        Task(
            f"Answer the {response.wave.get_kind_display().lower()} survey",
            f"Open until {_day(response.wave.closes_on)}."
            + (" Your answers so far are saved." if response.saved_at else ""),
            reverse("evaluation:survey", args=[response.pk]),
            response.wave.closes_on,
        )
        for response in waiting
    ]
