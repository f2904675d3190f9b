"""What the cohort and home pages add for running the year: who is at risk, and one's progress."""

from __future__ import annotations

from typing import Any

from commonground.lib.access import Level, Viewer
from commonground.programmes.commitment import cohort_standings
from commonground.programmes.completion import Progress, cohort_progress
from commonground.programmes.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    EnrolmentStatus,
)


def for_cohort(cohort: Cohort, level: Level, person_id: int | None) -> dict[str, Any]:
    """Staff and facilitators see who is at risk; a participant sees their own progress."""
    if level >= Level.READ:
        return {
            "at_risk": [s for s in cohort_standings(cohort) if s.at_risk],
            "running": cohort.status == CohortStatus.RUNNING,
        }
    own = cohort_progress(cohort, person_id=person_id) if person_id is not None else []
    return {"own_progress": own[0] if own else None}


def for_activity(activity: Activity) -> dict[str, Any]:
    """For staff and facilitators: the apologies participants sent ahead, with their reasons."""
    return {
        "apologies": list(
            Attendance.objects.filter(activity=activity, status=AttendanceStatus.APOLOGIES)
            .select_related("enrolment__person")
            .order_by("enrolment__person__last_name", "enrolment__person__first_name", "pk")
        )
    }


def for_home(viewer: Viewer) -> dict[str, Any]:
    context: dict[str, Any] = {}
    if viewer.is_participant:
        current = viewer.cohort_ids - viewer.alumni_cohort_ids
        mine: list[Progress] = []
        for cohort in Cohort.objects.filter(pk__in=current).select_related("programme")[:3]:
            mine.extend(
                p
                for p in cohort_progress(cohort, person_id=viewer.person_id)
                if p.enrolment.status == EnrolmentStatus.ACTIVE
            )
        context["my_progress"] = mine
    return context
