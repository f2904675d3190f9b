"""The public privacy notice and accessibility statement, linked from every page's footer."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from commonground.lib import retention
from commonground.lib.personal_data import holdings


def _contact() -> dict[str, str]:
    return {"contact": settings.DATA_PROTECTION_EMAIL, "controller": settings.DATA_CONTROLLER}


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """What is kept, why, on what lawful basis, for how long (from settings), and the rights."""
    periods = [(kind, retention.days(kind)) for kind in retention.kinds()]
    apps: dict[str, list[str]] = {}
    for holding in holdings():
        apps.setdefault(holding.app, []).append(holding.title)
    return render(
        request,
        "privacy/notice.html",
        {**_contact(), "periods": periods, "apps": sorted(apps.items())},
    )


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/accessibility.html", _contact())
