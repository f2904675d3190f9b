"""The import_cohort command: imports a file, or prints each problem as FILE:LINE."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from commonground.directory.models import Area, Organisation, Sector
from commonground.programmes.models import Cohort, CohortStatus, Enrolment, EnrolmentStatus
from tests.conftest import World
from tests.imports.conftest import csv_bytes, person_row

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "imports" / "cohort-2018-19.csv"
OPTIONS = [
    "--programme",
    "leading-greater-essex",
    "--name",
    "2018/19",
    "--starts",
    "2018-09-01",
    "--ends",
    "2019-07-31",
]


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cohort", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _file(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "cohort.csv"
    path.write_bytes(content)
    return str(path)


def test_it_imports_a_file(world: World, tmp_path: Path) -> None:
    path = _file(tmp_path, csv_bytes([person_row("Ann", "Lee"), person_row("Bo", "Ng")]))
    out, _ = _run(*OPTIONS, "--capacity", "40", path)
    assert "Imported 2 participants into 2018/19" in out
    cohort = Cohort.objects.get(programme=world.programme, name="2018/19")
    assert (cohort.capacity, cohort.status) == (40, CohortStatus.COMPLETED)
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_it_prints_each_problem_where_it_is_and_writes_nothing(
    world: World, tmp_path: Path, unchanged: Callable[[], None]
) -> None:
    rows = [person_row("Ann", "Lee"), person_row("Bo", "Ng", email="bo@", status="done")]
    path = _file(tmp_path, csv_bytes(rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems; nothing was imported"):
        call_command("import_cohort", *OPTIONS, path, stderr=err)
    assert err.getvalue().splitlines() == [
        f"{path}:3: column email: 'bo@' is not a valid email address",
        f"{path}:3: column status: 'done' is not a status; "
        "use one of: Active, Withdrawn, Deferred, Completed",
    ]
    unchanged()


def test_it_prints_whole_file_problems_without_a_line(
    world: World, tmp_path: Path, unchanged: Callable[[], None]
) -> None:
    path = _file(tmp_path, b"first_name,last_name\nAnn,Lee\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_cohort", *OPTIONS, path, stderr=err)
    assert f"{path}: Column 'email' is missing" in err.getvalue().splitlines()
    unchanged()


def test_a_dry_run_checks_but_writes_nothing(
    world: World, tmp_path: Path, unchanged: Callable[[], None]
) -> None:
    path = _file(tmp_path, csv_bytes([person_row("Ann", "Lee")]))
    out, _ = _run(*OPTIONS, "--dry-run", path)
    assert "1 participant would be imported into 2018/19 (dry run, nothing written)" in out
    unchanged()


def test_it_fails_cleanly_on_a_missing_file_or_programme(
    world: World, tmp_path: Path, unchanged: Callable[[], None]
) -> None:
    with pytest.raises(CommandError, match="cannot be read"):
        _run(*OPTIONS, str(tmp_path / "missing.csv"))
    path = _file(tmp_path, csv_bytes([person_row("Ann", "Lee")]))
    with pytest.raises(CommandError, match="There is no programme 'nowhere'"):
        _run(*OPTIONS, "--programme", "nowhere", path)
    unchanged()


def test_the_documented_example_file_imports(world: World) -> None:
    for name, short_name, sector, area in (
        (
            "Southend-on-Sea City Council",
            "Southend Council",
            Sector.LOCAL_GOVERNMENT,
            Area.SOUTHEND,
        ),
        ("Thurrock Council", "", Sector.LOCAL_GOVERNMENT, Area.THURROCK),
        ("Chelmsford City Council", "Chelmsford", Sector.LOCAL_GOVERNMENT, Area.ESSEX),
        ("Essex County Fire and Rescue Service", "ECFRS", Sector.FIRE_AND_RESCUE, Area.ESSEX),
        ("Mid and South Essex NHS Foundation Trust", "MSEFT", Sector.HEALTH_AND_CARE, Area.ESSEX),
        (
            "Essex Partnership University NHS Foundation Trust",
            "EPUT",
            Sector.HEALTH_AND_CARE,
            Area.ESSEX,
        ),
        ("Anglia Ruskin University", "ARU", Sector.EDUCATION, Area.ESSEX),
    ):
        Organisation.objects.create(name=name, short_name=short_name, sector=sector, area=area)
    out, _ = _run(*OPTIONS, str(EXAMPLE))
    assert "Imported 12 participants into 2018/19" in out
    cohort = Cohort.objects.get(programme=world.programme, name="2018/19")
    statuses = list(
        Enrolment.objects.filter(cohort=cohort).values_list("status", flat=True).order_by("status")
    )
    assert statuses.count(EnrolmentStatus.COMPLETED) == 10
    liam = Enrolment.objects.get(cohort=cohort, person__email="liam.fairbairn@example.org")
    assert liam.sponsor is not None
    assert liam.sponsor.email == "grace.whitfield@example.org"
    assert Organisation.objects.filter(name="Tendring Community Food Network").exists()
