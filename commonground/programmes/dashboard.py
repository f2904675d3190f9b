"""The board's movement dashboard for one viewer: who may open it, and what it shows them.

The page, its PDF and the API read it from here. Staff, facilitators, evaluators and board
viewers of a programme open it (others get 404); small numbers are hidden from board viewers and
evaluators, as on the programme's page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.utils import timezone

from commonground.lib.access import Level, load_viewer, require
from commonground.lib.small_numbers import threshold_for

from .models import Programme
from .movement import MovementFigure, MovementSection, movement_figures, movement_sections


@dataclass(frozen=True)
class Dashboard:
    programme: Programme
    threshold: int | None
    today: dt.date
    figures: list[MovementFigure]
    sections: list[MovementSection]


def dashboard_programme(request: HttpRequest, slug: str) -> tuple[Programme, int | None]:
    """The programme and the small-number threshold for this viewer; 404 without a role in it."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    level = load_viewer(request).programme_level(programme.pk)
    require(level, Level.AGGREGATE)
    return programme, threshold_for(exact=level >= Level.READ)


def dashboard(request: HttpRequest, slug: str, *, sections: bool = True) -> Dashboard:
    programme, threshold = dashboard_programme(request, slug)
    today = timezone.localdate()
    return Dashboard(
        programme=programme,
        threshold=threshold,
        today=today,
        figures=movement_figures(programme, threshold, today),
        sections=movement_sections(programme, threshold, today) if sections else [],
    )
