"""The progression report's figures in the API, as the report page shows them to the caller:
every figure for programme staff, small numbers hidden (null, with `suppressed`) for others.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from .access import get_report_programme
from .records import load
from .report import Comparison, Report, Share, build

router = Router(tags=["Progression"])


class ShareOut(Schema):
    label: str
    known: int | None
    more_senior: int | None
    share: float | None
    lower: float | None
    upper: float | None
    suppressed: bool


class ComparisonOut(Schema):
    label: str
    group: ShareOut
    difference: float | None
    lower: float | None
    upper: float | None
    method: str


class CurvePointOut(Schema):
    """Years since completing; a share is null when hidden or beyond the longest follow-up, and
    `..._shown_as` says which ("not shown", "not followed this long") as the page does."""

    years: int
    completers_moved_up: float | None
    completers_shown_as: str
    completers_followed: int | None
    not_selected_moved_up: float | None
    not_selected_shown_as: str
    not_selected_followed: int | None


class ProgressionOut(Schema):
    programme_id: int
    as_of: str
    completed: int | None
    more_senior: ShareOut
    by_years_since_completion: list[ShareOut]
    comparisons: list[ComparisonOut]
    time_to_first_move_up: list[CurvePointOut]


def _share(share: Share) -> dict[str, Any]:
    interval = share.interval
    return {
        "label": share.label,
        "known": share.known.shown,
        "more_senior": share.moved_up.shown,
        "share": None if interval is None else interval.estimate,
        "lower": None if interval is None else interval.lower,
        "upper": None if interval is None else interval.upper,
        "suppressed": share.hidden,
    }


def _comparison(comparison: Comparison) -> dict[str, Any]:
    d = comparison.difference
    return {
        "label": comparison.label,
        "group": _share(comparison.group),
        "difference": None if d is None else d.estimate,
        "lower": None if d is None else d.lower,
        "upper": None if d is None else d.upper,
        "method": "Newcombe hybrid score (method 10), 95%",
    }


def _out(programme_id: int, report: Report) -> dict[str, Any]:
    return {
        "programme_id": programme_id,
        "as_of": report.as_of.isoformat(),
        "completed": report.completed.shown,
        "more_senior": _share(report.overall),
        "by_years_since_completion": [_share(s) for s in report.by_years],
        "comparisons": [_comparison(c) for c in report.comparisons],
        "time_to_first_move_up": [
            {
                "years": p.years,
                "completers_moved_up": p.completers,
                "completers_shown_as": p.completers_text,
                "completers_followed": p.completers_followed.shown,
                "not_selected_moved_up": p.applicants,
                "not_selected_shown_as": p.applicants_text,
                "not_selected_followed": p.applicants_followed.shown,
            }
            for p in report.curve
        ],
    }


@router.get(
    "/programmes/{slug}/progression",
    response=ProgressionOut,
    url_name="progression",
    operation_id="get_progression",
    summary="Completers now in a more senior role, with intervals and the comparison group",
)
def get_progression(request: HttpRequest, slug: str) -> dict[str, Any]:
    """For anyone with a role in the programme; small numbers hidden except for its staff."""
    programme, threshold = get_report_programme(request, slug)
    today = timezone.localdate()
    return _out(programme.pk, build(load(programme, today), today, threshold))
