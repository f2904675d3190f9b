"""The progression report: who now holds a more senior post than when they started, with how
sure we can be, over time and against applicants who were not selected.

Built from `records.load` for one programme, as one viewer may see it: `threshold` None shows
every figure (programme staff); otherwise a share is shown only when the counts of those who
moved up and those who did not are both shown by `lib/small_numbers.py`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from commonground.lib.proportions import Interval, newcombe_difference, wilson
from commonground.lib.small_numbers import REVEALING, Figure, count, hide, suppress

from .careers import Career
from .records import Records
from .survival import Follow, YearPoint, by_year, longest

# Whole years since completing: a row for each of the first five, then the rest together.
YEAR_BANDS: list[tuple[str, int, int | None]] = [
    ("Less than 1 year", 0, 0),
    ("1 year", 1, 1),
    ("2 years", 2, 2),
    ("3 years", 3, 3),
    ("4 years", 4, 4),
    ("5 years or more", 5, None),
]
CURVE_YEARS = 8


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


@dataclass(frozen=True)
class Share:
    """How many of those whose start and present bands are known now hold a more senior one."""

    label: str
    moved_up: Figure
    known: Figure
    interval: Interval | None

    @property
    def hidden(self) -> bool:
        return self.interval is None and self.known.value > 0

    @property
    def value(self) -> str:
        if self.known.value == 0:
            return "no one yet"
        if self.interval is None and self.known.reason == REVEALING:
            return "not shown (it would give away a smaller group)"
        if self.interval is None:
            return f"not shown (fewer than {self.known.threshold} in a group)"
        return percent(self.interval.estimate)

    @property
    def in_words(self) -> str:
        """'95% CI 33% to 50%', or empty when the share is not shown."""
        if self.interval is None:
            return ""
        return f"95% CI {percent(self.interval.lower)} to {percent(self.interval.upper)}"


def share(label: str, careers: Sequence[Career], threshold: int | None) -> Share:
    known = [c for c in careers if c.known]
    moved = sum(1 for c in known if c.more_senior_now)
    line = suppress([moved, len(known) - moved], threshold)
    interval = None if line.suppressed or not known else wilson(moved, len(known))
    # Beside a hidden count, the count of those who moved up would give it away.
    shown_moved = line.cells[0] if not line.suppressed else Figure(moved, threshold, REVEALING)
    return Share(label, shown_moved, line.total, interval)


@dataclass(frozen=True)
class Comparison:
    """Completers against one group of applicants who were not selected."""

    label: str
    group: Share
    difference: Interval | None

    @property
    def value(self) -> str:
        if self.difference is None:
            return "not shown"
        return f"{_points(self.difference.estimate)} percentage points"

    @property
    def interval_words(self) -> str:
        if self.difference is None:
            return ""
        d = self.difference
        return f"95% CI {_points(d.lower)} to {_points(d.upper)} percentage points"


def _points(value: float) -> str:
    return f"{round(value * 100):+d}".replace("+0", "0")


def compare(label: str, completers: Share, group: Share) -> Comparison:
    if completers.interval is None or group.interval is None:
        return Comparison(label, group, None)
    difference = newcombe_difference(
        completers.moved_up.value,
        completers.known.value,
        group.moved_up.value,
        group.known.value,
    )
    return Comparison(label, group, difference)


@dataclass(frozen=True)
class CurvePoint:
    """One row of the time-to-first-move-up table: the share moved up by then in each group
    (None where hidden or beyond the longest follow-up, with the words to say which) and how
    many were still followed, not yet moved up, then."""

    years: int
    completers: float | None
    completers_text: str
    completers_followed: Figure
    applicants: float | None
    applicants_text: str
    applicants_followed: Figure


def _curve_cell(point: YearPoint, threshold: int | None) -> tuple[float | None, str]:
    if point.share_moved_up is None:
        return None, "not followed this long"
    if hide(point.moved_up_by, threshold) or hide(point.followed, threshold):
        return None, "not shown"
    return point.share_moved_up, percent(point.share_moved_up)


def curve(
    completers: Sequence[Career], applicants: Sequence[Career], threshold: int | None
) -> list[CurvePoint]:
    """Read at whole years up to the longest anyone in either group has been followed (at
    least one year, at most `CURVE_YEARS`)."""
    ours, theirs = follows(completers), follows(applicants)
    last = min(CURVE_YEARS, max(1, math.ceil(max(longest(ours), longest(theirs)))))
    return [
        CurvePoint(
            a.years,
            *_curve_cell(a, threshold),
            count(a.followed, threshold),
            *_curve_cell(b, threshold),
            count(b.followed, threshold),
        )
        for a, b in zip(by_year(ours, last), by_year(theirs, last), strict=True)
    ]


def follows(careers: Sequence[Career]) -> list[Follow]:
    """Everyone whose starting band is known; not yet moved up is censored where we last know."""
    return [
        Follow(c.moved_up_after, True)
        if c.moved_up_after is not None
        else Follow(c.followed_for, False)
        for c in careers
        if c.start_rank is not None
    ]


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    completed: Figure
    overall: Share
    by_years: list[Share]
    comparisons: list[Comparison]
    curve: list[CurvePoint]
    threshold: int | None
    since: dt.date | None = None

    @property
    def headline(self) -> Comparison:
        return self.comparisons[0]


def beside_total(rows: list[Share], threshold: int | None) -> list[Share]:
    """The rows of a table whose counts add up to a total shown below it (all who completed):
    a row hidden on its own could be worked out as the total less the rows shown, so the line
    rule hides the next smallest rows' counts and shares as well."""
    if threshold is None:
        return rows
    hidden = [i for i, row in enumerate(rows) if row.hidden]
    known = suppress([row.known.value for row in rows], threshold, revealing=hidden)
    moved = suppress([row.moved_up.value for row in rows], threshold, revealing=hidden)
    return [
        row
        if not (k.hidden or m.hidden)
        else Share(row.label, Figure(m.value, threshold, m.reason or REVEALING), k, None)
        for row, k, m in zip(rows, known.cells, moved.cells, strict=True)
    ]


def build(records: Records, today: dt.date, threshold: int | None) -> Report:
    careers = [c.career for c in records.completers]
    overall = share("All who completed", careers, threshold)
    by_years = [
        share(
            label,
            [
                c.career
                for c in records.completers
                if low <= c.years_since_completion
                and (high is None or c.years_since_completion <= high)
            ],
            threshold,
        )
        for label, low, high in YEAR_BANDS
    ]
    by_years = beside_total(by_years, threshold)
    applicants = [a.career for a in records.applicants]
    near = [a.career for a in records.applicants if a.near_line]
    comparisons = [
        compare(
            "Applicants not selected",
            overall,
            share("Applicants not selected", applicants, threshold),
        ),
        compare(
            "Scored just below the selection line",
            overall,
            share("Scored just below the selection line", near, threshold),
        ),
    ]
    return Report(
        as_of=today,
        completed=count(len(careers), threshold),
        overall=overall,
        by_years=by_years,
        comparisons=comparisons,
        curve=curve(careers, applicants, threshold),
        threshold=threshold,
        since=records.since,
    )
