"""Counts the pages show: people per cohort by status, attendance rates, and small-number hiding.

Each function runs one query whatever the number of cohorts or people it covers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from commonground.programmes.models import (
    Attendance,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
)


def percentage(part: int, whole: int, exact: bool = True) -> str:
    """Part of whole as a whole percentage; hidden when either side counts too few people."""
    if whole == 0:
        return "No one yet"
    threshold: int = settings.SMALL_NUMBER_THRESHOLD
    if not exact and (whole < threshold or 0 < part < threshold):
        return "Not shown (small numbers)"
    return f"{round(100 * part / whole)}%"


@dataclass
class CohortFigures:
    """How many people in one cohort are in each enrolment status."""

    cohort: Cohort
    active: int = 0
    completed: int = 0
    withdrawn: int = 0
    deferred: int = 0
    unsponsored: int = 0  # active participants with no sponsor recorded

    @property
    def participants(self) -> int:
        """Everyone who took a place; people who deferred are counted in their later cohort."""
        return self.active + self.completed + self.withdrawn

    @property
    def places_taken(self) -> int:
        return self.active + self.completed

    @property
    def over_capacity(self) -> bool:
        return self.places_taken > self.cohort.capacity

    @property
    def finished(self) -> bool:
        return self.cohort.status == CohortStatus.COMPLETED

    def completion_rate(self, exact: bool = True) -> str:
        if not self.finished:
            return "Not finished yet"
        return percentage(self.completed, self.participants, exact)


def cohort_figures(cohorts: Iterable[Cohort]) -> list[CohortFigures]:
    """Figures for each cohort, in the order given."""
    figures = {cohort.pk: CohortFigures(cohort) for cohort in cohorts}
    rows = (
        Enrolment.objects.filter(cohort_id__in=figures)
        .values("cohort_id", "status")
        .annotate(
            people=Count("pk"),
            unsponsored=Count("pk", filter=Q(sponsor__isnull=True, status=EnrolmentStatus.ACTIVE)),
        )
        .order_by()
    )
    for row in rows:
        entry = figures[row["cohort_id"]]
        if row["status"] in (
            EnrolmentStatus.ACTIVE,
            EnrolmentStatus.COMPLETED,
            EnrolmentStatus.WITHDRAWN,
            EnrolmentStatus.DEFERRED,
        ):
            setattr(entry, row["status"], row["people"])
        entry.unsponsored += row["unsponsored"]
    return list(figures.values())


@dataclass
class ProgrammeFigures:
    """A programme's totals over all its cohorts, for the board and evaluators."""

    cohorts: int
    participants: int
    completed: int
    finished_participants: int  # participants of cohorts that have finished
    finished_completed: int

    @classmethod
    def total(cls, figures: Iterable[CohortFigures]) -> ProgrammeFigures:
        figures = list(figures)
        return cls(
            cohorts=len(figures),
            participants=sum(entry.participants for entry in figures),
            completed=sum(entry.completed for entry in figures),
            finished_participants=sum(entry.participants for entry in figures if entry.finished),
            finished_completed=sum(entry.completed for entry in figures if entry.finished),
        )

    def completion_rate(self, exact: bool) -> str:
        """Completions over participants, counting only cohorts that have finished."""
        return percentage(self.finished_completed, self.finished_participants, exact)


@dataclass(frozen=True)
class AttendanceRate:
    """Attendance at the activities that count towards completion and have a mark."""

    attended: int
    marked: int

    @property
    def shown(self) -> str:
        if self.marked == 0:
            return "No register yet"
        return f"{round(100 * self.attended / self.marked)}% ({self.attended} of {self.marked})"


def attendance_rates(enrolment_ids: Iterable[int]) -> dict[int, AttendanceRate]:
    """Enrolment id to attendance rate; people with no marks get a rate of nothing marked."""
    ids = list(enrolment_ids)
    rates = {pk: AttendanceRate(0, 0) for pk in ids}
    rows = (
        Attendance.objects.filter(enrolment_id__in=ids, activity__counts_towards_completion=True)
        .values("enrolment_id")
        .annotate(
            marked=Count("pk"), came=Count("pk", filter=Q(status__in=AttendanceStatus.ATTENDED))
        )
        .order_by()
    )
    for row in rows:
        rates[row["enrolment_id"]] = AttendanceRate(row["came"], row["marked"])
    return rates
