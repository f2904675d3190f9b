"""Exports prepared in the background: the file holds the rows, the page shows how far it has got,
only the person who asked may download it, and it is gone once expired."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import Settings

from commonground.audit.models import AuditEntry
from commonground.directory.models import Person
from commonground.exports import services
from commonground.exports.models import Export, Status
from commonground.exports.tasks import prepare_export
from commonground.programmes.models import ProgrammeRole
from tests.conftest import World
from tests.exporting import ask, download

PEOPLE = reverse("directory:people_export", args=["csv"])


def test_a_csv_of_many_people_holds_every_one_with_the_filters_applied(
    world: World, add_people: Callable[[int], list[Person]]
) -> None:
    add_people(45)
    response = download(world.client("staff"), PEOPLE, {"organisation": world.organisation.name})
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Organisation"]
    names = [row[0] for row in rows[1:]]
    # The council's three people and the 45 added; the police officer is filtered out.
    assert len(names) == 48 and "Pat Participant" not in names
    assert names[:2] == ["Alex Alumnus", "Olly Outsider"]
    assert ["Extra7 Person007", "extra7@example.org", "Essex County Council"] in [
        row[:3] for row in rows
    ]
    export = Export.objects.get()
    assert (export.status, export.rows_done, export.rows_total) == (Status.READY, 48, 48)


def test_an_excel_file_holds_the_same_rows(
    world: World, add_people: Callable[[int], list[Person]]
) -> None:
    add_people(12)
    url = reverse("directory:people_export", args=["xlsx"])
    response = download(world.client("staff"), url, {"cohort": str(world.cohort)})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 13  # the participant and the twelve added, all in the cohort
    assert [row[0] for row in rows[1:3]] == ["Pat Participant", "Extra0 Person000"]


def test_a_name_typed_as_a_formula_stays_text(world: World) -> None:
    world.alumnus_person.first_name = '=HYPERLINK("http://bad")'
    world.alumnus_person.save()
    text = download(world.client("staff"), PEOPLE).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_asking_returns_at_once_with_the_progress_page_and_an_audit_entry(world: World) -> None:
    client = world.client("staff")
    response = client.post(PEOPLE)  # the background run waits for the commit, as in production
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:export", args=[export.pk])
    assert export.status == Status.WAITING and export.owner == world.users["staff"]
    assert AuditEntry.objects.filter(action="exports.export.created").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Waiting to start" in page
    assert f'hx-get="{reverse("exports:export_progress", args=[export.pk])}"' in page
    assert "Check again" in page  # without scripts, a link does what the polling does


def test_the_page_shows_how_far_it_has_got(world: World) -> None:
    export = _made(world, status=Status.WORKING, rows_done=40000, rows_total=100000)
    client = world.client("staff")
    for name in ("exports:export", "exports:export_progress"):
        page = client.get(reverse(name, args=[export.pk])).content.decode()
        assert "Preparing… 40,000 of 100,000 rows" in page
        assert 'value="40"' in page


def test_the_run_reports_progress_as_it_writes(
    world: World, add_people: Callable[[int], list[Person]], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(25)
    monkeypatch.setattr("commonground.lib.exports.PROGRESS_EVERY", 10)
    seen: list[int] = []
    real = Export.objects.filter

    def watching(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)
        update = found.update

        def recorded(**values: object) -> int:
            if "rows_done" in values:
                seen.append(int(values["rows_done"]))  # type: ignore[call-overload]
            return update(**values)

        found.update = recorded  # type: ignore[method-assign]
        return found

    monkeypatch.setattr(Export.objects, "filter", watching)
    export = ask(world.client("staff"), PEOPLE)
    assert seen == [10, 20, 29]  # the world's four people and the 25 added
    export.refresh_from_db()
    assert export.status == Status.READY and export.percent == 100


def test_a_run_is_never_started_twice(world: World) -> None:
    export = _made(world, status=Status.WORKING)
    assert prepare_export.call(export.pk) == "already started"


def test_someone_elses_export_is_not_found(world: World) -> None:
    export = ask(world.client("staff"), PEOPLE)
    for role in ("other_staff", "admin", "facilitator"):
        client = world.client(role)
        for name in ("exports:export", "exports:export_progress", "exports:export_download"):
            assert client.get(reverse(name, args=[export.pk])).status_code == 404, (role, name)
    listed = world.client("other_staff").get(reverse("exports:exports")).content.decode()
    assert reverse("exports:export", args=[export.pk]) not in listed


def test_a_file_is_not_handed_over_once_its_asker_lost_access(world: World) -> None:
    export = ask(world.client("facilitator"), PEOPLE)
    ProgrammeRole.objects.filter(user=world.users["facilitator"]).delete()
    link = reverse("exports:export_download", args=[export.pk])
    assert world.client("facilitator").get(link).status_code == 404


def test_an_export_asked_for_by_someone_who_then_lost_access_fails_with_a_reason(
    world: World,
) -> None:
    client = world.client("facilitator")
    client.post(PEOPLE)
    export = Export.objects.get()
    ProgrammeRole.objects.filter(user=world.users["facilitator"]).delete()
    prepare_export.call(export.pk)
    export.refresh_from_db()
    assert export.status == Status.FAILED
    assert not export.path.exists()
    page = client.get(reverse("exports:export", args=[export.pk])).content.decode()
    assert "You may no longer export this" in page


def test_an_expired_export_is_gone(world: World) -> None:
    export = ask(world.client("staff"), PEOPLE)
    assert export.path.exists()
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client = world.client("staff")
    assert client.get(reverse("exports:export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("exports:export", args=[export.pk])).status_code == 404
    out = io.StringIO()
    call_command("delete_expired_exports", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 expired export."
    assert not export.path.exists()
    assert not Export.objects.exists()


def test_an_export_is_kept_for_the_set_hours(world: World, settings: object) -> None:
    export = ask(world.client("staff"), PEOPLE)
    assert export.finished_at is not None
    assert export.expires_at - export.finished_at == dt.timedelta(hours=24)
    assert services.delete_expired() == 0


def test_the_list_shows_ones_own_exports(world: World) -> None:
    ask(world.client("staff"), PEOPLE)
    page = world.client("staff").get(reverse("exports:exports")).content.decode()
    assert "People (CSV)" in page and "Ready to download" in page


def test_the_ask_page_says_what_will_be_prepared(world: World) -> None:
    page = world.client("staff").get(PEOPLE).content.decode()
    assert "Export People as CSV" in page
    assert "Prepare the CSV file" in page
    assert not Export.objects.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_asking_runs_a_fixed_number_of_queries(
    world: World,
    django_assert_num_queries: DjangoAssertNumQueries,
    add_people: Callable[[int], list[Person]],
    size: int,
    settings: Settings,
) -> None:
    # The production queue: the run is one row written once the export is committed.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    add_people(size)
    client = world.client("staff")
    url = f"{PEOPLE}?cohort=2026&q=extra"
    client.post(url)  # once first, so cached content types do not change the count
    # session, user, roles, person; the export, its audit entry (each in a savepoint), and
    # queuing its run once committed (the filters are words, read only when the file is written)
    with django_assert_num_queries(9), TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302


def _made(world: World, **fields: object) -> Export:
    now = timezone.now()
    values: dict[str, object] = {
        "owner": world.users["staff"],
        "kind": "directory.people",
        "fmt": "csv",
        "title": "People",
        "filename": "people",
        "heartbeat_at": now,
        "expires_at": now + dt.timedelta(hours=1),
    }
    return Export.objects.create(**(values | fields))


@pytest.mark.parametrize("size", [1, 15])
def test_the_export_pages_run_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    made = [_made(world, status=Status.WORKING, rows_done=n, rows_total=size) for n in range(size)]
    client = world.client("staff")
    client.get(reverse("exports:exports"))  # once first, so the session is warm
    pages = [
        reverse("exports:exports"),
        reverse("exports:export", args=[made[-1].pk]),
        reverse("exports:export_progress", args=[made[-1].pk]),
    ]
    # session, user, roles, person (the navigation's viewer); the exports or the one export
    for url in pages:
        with django_assert_num_queries(5):
            assert client.get(url).status_code == 200


def test_a_run_that_breaks_says_so_and_leaves_no_file(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("commonground.lib.exports.write_csv", broken)
    export = ask(world.client("staff"), PEOPLE)
    assert export.status == Status.FAILED
    assert not export.path.exists()
    assert not list(export.path.parent.glob("*.partial"))
    page = world.client("staff").get(reverse("exports:export", args=[export.pk])).content.decode()
    assert "Something went wrong while preparing the file; ask for it again." in page
