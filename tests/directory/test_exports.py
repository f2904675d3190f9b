"""Exports of organisations and of the filtered people, as CSV and XLSX."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.exporting import download


def _csv(response: HttpResponse) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response: HttpResponse) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


def test_it_exports_every_organisation_as_csv(world: World) -> None:
    url = reverse("directory:organisations_export", args=["csv"])
    response = download(world.client("staff"), url, {"sector": "Partnership"})
    rows = _csv(response)
    assert response["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    assert rows[0] == ["Name", "Short name", "Sector", "Kind", "Area", "Locality", "People"]
    assert rows[1:] == [
        ["Essex County Council", "ECC", "Local government", "", "Essex", "", "3"],
        ["Essex Partners", "", "Partnership", "", "Greater Essex-wide", "", "0"],
        ["Essex Police", "", "Police and justice", "", "Greater Essex-wide", "", "1"],
    ]


def test_it_exports_organisations_as_xlsx(world: World) -> None:
    url = reverse("directory:organisations_export", args=["xlsx"])
    rows = _xlsx(download(world.client("staff"), url))
    assert len(rows) == 4
    assert rows[3][:3] == ["Essex Police", "", "Police and justice"]


def test_it_exports_the_filtered_people_as_csv(world: World) -> None:
    Enrolment.objects.create(person=world.alumnus_person, cohort=world.cohort)
    url = reverse("directory:people_export", args=["csv"])
    rows = _csv(download(world.client("staff"), url, {"organisation": world.organisation.name}))
    assert rows[0] == [
        "Name",
        "Email",
        "Organisation",
        "Sector",
        "Area",
        "Job title",
        "Band",
        "Cohorts",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert sorted(by_name) == ["Alex Alumnus", "Olly Outsider", "Sam Sponsor"]
    assert by_name["Alex Alumnus"] == [
        "Alex Alumnus",
        "alex.alumnus@example.org",
        "Essex County Council",
        "Local government",
        "Essex",
        "Head of Service",
        "Head of service",
        "Leading Greater Essex 2024/25; Leading Greater Essex 2026/27",
    ]
    # The outsider's cohort is in a programme this staff member does not run.
    assert by_name["Olly Outsider"][7] == ""


def test_it_exports_the_filtered_people_as_xlsx(world: World) -> None:
    url = reverse("directory:people_export", args=["xlsx"])
    rows = _xlsx(download(world.client("staff"), url, {"cohort": str(world.cohort)}))
    assert rows[1:] == [
        [
            "Pat Participant",
            "pat.participant@example.org",
            "Essex Police",
            "Police and justice",
            "Greater Essex-wide",
            "Head of Service",
            "Head of service",
            "Leading Greater Essex 2026/27",
        ]
    ]


def test_an_unknown_format_is_not_found(world: World) -> None:
    url = reverse("directory:people_export", args=["pdf"])
    assert world.client("staff").get(url).status_code == 404


def test_exports_are_not_found_for_participants(world: World) -> None:
    for name in ("directory:people_export", "directory:organisations_export"):
        assert world.client("participant").get(reverse(name, args=["csv"])).status_code == 404
