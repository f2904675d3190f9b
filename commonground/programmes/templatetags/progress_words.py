"""A participant's progress in words (see `programmes.progress`), for the pages that show it."""

from __future__ import annotations

from django import template

from ..commitment import Standing
from ..completion import Progress
from ..progress import RuleLine, rule_lines, sponsor_sentence

register = template.Library()


@register.simple_tag
def progress_lines(progress: Progress) -> list[RuleLine]:
    """Each completion rule as met, missed or not yet, with its sentence."""
    return rule_lines(progress)


@register.simple_tag
def attendance_for_sponsor(standing: Standing) -> str:
    """A sponsored participant's attendance so far beside what completion asks for."""
    return sponsor_sentence(standing)
