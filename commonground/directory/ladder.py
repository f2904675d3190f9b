"""The one seniority ladder across sectors, and the band a job title suggests on it.

Police ranks, NHS and fire roles and council tiers name the same seniority differently, so the
programme keeps examples of each sector's titles on the ladder (`BandExample`, first filled
from `data/band-examples.csv`). A title suggests the band of the longest example it contains,
from its own sector first: "Deputy Chief Constable" is a director or equivalent, though it
contains "Chief Constable". A person may choose another band, and staff may correct one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .models import Band, BandExample

# What each rung means, whatever the sector calls it; the pages and the docs show these.
LADDER: list[tuple[str, str]] = [
    (
        Band.CHIEF_OFFICER,
        "Leads a whole organisation: chief executive, chief constable, chief fire officer",
    ),
    (Band.DIRECTOR, "Director or equivalent: on the organisation's executive team"),
    (Band.ASSISTANT_DIRECTOR, "Assistant director or equivalent: leads several services"),
    (Band.HEAD_OF_SERVICE, "Head of service: leads one service"),
    (Band.SENIOR_MANAGER, "Senior manager: leads teams within a service"),
]


@dataclass(frozen=True)
class Example:
    sector: str
    title: str
    band: str


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def load_examples() -> list[Example]:
    """Every example on the ladder, in one query."""
    return [
        Example(sector, title, band)
        for sector, title, band in BandExample.objects.values_list("sector", "title", "band")
    ]


def suggest_band(title: str, sector: str, examples: Iterable[Example]) -> str | None:
    """The band of the longest example title contained in `title`, its own sector first."""
    words = _words(title)
    found = [example for example in examples if _words(example.title) in words]
    if not found:
        return None
    best = max(found, key=lambda e: (e.sector == sector, len(e.title)))
    return best.band
