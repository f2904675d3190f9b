"""A band in a programme's own words, for pages that show posts."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def band_in(band: str, labels: dict[str, str]) -> str:
    """`{{ post.band|band_in:labels }}`, with `labels` from `Ladder.labels`."""
    return labels.get(band, "")
