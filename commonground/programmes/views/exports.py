"""Downloads of a cohort: its participants (staff) and its attendance (staff and facilitators),
prepared in the background (`programmes/exports.py` holds their rows)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from commonground.exports.views import ask_for_export
from commonground.lib.http import AuthenticatedRequest


@login_required
def participants(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    return ask_for_export(request, "programmes.participants", fmt, {"cohort": str(pk)})


@login_required
def attendance(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    return ask_for_export(request, "programmes.attendance", fmt, {"cohort": str(pk)})
