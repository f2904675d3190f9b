"""The API's read access to evaluation: a cohort's plan with response rates, and its report.

The plan is for programme staff; the report is for anyone with a role in the programme, with
small numbers hidden from everyone but programme staff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from commonground.api.pagination import RowId
from commonground.lib.access import Level, get_cohort

from .access import report_cohort, threshold_for
from .models import Wave
from .reports import build_report
from .services import response_rates

router = Router(tags=["Evaluation"])


class RateOut(Schema):
    rater_type: str
    invited: int
    responded: int


class WaveOut(Schema):
    id: int
    kind: str
    opens_on: dt.date
    closes_on: dt.date
    version_id: int
    includes_raters: bool
    invited_at: dt.datetime | None
    response_rates: list[RateOut]


class PlanOut(Schema):
    cohort_id: int
    waves: list[WaveOut]


@router.get(
    "/cohorts/{cohort_id}/evaluation",
    response=PlanOut,
    url_name="evaluation-plan",
    operation_id="get_evaluation_plan",
    summary="A cohort's evaluation waves with response rates by rater type",
)
def get_plan(request: HttpRequest, cohort_id: RowId) -> dict[str, Any]:
    """For programme staff."""
    cohort = get_cohort(request, cohort_id, Level.WRITE)
    rates: dict[int, list[dict[str, Any]]] = {}
    for row in response_rates(cohort):
        rates.setdefault(row.wave.pk, []).append(
            {"rater_type": row.rater_type, "invited": row.invited, "responded": row.responded}
        )
    waves = Wave.objects.filter(cohort=cohort).order_by("opens_on", "pk")
    return {
        "cohort_id": cohort.pk,
        "waves": [
            {
                "id": w.pk,
                "kind": w.kind,
                "opens_on": w.opens_on,
                "closes_on": w.closes_on,
                "version_id": w.version_id,
                "includes_raters": w.includes_raters,
                "invited_at": w.invited_at,
                "response_rates": rates.get(w.pk, []),
            }
            for w in waves
        ],
    }


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


@router.get(
    "/cohorts/{cohort_id}/evaluation/report",
    response=dict[str, Any],
    url_name="evaluation-report",
    operation_id="get_evaluation_report",
    summary="A cohort's evaluation report: every figure, small numbers hidden for non-staff",
)
def get_report(request: HttpRequest, cohort_id: RowId) -> dict[str, Any]:
    """The report as the statistics library computes it. For anyone but programme staff, a
    figure from fewer than the small-number threshold is replaced by `{"suppressed": true, ...}`.
    """
    cohort = report_cohort(request, cohort_id)
    threshold = threshold_for(request, cohort.programme_id)
    built = build_report([cohort], threshold)
    if built is None:
        return {"cohort_id": cohort.pk, "report": None}
    return {"cohort_id": cohort.pk, "report": _finite(dataclasses.asdict(built.report))}
