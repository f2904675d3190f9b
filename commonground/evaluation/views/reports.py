"""Evaluation reports: a cohort's, a programme's (with its board PDF and evaluators' export) and
a participant's own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.exports.views import ask_for_export
from commonground.lib.access import load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.pdf import pdf_response
from commonground.programmes.models import Cohort, Programme, Role

from .. import presentation
from ..access import participant_or_staff, report_cohort, report_programme, threshold_for
from ..adapters import stats_instrument
from ..models import ReportSnapshot
from ..network_figures import ProgrammeHeadline, headline_from_json
from ..reports import free_text_answers, own_report, report_version
from ..snapshots import board_pdf_context, snapshot_for


def _presented(snapshot: ReportSnapshot | None) -> presentation.Presented | None:
    return presentation.from_json(snapshot.data) if snapshot and snapshot.data else None


def _context(
    programme: Programme, cohort: Cohort | None, threshold: int | None, ids: Sequence[int]
) -> dict[str, Any]:
    """The stored figures; fresh ones are asked of the background task when answers changed."""
    snapshot = snapshot_for(programme, cohort, threshold, ids)
    return {
        "snapshot": snapshot,
        "presented": _presented(snapshot),
        "threshold": threshold,
        "is_staff": threshold is None,
        "programme": programme,
    }


def _network(snapshot: ReportSnapshot | None) -> ProgrammeHeadline | None:
    """The network's headline the snapshot was worked out with; none while the first is. With
    no snapshot there are no waves, so nobody can have answered the network questions."""
    if snapshot is None:
        return ProgrammeHeadline(
            cohorts=[], hidden=0, crossing_at_baseline=None, crossing_later=None
        )
    if "network" not in snapshot.data:
        return None
    return headline_from_json(snapshot.data["network"])


def _programme_cohorts(programme: Programme) -> Sequence[Cohort]:
    return list(Cohort.objects.filter(programme=programme).order_by("starts_on", "pk"))


@login_required
def cohort_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = report_cohort(request, pk)
    threshold = threshold_for(request, cohort.programme_id)
    context = _context(cohort.programme, cohort, threshold, [cohort.pk])
    context |= {"cohort": cohort, "title": f"Evaluation of {cohort}"}
    if threshold is None and context["snapshot"]:
        context["free_text"] = free_text_answers(cohort)
    return render(request, "evaluation/report.html", context)


@login_required
def programme_report(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = report_programme(request, slug)
    threshold = threshold_for(request, programme.pk)
    cohorts = _programme_cohorts(programme)
    context = _context(programme, None, threshold, [c.pk for c in cohorts])
    viewer = load_viewer(request)
    context |= {
        "cohorts": cohorts,
        "title": f"Evaluation of {programme.name}",
        "may_export": threshold is None or viewer.has_role(programme.pk, Role.EVALUATOR),
        "network": _network(context["snapshot"]),
    }
    return render(request, "evaluation/report.html", context)


@login_required
def programme_report_trends(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The full cohort-by-cohort trend table as CSV, kept with the snapshot's figures and hidden
    for this audience as the report page is; a wait page until the first figures are ready."""
    programme = report_programme(request, slug)
    threshold = threshold_for(request, programme.pk)
    ids = [c.pk for c in _programme_cohorts(programme)]
    snapshot = snapshot_for(programme, None, threshold, ids)
    if snapshot is not None and "trends_csv" not in snapshot.data:
        return render(
            request,
            "evaluation/report_pdf_waiting.html",
            {
                "programme": programme,
                "snapshot": snapshot,
                "title": "The trend table",
                "heading": "The trend table is being prepared",
            },
        )
    text = snapshot.data["trends_csv"] if snapshot else ",".join(presentation.TREND_HEADERS)
    response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-trends-{programme.slug}.csv"'
    )
    return response


@login_required
def programme_report_pdf(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The board report, drawn by the background task with the figures; a wait page till then."""
    programme = report_programme(request, slug)
    threshold = threshold_for(request, programme.pk)
    ids = [c.pk for c in _programme_cohorts(programme)]
    snapshot = snapshot_for(programme, None, threshold, ids)
    filename = f"evaluation-{programme.slug}"
    if snapshot is None:
        context = board_pdf_context(programme, None, threshold, timezone.now())
        return pdf_response("evaluation/report_pdf.html", context, filename)
    if snapshot.current and snapshot.pdf is not None:
        response = HttpResponse(bytes(snapshot.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    return render(
        request,
        "evaluation/report_pdf_waiting.html",
        {"programme": programme, "snapshot": snapshot, "title": "The board report"},
    )


@login_required
def report_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A snapshot's progress bar alone, polled while it is worked out; a report page reloads."""
    snapshot = ReportSnapshot.objects.select_related("programme").filter(pk=pk).first()
    if snapshot is None:
        raise Http404("Not found")
    if snapshot.cohort_id:
        report_cohort(request, snapshot.cohort_id)
    else:
        report_programme(request, snapshot.programme.slug)
    if threshold_for(request, snapshot.programme_id) != snapshot.threshold:
        raise Http404("Not found")
    pdf = request.GET.get("then") == "pdf"
    response = render(
        request,
        "evaluation/includes/report_progress.html",
        {"snapshot": snapshot, "programme": snapshot.programme, "then_pdf": pdf},
    )
    if not snapshot.in_progress and not pdf and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def programme_export(request: AuthenticatedRequest, slug: str, fmt: str) -> HttpResponse:
    """Every answer, pseudonymised, for programme staff and the programme's evaluators."""
    return ask_for_export(request, "evaluation.answers", fmt, {"programme": slug})


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
