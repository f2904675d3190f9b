"""Evaluation reports: a cohort's, a programme's (with its board PDF and evaluators' export) and
a participant's own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.lib.access import Level, load_viewer, require
from commonground.lib.exports import Table, export_response
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.pdf import pdf_response
from commonground.programmes.models import Cohort, Programme, Role

from .. import presentation
from ..adapters import stats_instrument
from ..reports import BuiltReport, build_report, export_rows, own_report, report_version
from .scope import participant_or_staff, report_cohort, report_programme, threshold_for


def _context(built: BuiltReport | None, threshold: int | None, trends: bool) -> dict[str, Any]:
    if built is None:
        return {"built": None, "threshold": threshold}
    report = built.report
    tables = [
        presentation.change_table(report, "Themes and indicators: baseline to end"),
        presentation.shift_table(report),
        presentation.rater_table(report),
        presentation.statement_table(report),
        presentation.rates_table(report, threshold),
    ]
    if trends:
        tables.append(presentation.trend_table(report))
    return {
        "built": built,
        "report": report,
        "threshold": threshold,
        "tables": tables,
        "charts": presentation.charts(report),
        "comments": sum(report.comments.values()),
    }


def _programme_cohorts(programme: Programme) -> Sequence[Cohort]:
    return list(Cohort.objects.filter(programme=programme).order_by("starts_on", "pk"))


@login_required
def cohort_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = report_cohort(request, pk)
    threshold = threshold_for(request, cohort.programme_id)
    context = _context(build_report([cohort], threshold), threshold, trends=False)
    context |= {
        "cohort": cohort,
        "programme": cohort.programme,
        "title": f"Evaluation of {cohort}",
        "is_staff": threshold is None,
    }
    return render(request, "evaluation/report.html", context)


def _programme_context(request: AuthenticatedRequest, programme: Programme) -> dict[str, Any]:
    threshold = threshold_for(request, programme.pk)
    cohorts = _programme_cohorts(programme)
    context = _context(build_report(cohorts, threshold), threshold, trends=True)
    viewer = load_viewer(request)
    return context | {
        "programme": programme,
        "cohorts": cohorts,
        "title": f"Evaluation of {programme.name}",
        "is_staff": threshold is None,
        "may_export": threshold is None or viewer.has_role(programme.pk, Role.EVALUATOR),
        "generated": timezone.now(),
    }


@login_required
def programme_report(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = report_programme(request, slug)
    return render(request, "evaluation/report.html", _programme_context(request, programme))


@login_required
def programme_report_pdf(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = report_programme(request, slug)
    return pdf_response(
        "evaluation/report_pdf.html",
        _programme_context(request, programme),
        f"evaluation-{programme.slug}",
    )


@login_required
def programme_export(request: AuthenticatedRequest, slug: str, fmt: str) -> HttpResponse:
    """Every answer, pseudonymised, for programme staff and the programme's evaluators."""
    programme = report_programme(request, slug)
    viewer = load_viewer(request)
    level = viewer.programme_level(programme.pk)
    if not viewer.has_role(programme.pk, Role.EVALUATOR):
        require(level, Level.WRITE)
    ids = [c.pk for c in _programme_cohorts(programme)]
    version = report_version(ids)
    instrument = stats_instrument(version) if version else None
    headers, rows = export_rows(ids, instrument) if instrument else (["respondent"], [])
    table = Table(f"Evaluation {programme.name}", headers, rows, f"evaluation-{programme.slug}")
    return export_response(table, fmt)


@login_required
def participant_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = participant_or_staff(request, pk)
    version = report_version([enrolment.cohort_id])
    own = own_report(enrolment, stats_instrument(version)) if version else None
    viewer = load_viewer(request)
    return render(
        request,
        "evaluation/participant_report.html",
        {
            "enrolment": enrolment,
            "own": own,
            "is_self": enrolment.person_id == viewer.person_id,
        },
    )
