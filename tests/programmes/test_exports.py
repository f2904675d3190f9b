"""The participant and attendance downloads of a cohort, as CSV and Excel."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from commonground.programmes.exports import ATTENDANCE_HEADERS, PARTICIPANT_HEADERS
from commonground.programmes.models import Attendance, AttendanceStatus
from tests.conftest import World
from tests.exporting import download
from tests.programmes.conftest import Grow


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_it_exports_participants_as_csv(world: World) -> None:
    url = reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "csv"])
    response = download(world.client("staff"), url)
    assert "leading-greater-essex-202627-participants.csv" in response["Content-Disposition"]
    rows = _csv(response.content)
    assert rows[0] == list(PARTICIPANT_HEADERS)
    assert rows[1][:9] == [
        "Pat Participant",
        "pat.participant@example.org",
        "Essex Police",
        "Police and justice",
        "Greater Essex-wide",
        "Head of Service",
        "Head of service",
        "Active",
        "Sam Sponsor",
    ]
    assert len(rows) == 2


def test_it_exports_participants_as_a_spreadsheet(world: World, grow: Grow) -> None:
    grow(6, 0)
    url = reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "xlsx"])
    response = download(world.client("admin"), url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == PARTICIPANT_HEADERS
    assert len(rows) == 1 + 7
    assert sheet.title == "Participants 2026-27"


def test_it_exports_one_attendance_row_per_participant_and_activity(
    world: World, grow: Grow
) -> None:
    Attendance.objects.create(
        activity=world.activity,
        enrolment=world.enrolment,
        status=AttendanceStatus.PRESENT,
        recorded_by=world.users["staff"],
    )
    grow(3, 2)
    url = reverse("programmes:cohort_attendance_export", args=[world.cohort.pk, "csv"])
    rows = _csv(download(world.client("facilitator"), url).content)
    assert rows[0] == list(ATTENDANCE_HEADERS)
    assert len(rows) == 1 + 3 * 4  # (1 + 2 activities added) x (1 + 3 people)
    pat = next(row for row in rows if row[1] == "Leading in complexity" and "Pat" in row[4])
    assert pat[2:8] == [
        "Learning day",
        "Yes",
        "Pat Participant",
        "Essex Police",
        "Present",
        "Staff",
    ]
    assert pat[0].endswith(":00:00") and pat[8]


def test_it_exports_attendance_as_a_spreadsheet(world: World) -> None:
    url = reverse("programmes:cohort_attendance_export", args=[world.cohort.pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(download(world.client("staff"), url).content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ATTENDANCE_HEADERS
    assert rows[1][1] == "Leading in complexity" and rows[1][6] is None


def test_it_refuses_a_format_it_does_not_make(world: World) -> None:
    url = reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "pdf"])
    assert world.client("staff").get(url).status_code == 404


def test_facilitators_may_not_export_participants(world: World) -> None:
    url = reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "csv"])
    assert world.client("facilitator").get(url).status_code == 403
