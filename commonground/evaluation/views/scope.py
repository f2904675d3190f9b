"""How much of an evaluation report's numbers a viewer sees (who may open it: evaluation.access)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from commonground.lib.access import Level, load_viewer


def threshold_for(request: HttpRequest, programme_id: int) -> int | None:
    """None (every number shown) for programme staff, the small-number threshold for others."""
    if load_viewer(request).programme_level(programme_id) >= Level.WRITE:
        return None
    threshold: int = settings.SMALL_NUMBER_THRESHOLD
    return threshold
