"""The API's read access to evaluation: a cohort's plan with response rates, and its report.

The plan is for programme staff; the report is for anyone with a role in the programme, with
small numbers hidden from everyone but programme staff.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from commonground.api.pagination import RowId
from commonground.lib.access import Level, get_cohort

from .access import network_export_cohort, report_cohort, threshold_for
from .models import Wave
from .network import cohort_network, pseudonymised
from .services import response_rates
from .snapshots import json_safe, snapshot_for
from .stats.network_report import for_audience

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


@router.get(
    "/cohorts/{cohort_id}/evaluation/report",
    response=dict[str, Any],
    url_name="evaluation-report",
    operation_id="get_evaluation_report",
    summary="A cohort's evaluation report: every figure, small numbers hidden for non-staff",
)
def get_report(request: HttpRequest, cohort_id: RowId) -> dict[str, Any]:
    """The report as the statistics library computes it, from the figures the background task
    keeps (as on the report page). For anyone but programme staff, a figure from fewer than the
    small-number threshold is replaced by `{"suppressed": true, ...}`.

    `computed_at` says when the figures were worked out; `updating` is true while fresher ones
    are being worked out (new answers came in), and `report` is null until the first are ready.
    """
    cohort = report_cohort(request, cohort_id)
    threshold = threshold_for(request, cohort.programme_id)
    snapshot = snapshot_for(cohort.programme, cohort, threshold, [cohort.pk])
    if snapshot is None:
        return {"cohort_id": cohort.pk, "report": None, "computed_at": None, "updating": False}
    return {
        "cohort_id": cohort.pk,
        "report": snapshot.figures,
        "computed_at": snapshot.computed_at,
        "updating": snapshot.in_progress,
    }


@router.get(
    "/cohorts/{cohort_id}/evaluation/network",
    response=dict[str, Any],
    url_name="evaluation-network",
    operation_id="get_evaluation_network",
    summary="A cohort's network figures by wave and tie type: aggregates only",
)
def get_network(request: HttpRequest, cohort_id: RowId) -> dict[str, Any]:
    """Structure, E-I index with its permutation test, new ties by sector pair and the share
    of them inside learning sets and teams. No person's figures; for anyone but programme staff,
    no wave fewer than the small-number threshold answered and no smaller group or count."""
    cohort = report_cohort(request, cohort_id)
    threshold = threshold_for(request, cohort.programme_id)
    report = cohort_network(cohort).report()
    return {
        "cohort_id": cohort.pk,
        "network": json_safe(for_audience(report, threshold, individual=False)),
    }


class NetworkPersonOut(Schema):
    pseudonym: str
    organisation: str
    sector: str
    groups: list[str]
    answered: list[str]


class NetworkTieOut(Schema):
    wave: str
    tie_type: str
    source: str
    target: str


class NetworkEdgesOut(Schema):
    cohort_id: int
    people: list[NetworkPersonOut]
    ties: list[NetworkTieOut]


@router.get(
    "/cohorts/{cohort_id}/evaluation/network/edges",
    response=NetworkEdgesOut,
    url_name="evaluation-network-edges",
    operation_id="get_evaluation_network_edges",
    summary="A cohort's network as a pseudonymised edge list, for staff and evaluators",
)
def get_network_edges(request: HttpRequest, cohort_id: RowId) -> dict[str, Any]:
    """Every named tie with both people as stable pseudonyms (the same in every export), and
    each person's sector, organisation (also a pseudonym) and the waves they answered."""
    cohort = network_export_cohort(request, cohort_id)
    people, ties = pseudonymised(cohort_network(cohort))
    return {
        "cohort_id": cohort.pk,
        "people": sorted(
            (
                {
                    "pseudonym": p["id"],
                    "organisation": p["organisation"],
                    "sector": p["sector"],
                    "groups": [g for g in p["groups"].split(";") if g],
                    "answered": [w for w in p["answered"].split(";") if w],
                }
                for p in people
            ),
            key=lambda p: p["pseudonym"],
        ),
        "ties": ties,
    }
