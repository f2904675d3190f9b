"""Counts the pages show: people per cohort by status, attendance rates, and the programme table.

Each function runs one query whatever the number of cohorts or people it covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db.models import Count, Q, QuerySet

from commonground.lib.small_numbers import REVEALING, Figure, Line, hide, suppress
from commonground.programmes.models import (
    Attendance,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
)


def percentage(part: int, whole: int, hidden: bool) -> str:
    """Part of whole as a whole percentage, hidden when a count it is built from is hidden."""
    if whole == 0:
        return "No one yet"
    if hidden:
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
    def pk(self) -> int:
        return self.cohort.pk

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


def cohort_figures(cohorts: Iterable[Cohort]) -> list[CohortFigures]:
    """Figures for each cohort, in the order given."""
    figures = {cohort.pk: CohortFigures(cohort) for cohort in cohorts}
    rows = (
        # A query of cohorts is sent as a subquery, never as a list of every id.
        Enrolment.objects.filter(
            cohort__in=cohorts if isinstance(cohorts, QuerySet) else list(figures)
        )
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


class Counted(Protocol):
    """A cohort's counts: `CohortFigures` on the pages, the API's annotated cohorts."""

    @property
    def pk(self) -> int: ...

    @property
    def participants(self) -> int: ...

    @property
    def completed(self) -> int: ...

    @property
    def finished(self) -> bool: ...


@dataclass(frozen=True)
class ShownCohort:
    participants: Figure
    completed: Figure
    completion_rate: str


@dataclass(frozen=True)
class ProgrammeTable:
    """A programme's cohorts beside its totals, as one viewer may see them.

    Each column (participants, completed) is one line of the small-number rule, so a hidden
    cohort count cannot be worked out from the programme total, on this page or another.
    """

    cohorts: list[ShownCohort]
    participants: Figure
    completed: Figure
    completion_rate: str


def programme_table(cohorts: Sequence[Counted], threshold: int | None) -> ProgrammeTable:
    """Every cohort's counts and the programme's totals, small numbers hidden for `threshold`."""
    # Which of two equal counts is hidden must not depend on the order a page lists them in,
    # or two pages together would show both.
    order = sorted(range(len(cohorts)), key=lambda i: cohorts[i].pk)
    people = [cohorts[i].participants for i in order]
    done = [cohorts[i].completed for i in order]
    participants = suppress(people, threshold)
    # Completers beside participants would give away the few who did not complete.
    revealing = [
        k
        for k, cell in enumerate(participants.cells)
        if not cell.hidden and hide(people[k] - done[k], threshold)
    ]
    completed = suppress(done, threshold, revealing)
    if not participants.total.hidden and hide(sum(people) - sum(done), threshold):
        completed = Line(completed.cells, Figure(sum(done), threshold, REVEALING))
    participants, completed = _in_order(participants, order), _in_order(completed, order)
    shown = [
        ShownCohort(
            people,
            done,
            percentage(done.value, people.value, done.hidden or people.hidden)
            if cohort.finished
            else "Not finished yet",
        )
        for cohort, people, done in zip(cohorts, participants.cells, completed.cells, strict=True)
    ]
    finished = [s for c, s in zip(cohorts, shown, strict=True) if c.finished]
    # The programme's rate covers finished cohorts only, so it is another total beside them.
    rate = percentage(
        sum(s.completed.value for s in finished),
        sum(s.participants.value for s in finished),
        any(s.participants.hidden or s.completed.hidden for s in finished),
    )
    return ProgrammeTable(shown, participants.total, completed.total, rate)


def _in_order(line: Line, order: list[int]) -> Line:
    by_index = dict(zip(order, line.cells, strict=True))
    return Line(tuple(by_index[i] for i in range(len(order))), line.total)


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
