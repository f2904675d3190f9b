"""A cohort's exports: its participants and its completion (staff), its attendance (staff and
facilitators)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import slugify

from commonground.directory.models import Area, Band
from commonground.exports.registry import Params, Sheet, register
from commonground.lib.access import Level, get_cohort

from . import certificates, completion
from .models import Activity, Attendance, Cohort, Enrolment

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


def _cohort(request: HttpRequest, params: Params, needed: Level) -> Cohort:
    return get_cohort(request, int(params["cohort"]), needed)


def _enrolments(cohort: Cohort) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(cohort=cohort).select_related("person__organisation", "sponsor")


def participants(request: HttpRequest, params: Params) -> Sheet:
    cohort = _cohort(request, params, Level.WRITE)

    def rows() -> Iterator[tuple[Any, ...]]:
        for enrolment in _enrolments(cohort).iterator(chunk_size=500):
            person, organisation = enrolment.person, enrolment.person.organisation
            yield (
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

    return Sheet(
        f"Participants {cohort.name}",
        _filename(cohort, "participants"),
        PARTICIPANT_HEADERS,
        rows,
        _enrolments(cohort).count,
    )


def attendance(request: HttpRequest, params: Params) -> Sheet:
    """One row per activity and participant, in date order; a blank status means no mark."""
    cohort = _cohort(request, params, Level.READ)
    activities = Activity.objects.filter(cohort=cohort)

    def rows() -> Iterator[tuple[Any, ...]]:
        # A cohort's marks are at most its activities times its participants: kept in memory
        # to join them to the rows without a query per row.
        enrolments = list(_enrolments(cohort))
        marks = {
            (mark.activity_id, mark.enrolment_id): mark
            for mark in Attendance.objects.filter(activity__cohort=cohort).select_related(
                "recorded_by"
            )
        }
        for activity in activities.iterator():
            for enrolment in enrolments:
                yield _attendance_row(activity, enrolment, marks.get((activity.pk, enrolment.pk)))

    return Sheet(
        f"Attendance {cohort.name}",
        _filename(cohort, "attendance"),
        ATTENDANCE_HEADERS,
        rows,
        lambda: activities.count() * _enrolments(cohort).count(),
    )


def _attendance_row(
    activity: Activity, enrolment: Enrolment, mark: Attendance | None
) -> tuple[Any, ...]:
    organisation = enrolment.person.organisation
    return (
        activity.starts_at,
        activity.title,
        activity.get_kind_display(),
        "Yes" if activity.counts_towards_completion else "No",
        enrolment.person.name,
        organisation.name if organisation else "",
        mark.get_status_display() if mark else "",
        (mark.recorded_by.name or mark.recorded_by.email) if mark and mark.recorded_by else "",
        mark.recorded_at if mark else None,
    )


def completion_status(request: HttpRequest, params: Params) -> Sheet:
    """Each participant against the cohort's completion rules, with their certificate link."""
    cohort = _cohort(request, params, Level.READ)
    # Worked out once in the background (a fixed number of queries for the whole cohort); the
    # rules it finds name the columns.
    progress: list[completion.Progress] = []

    def count() -> int:
        progress.extend(completion.cohort_progress(cohort))
        return len(progress)

    def headers() -> list[str]:
        names = [result.rule for result in progress[0].results] if progress else []
        return ["Name", "Organisation", "Status", "Meets the rules", *names, "Certificate"]

    def rows() -> Iterator[list[Any]]:
        for p in progress:
            organisation = p.enrolment.person.organisation
            yield [
                p.enrolment.person.name,
                organisation.label if organisation else "",
                p.enrolment.get_status_display(),
                "Yes" if p.meets_rules else "No",
                *[f"{r.tag}: {r.detail}" for r in p.results],
                certificates.verification_url(p.certificate) if p.certificate else "",
            ]

    return Sheet(
        f"Completion {cohort.name}",
        f"completion-{cohort.programme.slug}-{cohort.name.replace('/', '-')}",
        headers,
        rows,
        count,
    )


def register_exports() -> None:
    register("programmes.participants", participants)
    register("programmes.attendance", attendance)
    register("programmes.completion", completion_status)
