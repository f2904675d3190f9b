"""The organisations of Greater Essex that the product ships with, read from its reference CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .models import Area, Organisation, Sector

Choice = TypeVar("Choice", Sector, Area)

ORGANISATIONS_CSV = Path(__file__).resolve().parent / "data" / "greater-essex-organisations.csv"


@dataclass(frozen=True)
class OrganisationRow:
    name: str
    short_name: str
    sector: Sector
    kind: str
    area: Area
    locality: str


def _choice(enum: type[Choice], text: str, line: int) -> Choice:
    for member in enum:
        if text.strip().lower() in (member.value.lower(), member.label.lower()):
            return member
    raise ImproperlyConfigured(
        f"{ORGANISATIONS_CSV.name} line {line}: {text!r} is not one of "
        + ", ".join(member.value for member in enum)
    )


def read_organisations(path: Path = ORGANISATIONS_CSV) -> list[OrganisationRow]:
    """Every row of the reference file, with its sector and area checked against the choices."""
    with path.open(newline="", encoding="utf-8") as file:
        return [
            OrganisationRow(
                name=row["name"].strip(),
                short_name=row["short_name"].strip(),
                sector=_choice(Sector, row["sector"], line),
                kind=row["kind"].strip(),
                area=_choice(Area, row["area"], line),
                locality=row["locality"].strip(),
            )
            for line, row in enumerate(csv.DictReader(file), start=2)
        ]


@transaction.atomic
def load_organisations(path: Path = ORGANISATIONS_CSV) -> dict[str, Organisation]:
    """Create the reference organisations that are missing; existing ones are left as they are."""
    rows = read_organisations(path)
    existing = {
        org.name: org for org in Organisation.objects.filter(name__in=[r.name for r in rows])
    }
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=row.name,
                short_name=row.short_name if row.short_name != row.name else "",
                sector=row.sector,
                kind=row.kind,
                area=row.area,
                locality=row.locality,
            )
            for row in rows
            if row.name not in existing
        ]
    )
    return {org.name: org for org in Organisation.objects.filter(name__in=[r.name for r in rows])}
