"""The board's movement dashboard: one page and one PDF of what happens after the year.

Every figure the apps register (programmes/movement.py) with its definition, date and interval,
then each section they add (initiatives and their indicators), as `dashboard.py` decides.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from commonground.lib.http import AuthenticatedRequest
from commonground.lib.pdf import pdf_response

from ..dashboard import dashboard


@login_required
def movement(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    board = dashboard(request, slug)
    return render(request, "programmes/movement.html", {"board": board})


@login_required
def movement_pdf(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    board = dashboard(request, slug)
    return pdf_response(
        "programmes/movement_pdf.html", {"board": board}, f"movement-{board.programme.slug}"
    )
