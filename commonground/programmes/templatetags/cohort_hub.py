"""What a cohort's sub-navigation may offer the viewer: no queries (the viewer is loaded once)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from commonground.lib.access import Level, load_viewer
from commonground.programmes.models import Cohort

register = template.Library()


@dataclass(frozen=True)
class CohortAccess:
    """Which parts of a cohort the viewer may open: members see the overview, participants,
    calendar, their groups and challenges; facilitators also attendance and completion; staff
    every part."""

    member: bool
    reads: bool
    writes: bool


@register.simple_tag(takes_context=True)
def cohort_access(context: dict[str, Any], cohort: Cohort) -> CohortAccess:
    level = load_viewer(context["request"]).cohort_level(cohort)
    return CohortAccess(
        member=level >= Level.MEMBER, reads=level >= Level.READ, writes=level >= Level.WRITE
    )
