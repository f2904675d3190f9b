"""Each programme's seniority ladder across sectors, and the band a job title suggests on it.

Every ladder has the same five bands in the same order (`Band`), so progression compares
alike across programmes; each programme names and describes its rungs in its own words
(`Rung`). Police ranks, NHS and fire roles and council tiers name the same seniority
differently, so each programme keeps examples of each sector's titles (`BandExample`); a new
programme starts from the standard ladder below and `data/band-examples.csv`.

A title suggests the band of the longest example it contains, from its own sector first:
"Deputy Chief Constable" is a director or equivalent, though it contains "Chief Constable". A
person in several programmes is placed with the ladder of the programme they joined last (the
latest cohort they are enrolled in), the one that now follows their career. A person may choose
another band, and staff may correct one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Band, BandExample, Person, Rung

STANDARD_EXAMPLES = Path(__file__).resolve().parent / "data" / "band-examples.csv"

# The standard ladder, most senior first: every new programme starts with these words.
STANDARD: list[tuple[str, str, str]] = [
    (
        Band.CHIEF_OFFICER,
        "Chief officer",
        "Leads a whole organisation: chief executive, chief constable, chief fire officer",
    ),
    (Band.DIRECTOR, "Director", "Director or equivalent: on the organisation's executive team"),
    (
        Band.ASSISTANT_DIRECTOR,
        "Assistant director",
        "Assistant director or equivalent: leads several services",
    ),
    (Band.HEAD_OF_SERVICE, "Head of service", "Head of service: leads one service"),
    (Band.SENIOR_MANAGER, "Senior manager", "Senior manager: leads teams within a service"),
]
RUNG_BANDS = [band for band, _label, _meaning in STANDARD]


@dataclass(frozen=True)
class Example:
    sector: str
    title: str
    band: str


@dataclass(frozen=True)
class Ladder:
    """A programme's rungs in the fixed order, with its labels and meanings."""

    rungs: list[Rung]

    @property
    def labels(self) -> dict[str, str]:
        """Each band's label on this ladder; a band with no rung (Other) keeps its own name."""
        named = {str(value): str(label) for value, label in Band.choices}
        return named | {rung.band: rung.label for rung in self.rungs}

    def label(self, band: str) -> str:
        return self.labels.get(band, "")

    def choices(self) -> list[tuple[str, str]]:
        labels = self.labels
        return [(str(value), labels[str(value)]) for value in Band.values]


STANDARD_LADDER = Ladder(
    [Rung(band=band, label=label, meaning=meaning) for band, label, meaning in STANDARD]
)


def ladder_for(programme_id: int | None) -> Ladder:
    """The programme's ladder in one query, or the standard one where no programme is known."""
    if programme_id is None:
        return STANDARD_LADDER
    rungs = {rung.band: rung for rung in Rung.objects.filter(programme_id=programme_id)}
    found = [rungs[band] for band in RUNG_BANDS if band in rungs]
    return Ladder(found) if found else STANDARD_LADDER


def programme_of(person: Person | None) -> int | None:
    """The programme whose ladder places this person: that of the latest cohort they joined."""
    if person is None or person.pk is None:
        return None
    # Through the person's own enrolments: the directory sits below programmes and never imports
    # their models.
    programme_id: int | None = (
        person.enrolments.order_by("-cohort__starts_on", "-pk")
        .values_list("cohort__programme_id", flat=True)
        .first()
    )
    return programme_id


def load_examples(programme_id: int | None) -> list[Example]:
    """Every example on the programme's ladder, in one query; none where no programme is known."""
    if programme_id is None:
        return []
    return [
        Example(sector, title, band)
        for sector, title, band in BandExample.objects.filter(
            programme_id=programme_id
        ).values_list("sector", "title", "band")
    ]


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def suggest_band(title: str, sector: str, examples: Iterable[Example]) -> str | None:
    """The band of the longest example title contained in `title`, its own sector first."""
    words = _words(title)
    found = [example for example in examples if _words(example.title) in words]
    if not found:
        return None
    best = max(found, key=lambda e: (e.sector == sector, len(e.title)))
    return best.band


def standard_examples() -> list[dict[str, str]]:
    with STANDARD_EXAMPLES.open(newline="", encoding="utf-8") as examples:
        return list(csv.DictReader(examples))


def start_ladder(programme_id: int) -> None:
    """Give a programme the standard ladder and examples, unless it has a ladder already."""
    with transaction.atomic():
        if Rung.objects.filter(programme_id=programme_id).exists():
            return
        Rung.objects.bulk_create(
            Rung(programme_id=programme_id, band=band, label=label, meaning=meaning)
            for band, label, meaning in STANDARD
        )
        BandExample.objects.bulk_create(
            BandExample(programme_id=programme_id, **row) for row in standard_examples()
        )
