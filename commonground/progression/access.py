"""Who sees the progression report: anyone with a role in the programme; every figure for its
staff, and small numbers hidden from facilitators, board viewers and evaluators."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from commonground.lib.access import Level, load_viewer, require
from commonground.lib.small_numbers import threshold_for
from commonground.programmes.models import Programme


def get_report_programme(
    request: HttpRequest, slug: str, needed: Level = Level.AGGREGATE
) -> tuple[Programme, int | None]:
    """The programme and the viewer's small-number threshold (None for programme staff)."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    level = load_viewer(request).programme_level(programme.pk)
    require(level, needed)
    return programme, threshold_for(exact=level >= Level.WRITE)
