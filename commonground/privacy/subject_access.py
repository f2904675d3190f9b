"""The subject access export: everything held about one person, as a ZIP of JSON and CSV files
with a readable summary, prepared in the background by the exports app.

The ZIP holds, for each kind of record registered in `lib/personal_data.py`, `<kind>.json` and
`<kind>.csv`, and `summary.html` saying what is held, by which part of the site, how many records
and why it is kept. It is one of the exports app's exports, so it has that app's progress page,
private download and expiry, and its access is checked again when it runs and when it is fetched.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from commonground.directory.models import Person
from commonground.exports import registry as exports
from commonground.lib.access import get_person
from commonground.lib.exports import Progress, cell
from commonground.lib.personal_data import Holding, Row, holdings

EXPORT_NAME = "privacy.subject_access"


def person_for_staff(request: HttpRequest, pk: int) -> Person:
    """The person, for programme staff and the site administrator only: facilitators, who read
    the directory, may not take everything held about someone."""
    return get_person(request, pk, write=True)


def _columns(rows: Iterable[Row]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = _columns(rows)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(cell(row.get(column))) for column in columns])
    return out.getvalue()


def _text(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return value


def write_zip(person: Person, path: Path, progress: Progress) -> None:
    """Write the person's ZIP to `path`, saying after each kind how many kinds are done."""
    found: list[tuple[Holding, int]] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, holding in enumerate(holdings(), start=1):
            rows = holding.rows(person)
            archive.writestr(
                f"{holding.key}.json",
                json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            # The BOM lets a spreadsheet open the CSV as UTF-8, as the site's other CSVs do.
            archive.writestr(f"{holding.key}.csv", "\ufeff" + _csv(rows))
            found.append((holding, len(rows)))
            progress(done)
        archive.writestr("summary.html", summary(person, found))


def summary(person: Person, found: list[tuple[Holding, int]]) -> str:
    return render_to_string(
        "privacy/summary.html",
        {
            "person": person,
            "found": found,
            "held": [(holding, count) for holding, count in found if count],
            "prepared_at": timezone.now(),
        },
    )


def _prepare(request: HttpRequest, params: exports.Params) -> exports.Sheet:
    try:
        pk = int(params.get("person", ""))
    except ValueError:
        raise Http404("Not found") from None
    person = person_for_staff(request, pk)
    return exports.Sheet(
        title=f"Everything held about {person.name}",
        filename=f"subject-access-{person.pk}",
        headers=(),
        rows=lambda: (),
        count=lambda: len(holdings()),
        write=lambda path, progress: write_zip(person, path, progress),
    )


def register_export() -> None:
    exports.register(EXPORT_NAME, _prepare, formats=("zip",))
