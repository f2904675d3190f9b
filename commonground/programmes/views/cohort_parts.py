"""The parts of a cohort's year, each on its own page: participants, calendar and attendance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from commonground.directory.models import Area
from commonground.lib.access import Level, get_cohort, load_viewer
from commonground.lib.charts import BarChart, bar_chart
from commonground.lib.http import AuthenticatedRequest
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


def _enrolments(cohort: Cohort) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(cohort=cohort).select_related("person__organisation", "sponsor")
    )


@login_required
def participants(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff and facilitators see everyone with status and sponsor, and the cohort's mix; members
    see fellow participants' names, job titles and organisations, and a status only for
    themselves."""
    cohort = get_cohort(request, pk)
    viewer = load_viewer(request)
    level = viewer.cohort_level(cohort)
    context: dict[str, Any] = {
        "cohort": cohort,
        "sees_everything": level >= Level.READ,
        "may_change": level >= Level.WRITE,
    }
    if level >= Level.READ:
        enrolments = _enrolments(cohort)
        in_place = [e for e in enrolments if e.status in EnrolmentStatus.TAKING_A_PLACE]
        context |= {"enrolments": enrolments, "charts": _mix(in_place)}
    else:
        enrolments = list(
            Enrolment.objects.visible_to(viewer)
            .filter(cohort=cohort)
            .select_related("person__organisation", "sponsor")
        )
        own = next((e for e in enrolments if e.person_id == viewer.person_id), None)
        context |= {"enrolments": enrolments, "own": own}
    return render(request, "programmes/cohort_participants.html", context)


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
def calendar(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The cohort's activities that the viewer takes part in or runs, in date order."""
    cohort = get_cohort(request, pk)
    viewer = load_viewer(request)
    level = viewer.cohort_level(cohort)
    activities = list(Activity.objects.visible_to(viewer).filter(cohort=cohort))
    return render(
        request,
        "programmes/cohort_calendar.html",
        {
            "cohort": cohort,
            "activities": activities,
            "sees_everything": level >= Level.READ,
            "may_change": level >= Level.WRITE,
        },
    )


@dataclass
class ActivityMarks:
    activity: Activity
    counts: dict[str, int]

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(label, self.counts.get(status, 0)) for status, label in AttendanceStatus.choices]


@login_required
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """For staff and facilitators: who is at risk, each activity's marks, each person's rate."""
    cohort = get_cohort(request, pk, Level.READ)
    level = load_viewer(request).cohort_level(cohort)
    activities = list(Activity.objects.filter(cohort=cohort))
    enrolments = _enrolments(cohort)
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Attendance.objects.filter(activity__cohort=cohort)
        .values("activity_id", "status")
        .annotate(people=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["activity_id"], {})[row["status"]] = row["people"]
    rates = attendance_rates(enrolment.pk for enrolment in enrolments)
    context: dict[str, Any] = {
        "cohort": cohort,
        "sees_everything": True,
        "may_change": level >= Level.WRITE,
        "marks": [ActivityMarks(activity, counts.get(activity.pk, {})) for activity in activities],
        "statuses": AttendanceStatus.labels,
        "rates": [(enrolment, rates[enrolment.pk]) for enrolment in enrolments],
    }
    context |= delivery.for_cohort(cohort, level, None)
    return render(request, "programmes/cohort_attendance.html", context)
