"""The progression report page and its PDF: the figures, the curve with its table, the caveats."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.directory.ladder import ladder_for
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.pdf import pdf_response

from ..access import get_report_programme
from ..chart import line_chart
from ..records import NEAR_LINE_POINTS, load
from ..report import build


def _context(request: AuthenticatedRequest, slug: str) -> dict[str, Any]:
    """The same figures for the page and the PDF, as this viewer may see them."""
    programme, threshold = get_report_programme(request, slug)
    today = timezone.localdate()
    built = build(load(programme, today), today, threshold)
    years = [point.years for point in built.curve]
    chart = line_chart(
        "Share who have moved up to a more senior band, by years since completing",
        years,
        [
            ("Completed", "completers", [p.completers for p in built.curve]),
            ("Not selected", "applicants", [p.applicants for p in built.curve]),
        ],
    )
    return {
        "programme": programme,
        "report": built,
        "chart": chart,
        "near_line_points": NEAR_LINE_POINTS,
        "staff": threshold is None,
        "ladder": ladder_for(programme.pk),
    }


@login_required
def report(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    return render(request, "progression/report.html", _context(request, slug))


@login_required
def report_pdf(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    context = _context(request, slug)
    return pdf_response(
        "progression/report_pdf.html", context, f"progression-{context['programme'].slug}"
    )
