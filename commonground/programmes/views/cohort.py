"""A cohort's overview: key dates, counts and what needs doing next; staff edit the cohort.

Each part of the year has its own page (views/cohort_parts.py and the other apps' cohort
pages), reached from the cohort's sub-navigation (templates/programmes/includes/cohort_nav.html).
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from commonground.audit.log import history, save_form
from commonground.lib.access import Level, get_cohort, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.forms import CohortForm
from commonground.programmes.models import (
    Activity,
    Attendance,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
)

from . import delivery


@dataclass(frozen=True)
class NextStep:
    """One thing that needs doing, said in words, with where to do it."""

    text: str
    url: str
    link: str


@login_required
def cohort(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk)
    viewer = load_viewer(request)
    level = viewer.cohort_level(cohort)
    visible = Activity.objects.visible_to(viewer).filter(cohort=cohort, cancelled_at__isnull=True)
    now = timezone.now()
    context: dict[str, Any] = {
        "cohort": cohort,
        "sees_everything": level >= Level.READ,
        "may_change": level >= Level.WRITE,
        "next_activity": visible.filter(ends_at__gte=now).first(),
        "activity_counts": visible.aggregate(
            planned=Count("pk"), held=Count("pk", filter=Q(ends_at__lt=now))
        ),
    }
    if level >= Level.READ:
        context |= _for_staff(cohort, level, context)
    else:
        context |= delivery.for_cohort(cohort, level, viewer.person_id)
        own = context.get("own_progress")
        context["own"] = own.enrolment if own else None
        context["members"] = Enrolment.objects.visible_to(viewer).filter(cohort=cohort).count()
    return render(request, "programmes/cohort.html", context)


def _for_staff(cohort: Cohort, level: Level, context: dict[str, Any]) -> dict[str, Any]:
    by_status = dict(
        Enrolment.objects.filter(cohort=cohort)
        .values_list("status")
        .annotate(people=Count("pk"))
        .order_by()
    )
    at_risk = delivery.for_cohort(cohort, level, None)["at_risk"]
    unmarked = (
        Activity.objects.filter(
            cohort=cohort,
            cancelled_at__isnull=True,
            ends_at__lt=timezone.now(),
            starts_at__date__gte=cohort.starts_on,
        )
        .exclude(Exists(Attendance.objects.filter(activity=OuterRef("pk"))))
        .count()
    )
    counts = [
        (EnrolmentStatus(status).label, by_status.get(status, 0))
        for status in EnrolmentStatus.values
    ]
    active = by_status.get(EnrolmentStatus.ACTIVE, 0)
    return {
        "counts": counts,
        "active": active,
        "at_risk_count": len(at_risk),
        "next_steps": _next_steps(cohort, level, active, len(at_risk), unmarked, context),
        "history": list(history(cohort)) if level >= Level.WRITE else None,
    }


def _next_steps(
    cohort: Cohort,
    level: Level,
    active: int,
    at_risk: int,
    unmarked: int,
    context: dict[str, Any],
) -> list[NextStep]:
    """What staff and facilitators should turn to next, most pressing first."""
    steps: list[NextStep] = []
    attendance = reverse("programmes:cohort_attendance", args=[cohort.pk])
    if unmarked:
        steps.append(
            NextStep(
                f"{count_of(unmarked, 'past activity has', 'past activities have')} "
                "no register marks yet.",
                attendance,
                "Take the registers",
            )
        )
    if at_risk:
        steps.append(
            NextStep(
                f"{count_of(at_risk, 'participant is', 'participants are')} at risk of not "
                "completing.",
                attendance + "#at-risk",
                "See who is at risk and why",
            )
        )
    if level >= Level.WRITE and not active and cohort.status != CohortStatus.COMPLETED:
        steps.append(
            NextStep(
                "No one is on the programme yet.",
                reverse("programmes:enrolment_new", args=[cohort.pk]),
                "Enrol a participant",
            )
        )
    if not context["activity_counts"]["planned"] and level >= Level.WRITE:
        steps.append(
            NextStep(
                "No activities are planned yet.",
                reverse("programmes:cohort_calendar", args=[cohort.pk]),
                "Plan the calendar",
            )
        )
    ending = cohort.ends_on <= timezone.localdate() + dt.timedelta(days=31)
    if ending and active and cohort.status == CohortStatus.RUNNING:
        steps.append(
            NextStep(
                f"The cohort ends on {cohort.ends_on:%-d %B %Y} and "
                f"{count_of(active, 'participant is', 'participants are')} still active.",
                reverse("programmes:completion", args=[cohort.pk]),
                "Check completion",
            )
        )
    return steps


@login_required
def cohort_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    # The form gets its own copy so a rejected change does not show in the page's headings.
    form = CohortForm(request.POST or None, instance=copy(cohort), programme=cohort.programme)
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user, "programmes.cohort.changed")
        messages.success(request, "Cohort saved.")
        return redirect(cohort)
    return render(
        request,
        "programmes/cohort_form.html",
        {"programme": cohort.programme, "cohort": cohort, "form": form},
    )
