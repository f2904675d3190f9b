"""Builders for cohort files (CSV and XLSX) and a count of every table, for the import tests."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.apps import apps
from openpyxl import Workbook

from commonground.programmes.imports.validation import CohortFields

# The browser test of the import pages uses the shared browser fixtures.
from tests.browser.conftest import browser, page, playwright, sign_in, viewport  # noqa: F401
from tests.conftest import World

HEADERS = (
    "first_name",
    "last_name",
    "email",
    "organisation",
    "organisation_sector",
    "organisation_area",
    "job_title",
    "band",
    "status",
    "enrolled_on",
    "left_on",
    "sponsor_first_name",
    "sponsor_last_name",
    "sponsor_email",
    "sponsor_organisation",
    "sponsor_job_title",
)

FIELDS = CohortFields(
    name="2018/19", starts_on=dt.date(2018, 9, 1), ends_on=dt.date(2019, 7, 31), capacity=48
)


def person_row(first: str, last: str, **cells: str) -> dict[str, str]:
    """A valid participant at Essex County Council, changed by `cells`."""
    row = {
        "first_name": first,
        "last_name": last,
        "email": f"{first}.{last}@example.org".lower(),
        "organisation": "Essex County Council",
        "job_title": "Head of Service",
        "band": "Head of service",
        "status": "completed",
        "enrolled_on": "2018-09-12",
        "left_on": "2019-07-18",
    }
    row.update(cells)
    return row


def csv_bytes(rows: Sequence[dict[str, str]], headers: Sequence[str] = HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """A workbook whose first sheet holds `rows` as given (the first row is the header)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Sessions change as people sign in and move between pages; they hold no programme records.
NOT_COUNTED = {"sessions.Session"}


def table_counts() -> dict[str, int]:
    """How many rows every table holds, to show that a failed import wrote nothing."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in NOT_COUNTED
    }


@pytest.fixture
def unchanged(world: World) -> Callable[[], None]:
    """Call the returned function after an attempt: it fails if any table gained or lost rows.

    It asks for the world so that the counts are taken after the world is built.
    """
    before = table_counts()

    def check() -> None:
        assert table_counts() == before

    return check
