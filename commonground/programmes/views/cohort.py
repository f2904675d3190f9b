"""A cohort: its participants, their mix, the calendar and attendance; staff edit it."""

from __future__ import annotations

from collections import Counter
from copy import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history, save_form
from commonground.directory.models import Area
from commonground.lib.access import Level, Viewer, get_cohort, load_viewer
from commonground.lib.charts import BarChart, bar_chart
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.forms import CohortForm
from commonground.programmes.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
)

from ..figures import attendance_rates
from . import delivery

NO_ORGANISATION = "No organisation recorded"


@login_required
def cohort(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk)
    viewer = load_viewer(request)
    level = viewer.cohort_level(cohort)
    activities = list(Activity.objects.visible_to(viewer).filter(cohort=cohort))
    context: dict[str, Any] = {
        "cohort": cohort,
        "activities": activities,
        "sees_everything": level >= Level.READ,
        "may_change": level >= Level.WRITE,
    }
    if level >= Level.READ:
        context |= _everything(cohort, activities)
        if level >= Level.WRITE:
            context["history"] = list(history(cohort))
    else:
        context |= _for_members(cohort, viewer)
    context |= delivery.for_cohort(cohort, level, viewer.person_id)
    return render(request, "programmes/cohort.html", context)


def _people(cohort: Cohort) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(cohort=cohort).select_related("person__organisation", "sponsor")
    )


def _for_members(cohort: Cohort, viewer: Viewer) -> dict[str, Any]:
    """Fellow participants' names, job titles and organisations; a status only for oneself."""
    enrolments = list(
        Enrolment.objects.visible_to(viewer)
        .filter(cohort=cohort)
        .select_related("person__organisation", "sponsor")
    )
    own = next((e for e in enrolments if e.person_id == viewer.person_id), None)
    return {"enrolments": enrolments, "own": own}


@dataclass
class ActivityMarks:
    activity: Activity
    counts: dict[str, int]

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in AttendanceStatus.values]


def _everything(cohort: Cohort, activities: list[Activity]) -> dict[str, Any]:
    enrolments = _people(cohort)
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Attendance.objects.filter(activity__cohort=cohort)
        .values("activity_id", "status")
        .annotate(people=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["activity_id"], {})[row["status"]] = row["people"]
    rates = attendance_rates(enrolment.pk for enrolment in enrolments)
    in_place = [
        enrolment for enrolment in enrolments if enrolment.status in EnrolmentStatus.TAKING_A_PLACE
    ]
    return {
        "enrolments": enrolments,
        "charts": _mix(in_place),
        "marks": [ActivityMarks(activity, counts.get(activity.pk, {})) for activity in activities],
        "statuses": AttendanceStatus.labels,
        "rates": [(enrolment, rates[enrolment.pk]) for enrolment in enrolments],
    }


def _mix(enrolments: list[Enrolment]) -> list[BarChart]:
    """How the cohort mixes sectors, places and organisations: the point of the programme."""
    sectors: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    organisations: Counter[str] = Counter()
    for enrolment in enrolments:
        organisation = enrolment.person.organisation
        if organisation is None:
            organisations[NO_ORGANISATION] += 1
            continue
        # A sector's value is its plain-English name ("Police and justice").
        sectors[organisation.sector] += 1
        areas[Area(organisation.area).label] += 1
        organisations[organisation.label] += 1
    return [
        bar_chart("Participants by sector", sectors.items()),
        bar_chart("Participants by area", areas.items()),
        bar_chart("Participants by organisation", organisations.items()),
    ]


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
