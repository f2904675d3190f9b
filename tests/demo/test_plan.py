"""The demo is built from a fixed seed: the same day gives the same people, every time."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from commonground.directory.models import Area, Person, Sector
from commonground.directory.reference import read_organisations
from commonground.programmes.demo.build import build_plan
from commonground.programmes.demo.cohorts import calendar
from commonground.programmes.demo.plan import DemoPlan
from commonground.programmes.demo.seed import Summary

TODAY = dt.date(2026, 11, 26)


def _digest(pairs: list[tuple[str, str]]) -> str:
    return hashlib.sha256(repr(sorted(pairs)).encode()).hexdigest()


def _plan_digest(plan: DemoPlan) -> str:
    return _digest([(f"{p.first_name} {p.last_name}", p.email) for p in plan.people])


def test_the_same_seed_gives_the_same_people() -> None:
    organisations = read_organisations()
    assert _plan_digest(build_plan(TODAY, organisations)) == _plan_digest(
        build_plan(TODAY, organisations)
    )


def test_another_seed_gives_other_people() -> None:
    organisations = read_organisations()
    assert _plan_digest(build_plan(TODAY, organisations)) != _plan_digest(
        build_plan(TODAY, organisations, seed=7)
    )


@pytest.mark.django_db
def test_the_database_holds_the_planned_people(demo: Summary) -> None:
    from django.utils import timezone

    plan = build_plan(timezone.localdate(), read_organisations())
    stored = [(p.name, p.email) for p in Person.objects.all()]
    assert _digest(stored) == _plan_digest(plan)


@pytest.mark.parametrize(
    ("today", "latest", "statuses"),
    [
        (dt.date(2026, 11, 26), "2027/28", ["running", "planning"]),
        (dt.date(2027, 4, 10), "2027/28", ["running", "recruiting"]),
        (dt.date(2027, 8, 15), "2027/28", ["completed", "selecting"]),
        (dt.date(2016, 10, 1), "2017/18", ["running", "planning"]),
    ],
)
def test_cohort_status_follows_the_september_to_july_year(
    today: dt.date, latest: str, statuses: list[str]
) -> None:
    cohorts = calendar(today)
    assert cohorts[0].name == "2016/17"
    assert cohorts[-1].name == latest
    assert [c.status for c in cohorts[-2:]] == statuses


def test_the_reference_file_maps_sectors_and_areas() -> None:
    rows = {row.name: row for row in read_organisations()}
    assert rows["Southend-on-Sea City Council"].area == Area.SOUTHEND
    assert rows["Essex County Fire and Rescue Service"].sector == Sector.FIRE_AND_RESCUE
    assert rows["Essex Partners"].area == Area.GREATER_ESSEX


def test_an_unknown_sector_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "organisations.csv"
    path.write_text(
        "name,short_name,sector,kind,area,locality\n"
        "Essex Police,,Police and justice,Police force,Greater Essex,\n"
        "Acme,,Widgets,Shop,Essex,\n"
    )
    with pytest.raises(ImproperlyConfigured, match="line 3: 'Widgets'"):
        read_organisations(path)
