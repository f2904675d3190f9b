"""Downloads of a cohort: its participants (staff) and its attendance (staff and facilitators)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify

from commonground.directory.models import Area, Band
from commonground.lib.access import Level, get_cohort
from commonground.lib.exports import Table, export_response
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Activity, Attendance, Cohort, Enrolment

PARTICIPANT_HEADERS = (
    "Name",
    "Email",
    "Organisation",
    "Sector",
    "Area",
    "Job title",
    "Band",
    "Status",
    "Sponsor",
    "Enrolled",
    "Left",
)
ATTENDANCE_HEADERS = (
    "Date",
    "Activity",
    "Kind",
    "Counts towards completion",
    "Participant",
    "Organisation",
    "Status",
    "Recorded by",
    "Recorded at",
)


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value else ""


def _filename(cohort: Cohort, what: str) -> str:
    return f"{slugify(cohort.programme.name)}-{slugify(cohort.name)}-{what}"


def _enrolments(cohort: Cohort) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(cohort=cohort).select_related("person__organisation", "sponsor")
    )


@login_required
def participants(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    rows = []
    for enrolment in _enrolments(cohort):
        person, organisation = enrolment.person, enrolment.person.organisation
        rows.append(
            (
                person.name,
                person.email,
                organisation.name if organisation else "",
                organisation.sector if organisation else "",
                _label(Area, organisation.area) if organisation else "",
                person.job_title,
                _label(Band, person.band),
                enrolment.get_status_display(),
                enrolment.sponsor.name if enrolment.sponsor else "",
                enrolment.enrolled_on,
                enrolment.left_on,
            )
        )
    table = Table(
        f"Participants {cohort.name}",
        PARTICIPANT_HEADERS,
        rows,
        _filename(cohort, "participants"),
    )
    return export_response(table, fmt)


@login_required
def attendance(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.READ)
    activities = list(Activity.objects.filter(cohort=cohort))
    enrolments = _enrolments(cohort)
    marks = {
        (mark.activity_id, mark.enrolment_id): mark
        for mark in Attendance.objects.filter(activity__cohort=cohort).select_related("recorded_by")
    }
    table = Table(
        f"Attendance {cohort.name}",
        ATTENDANCE_HEADERS,
        _attendance_rows(activities, enrolments, marks),
        _filename(cohort, "attendance"),
    )
    return export_response(table, fmt)


def _attendance_rows(
    activities: list[Activity],
    enrolments: list[Enrolment],
    marks: dict[tuple[int, int], Attendance],
) -> Iterator[tuple[Any, ...]]:
    """One row per activity and participant, in date order; a blank status means no mark."""
    for activity in activities:
        for enrolment in enrolments:
            mark = marks.get((activity.pk, enrolment.pk))
            organisation = enrolment.person.organisation
            yield (
                activity.starts_at,
                activity.title,
                activity.get_kind_display(),
                "Yes" if activity.counts_towards_completion else "No",
                enrolment.person.name,
                organisation.name if organisation else "",
                mark.get_status_display() if mark else "",
                (mark.recorded_by.name or mark.recorded_by.email)
                if mark and mark.recorded_by
                else "",
                mark.recorded_at if mark else None,
            )
