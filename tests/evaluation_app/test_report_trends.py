"""A programme of many cohorts: the page and the board PDF show the latest cohorts' trends and
say where the rest are; the full table downloads as CSV, hidden for each audience as the page."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Person
from commonground.evaluation import presentation
from commonground.evaluation.models import (
    InstrumentVersion,
    ReportSnapshot,
    SurveyResponse,
    WaveKind,
)
from commonground.programmes.models import Cohort, Enrolment
from tests.conftest import World

from .conftest import ReportGetter, answer_all, make_wave

COHORTS = 14


def _cohorts(world: World, version: InstrumentVersion, names: str = "") -> list[Cohort]:
    """14 yearly cohorts of 6 people answering at baseline and end; the earliest has only 2.
    Named "Trend 2000" and on, or by the letters of `names` in turn."""
    cohorts = []
    rows = []
    for year in range(COHORTS):
        cohort = Cohort.objects.create(
            programme=world.programme,
            name=f"Intake {names[year]}" if names else f"Trend {2000 + year}",
            starts_on=dt.date(2000 + year, 9, 1),
            ends_on=dt.date(2001 + year, 7, 31),
        )
        cohorts.append(cohort)
        people = Person.objects.bulk_create(
            Person(first_name=f"T{year}x{i}", last_name="Trend", email=f"t{year}x{i}@example.org")
            for i in range(2 if year == 0 else 6)
        )
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(person=p, cohort=cohort, enrolled_on=cohort.starts_on) for p in people
        )
        for kind, lift in ((WaveKind.BASELINE, 0), (WaveKind.END, 1)):
            wave = make_wave(cohort.pk, version, kind, open_now=False)
            for at, enrolment in enumerate(enrolments):
                ratings = {
                    k: min(5, v + lift * (at % 2)) for k, v in answer_all(version, 3).items()
                }
                rows.append(
                    SurveyResponse(
                        wave=wave,
                        enrolment=enrolment,
                        rater_type="self",
                        version=version,
                        ratings=ratings,
                        submitted_at=timezone.now(),
                    )
                )
    SurveyResponse.objects.bulk_create(rows)
    return cohorts


def _trend_table(role_threshold: int | None) -> presentation.Table:
    snapshot = ReportSnapshot.objects.get(cohort=None, threshold=role_threshold)
    tables = presentation.from_json(snapshot.data).tables
    return next(t for t in tables if t.caption.startswith("Change from baseline to end, cohort"))


def _csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_page_shows_the_latest_cohorts_and_says_where_the_others_are(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    cohorts = _cohorts(world, version)
    url = reverse("evaluation:programme_report", args=[world.programme.slug])
    html = report_get(world.client("staff"), url).content.decode()
    table = _trend_table(None)
    shown = {row.cells[0].text for row in table.rows}
    # The world's own two cohorts have no answers, so the trends are the 14 cohorts'.
    assert shown == {c.name for c in cohorts[-presentation.LATEST_TRENDS :]}
    assert "Trend 2000" not in shown and "Trend 2001" not in shown
    assert table.note == (
        "This table shows the latest 12 cohorts, Trend 2002 to Trend 2013. The 2 earlier "
        "cohorts (Trend 2000 to Trend 2001) are in the full table, which the programme's "
        "evaluation report offers as a CSV file to download."
    )
    assert "The 2 earlier cohorts (Trend 2000 to Trend 2001)" in html
    trends = reverse("evaluation:programme_report_trends", args=[world.programme.slug])
    assert f'href="{trends}"' in html


@pytest.mark.django_db
def test_the_latest_cohorts_are_the_latest_to_start_whatever_their_names(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    # Named against the calendar: the first to start is "Intake Z", the last "Intake M".
    _cohorts(world, version, names="ZYXWVUTSRQPONM")
    report_get(
        world.client("staff"), reverse("evaluation:programme_report", args=[world.programme.slug])
    )
    table = _trend_table(None)
    assert [row.cells[0].text for row in table.rows[:12]] == [f"Intake {c}" for c in "XWVUTSRQPONM"]
    assert table.note.startswith("This table shows the latest 12 cohorts, Intake X to Intake M.")
    assert "The 2 earlier cohorts (Intake Z to Intake Y)" in table.note
    rows = _csv(
        world.client("staff").get(
            reverse("evaluation:programme_report_trends", args=[world.programme.slug])
        )
    )
    assert [r[1] for r in rows[1:15]] == [f"Intake {c}" for c in "ZYXWVUTSRQPONM"]


@pytest.mark.django_db
def test_the_full_trend_table_downloads_with_every_cohort(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    _cohorts(world, version)
    report_get(
        world.client("staff"), reverse("evaluation:programme_report", args=[world.programme.slug])
    )
    response = world.client("staff").get(
        reverse("evaluation:programme_report_trends", args=[world.programme.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == presentation.TREND_HEADERS
    # Five themes, each with every cohort, the earliest included with its two pairs.
    assert len(rows) == 1 + 5 * COHORTS
    assert {r[1] for r in rows[1:]} == {f"Trend {2000 + y}" for y in range(COHORTS)}
    earliest = next(r for r in rows[1:] if r[1] == "Trend 2000")
    assert earliest[2] == "2"


@pytest.mark.django_db
def test_the_full_trend_table_hides_small_cohorts_outside_programme_staff(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    _cohorts(world, version)
    url = reverse("evaluation:programme_report", args=[world.programme.slug])
    report_get(world.client("board"), url)
    rows = _csv(
        world.client("board").get(
            reverse("evaluation:programme_report_trends", args=[world.programme.slug])
        )
    )
    earliest = [r for r in rows[1:] if r[1] == "Trend 2000"]
    assert len(earliest) == 5
    assert all(r[2] == "fewer than 5 responses" for r in earliest)
    # The other cohorts' six pairs show (the line rule may hide one more, so the two are not
    # told apart by subtraction).
    assert sum(1 for r in rows[1:] if r[2] == "6") >= 5 * (COHORTS - 2)
