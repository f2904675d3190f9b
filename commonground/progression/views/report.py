"""The progression report page: the figures, the curve with its table, and the caveats."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.directory.ladder import ladder_for
from commonground.lib.http import AuthenticatedRequest

from ..access import get_report_programme
from ..chart import line_chart
from ..records import NEAR_LINE_POINTS, load
from ..report import build


@login_required
def report(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, threshold = get_report_programme(request, slug)
    today = timezone.localdate()
    built = build(load(programme, today), today, threshold)
    years = [point.years for point in built.curve]
    chart = line_chart(
        "Share who have moved up to a more senior band, by years from the start",
        years,
        [
            ("Completed", "completers", [p.completers for p in built.curve]),
            ("Not selected", "applicants", [p.applicants for p in built.curve]),
        ],
    )
    return render(
        request,
        "progression/report.html",
        {
            "programme": programme,
            "report": built,
            "chart": chart,
            "near_line_points": NEAR_LINE_POINTS,
            "staff": threshold is None,
            "ladder": ladder_for(programme.pk),
        },
    )
