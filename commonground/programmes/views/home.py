"""The home page: what matters to this person, one section for each role they have."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.lib.access import Viewer, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.small_numbers import Figure, threshold_for
from commonground.programmes.audiences import open_to_person
from commonground.programmes.models import (
    Activity,
    Attendance,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    Role,
)

from ..figures import (
    AttendanceRate,
    CohortFigures,
    attendance_rates,
    cohort_figures,
    programme_table,
)
from . import delivery

RECENT = dt.timedelta(days=14)
UPCOMING_FOR_FACILITATORS = 20
UPCOMING_FOR_PARTICIPANTS = 5


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    viewer = load_viewer(request)
    now = timezone.now()
    person = viewer.person_id
    facilitating = _programme_ids_with(viewer, Role.FACILITATOR)
    overseeing = _programme_ids_with(viewer, Role.BOARD) | _programme_ids_with(
        viewer, Role.EVALUATOR
    )
    context: dict[str, Any] = {
        "staff": _staff(viewer, now) if viewer.is_programme_staff else None,
        "facilitating": _facilitating(facilitating, now) if facilitating else None,
        "participating": _participating(viewer, now) if viewer.is_participant else None,
        "alumni": _alumni(person) if person is not None and viewer.is_alumnus else None,
        "sponsoring": _sponsoring(person) if person is not None and viewer.is_sponsor else None,
        "overview": _overview(overseeing) if overseeing else None,
    }
    context["nothing"] = not any(context.values())
    context |= delivery.for_home(viewer)
    context["threshold"] = threshold_for(exact=False)
    return render(request, "programmes/home.html", context)


def _programme_ids_with(viewer: Viewer, role: Role) -> set[int]:
    return {pk for pk in viewer.roles if viewer.has_role(pk, role)}


@dataclass
class StaffSection:
    programmes: list[tuple[Programme, list[CohortFigures]]]
    unregistered: list[Activity]
    unsponsored: list[CohortFigures]
    over_capacity: list[CohortFigures]

    @property
    def needs_attention(self) -> bool:
        return bool(self.unregistered or self.unsponsored or self.over_capacity)


def _staff(viewer: Viewer, now: dt.datetime) -> StaffSection:
    ids = viewer.staff_programme_ids()
    programmes = list(
        Programme.objects.all() if ids is None else Programme.objects.filter(pk__in=ids)
    )
    cohorts = Cohort.objects.filter(programme__in=programmes).exclude(status=CohortStatus.COMPLETED)
    figures = cohort_figures(cohorts.order_by("starts_on", "name"))
    unregistered = list(
        Activity.objects.filter(
            cohort__programme__in=programmes, starts_at__range=(now - RECENT, now)
        )
        .exclude(Exists(Attendance.objects.filter(activity=OuterRef("pk"))))
        .select_related("cohort__programme")
    )
    return StaffSection(
        programmes=[
            (programme, [entry for entry in figures if entry.cohort.programme_id == programme.pk])
            for programme in programmes
        ],
        unregistered=unregistered,
        unsponsored=[entry for entry in figures if entry.unsponsored],
        over_capacity=[entry for entry in figures if entry.over_capacity],
    )


def _facilitating(programme_ids: set[int], now: dt.datetime) -> list[Activity]:
    """Activities from the last fortnight on, so a register not yet taken is still at hand."""
    return list(
        Activity.objects.filter(cohort__programme_id__in=programme_ids, ends_at__gte=now - RECENT)
        .select_related("cohort__programme")
        .annotate(marks=Count("attendance"))
        .order_by("starts_at", "pk")[:UPCOMING_FOR_FACILITATORS]
    )


@dataclass
class ParticipantSection:
    cohorts: list[Cohort]
    activities: list[Activity]


def _participating(viewer: Viewer, now: dt.datetime) -> ParticipantSection:
    current = viewer.cohort_ids - viewer.alumni_cohort_ids
    return ParticipantSection(
        cohorts=list(Cohort.objects.filter(pk__in=current).select_related("programme")),
        activities=list(
            Activity.objects.filter(
                open_to_person(viewer.person_id or 0, [EnrolmentStatus.ACTIVE]),
                cohort_id__in=current,
                ends_at__gte=now,
            ).select_related("cohort")[:UPCOMING_FOR_PARTICIPANTS]
        ),
    )


def _alumni(person_id: int) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(
            person_id=person_id, status=EnrolmentStatus.COMPLETED
        ).select_related("cohort__programme")
    )


def _sponsoring(person_id: int) -> list[tuple[Enrolment, AttendanceRate]]:
    enrolments = list(
        Enrolment.objects.filter(sponsor_id=person_id)
        .select_related("person__organisation", "cohort__programme")
        .order_by("-cohort__starts_on", "person__last_name", "person__first_name")
    )
    rates = attendance_rates(enrolment.pk for enrolment in enrolments)
    return [(enrolment, rates[enrolment.pk]) for enrolment in enrolments]


@dataclass
class ProgrammeOverview:
    programme: Programme
    cohorts: int
    participants: Figure
    completed: Figure
    completion_rate: str


def _overview(programme_ids: set[int]) -> list[ProgrammeOverview]:
    """Totals only, hidden as the programme page hides them beside its cohorts."""
    programmes = list(Programme.objects.filter(pk__in=programme_ids))
    figures = cohort_figures(Cohort.objects.filter(programme__in=programmes).order_by("pk"))
    threshold = threshold_for(exact=False)
    overview = []
    for programme in programmes:
        cohorts = [entry for entry in figures if entry.cohort.programme_id == programme.pk]
        table = programme_table(cohorts, threshold)
        overview.append(
            ProgrammeOverview(
                programme=programme,
                cohorts=len(cohorts),
                participants=table.participants,
                completed=table.completed,
                completion_rate=table.completion_rate,
            )
        )
    return overview
