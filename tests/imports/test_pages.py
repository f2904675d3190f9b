"""Upload, preview and confirm: nothing is written before confirming, and it is checked again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from commonground.directory.models import Person
from commonground.programmes.models import Cohort, Enrolment
from tests.conftest import World
from tests.imports.conftest import csv_bytes, person_row, table_counts

UPLOAD = reverse("imports:cohort_import", kwargs={"slug": "leading-greater-essex"})
PREVIEW = reverse("imports:cohort_import_preview", kwargs={"slug": "leading-greater-essex"})
CONFIRM = reverse("imports:cohort_import_confirm", kwargs={"slug": "leading-greater-essex"})


def _form(content: bytes, name: str = "cohort.csv", **fields: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": SimpleUploadedFile(name, content),
        "name": "2018/19",
        "starts_on": "2018-09-01",
        "ends_on": "2019-07-31",
        "capacity": "48",
        "status": "completed",
    }
    data.update(fields)
    return data


def _rows(count: int) -> bytes:
    return csv_bytes([person_row("Ann", f"Lee{n}") for n in range(count)])


def _token(client: Client) -> str:
    token: str = client.get(PREVIEW).context["token"]
    return token


def test_it_shows_the_upload_form(world: World) -> None:
    response = world.client("staff").get(UPLOAD)
    assert response.status_code == 200
    assert b"Import a past cohort" in response.content
    assert b'type="file"' in response.content


def test_a_good_file_leads_to_a_preview_that_writes_nothing(
    world: World, unchanged: Callable[[], None]
) -> None:
    client = world.client("staff")
    rows = [
        person_row("Ann", "Lee", sponsor_email="sam.sponsor@example.org"),
        person_row(
            "Bo",
            "Ng",
            organisation="Food Bank",
            organisation_sector="Voluntary and community",
            organisation_area="Essex",
        ),
        person_row("Alex", "Alumnus", email="alex.alumnus@example.org"),
    ]
    response = client.post(UPLOAD, _form(csv_bytes(rows)))
    assert response.status_code == 302
    assert response["Location"] == PREVIEW
    page = client.get(PREVIEW)
    counts = page.context["counts"]
    assert (counts.participants, counts.new_people, counts.existing_people) == (3, 2, 1)
    assert (counts.existing_sponsors, counts.new_organisations) == (1, 1)
    assert b"Confirm import" in page.content
    assert b"Existing person" in page.content
    assert b"Food Bank" in page.content
    unchanged()


def test_confirming_imports_and_goes_to_the_cohort(world: World) -> None:
    client = world.client("staff")
    client.post(UPLOAD, _form(_rows(3)))
    response = client.post(CONFIRM, {"token": _token(client)}, follow=True)
    cohort = Cohort.objects.get(programme=world.programme, name="2018/19")
    assert response.redirect_chain[-1][0] == reverse("programmes:cohort", kwargs={"pk": cohort.pk})
    assert b"Imported 3 participants into 2018/19" in response.content
    assert Enrolment.objects.filter(cohort=cohort).count() == 3
    assert client.get(PREVIEW)["Location"] == UPLOAD


def test_confirming_checks_the_file_again(world: World, unchanged: Callable[[], None]) -> None:
    client = world.client("staff")
    client.post(UPLOAD, _form(_rows(2)))
    token = _token(client)
    Person.objects.create(first_name="Annabel", last_name="Lee0", email="ann.lee0@example.org")
    before = table_counts()
    response = client.post(CONFIRM, {"token": token})
    assert response.status_code == 400
    assert "does not match &#x27;Annabel&#x27;" in response.content.decode()
    assert table_counts() == before


def test_confirming_needs_the_previewed_file(world: World, unchanged: Callable[[], None]) -> None:
    client = world.client("staff")
    client.post(UPLOAD, _form(_rows(2)))
    response = client.post(CONFIRM, {"token": "not-the-one-previewed"})
    assert response["Location"] == UPLOAD
    response = world.client("staff").post(CONFIRM, {"token": ""})
    assert response["Location"] == UPLOAD
    unchanged()


def test_a_bad_file_shows_every_problem_in_a_table(
    world: World, unchanged: Callable[[], None]
) -> None:
    rows = [
        person_row("Ann", "Lee", enrolled_on="31/02/2019"),
        person_row("Bo", "Ng", organisation="Essex Polise"),
    ]
    response = world.client("staff").post(UPLOAD, _form(csv_bytes(rows), name="2018.csv"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "2018.csv has 2 problems, so nothing was imported" in html
    assert "Line 2, column enrolled_on: &#x27;31/02/2019&#x27; is not a date" in html
    assert "did you mean &#x27;Essex Police&#x27;?" in html
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--m">Problems in 2018.csv' in html
    )
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Error: Import a past cohort" in html
    unchanged()


def test_it_refuses_a_file_that_is_not_a_spreadsheet(
    world: World, unchanged: Callable[[], None]
) -> None:
    response = world.client("staff").post(UPLOAD, _form(b"\x89PNG\r\n\x1a\n\x00", "photo.png"))
    assert "The file is neither a CSV file" in response.content.decode()
    unchanged()


def test_it_refuses_a_file_over_two_megabytes(world: World, unchanged: Callable[[], None]) -> None:
    response = world.client("staff").post(UPLOAD, _form(b"a" * (2 * 1024 * 1024 + 1)))
    assert response.context["form"].errors["file"] == [
        "The file is larger than 2 MB; split it, or remove columns this import does not use"
    ]
    unchanged()


def test_it_checks_the_cohort_fields(world: World, unchanged: Callable[[], None]) -> None:
    response = world.client("staff").post(
        UPLOAD, _form(_rows(1), name="c.csv", ends_on="2018-01-01")
    )
    assert response.context["form"].errors["ends_on"] == [
        "The end date must be on or after the start date"
    ]
    response = world.client("staff").post(UPLOAD, {**_form(_rows(1)), "name": "2024/25"})
    assert response.context["form"].errors["name"] == [
        "Cohort 2024/25 already has 1 participant; choose a new name, "
        "or import into a cohort with nobody enrolled yet"
    ]
    unchanged()


@pytest.mark.parametrize("size", [2, 60])
def test_the_preview_runs_the_same_queries_whatever_the_size(
    world: World, django_assert_num_queries: Any, size: int
) -> None:
    client = world.client("staff")
    client.post(UPLOAD, _form(_rows(size)))
    client.get(PREVIEW)
    with django_assert_num_queries(8):
        client.get(PREVIEW)


def test_facilitators_may_not_import(world: World) -> None:
    assert world.client("facilitator").get(UPLOAD).status_code == 403
    assert world.client("facilitator").post(UPLOAD, _form(_rows(1))).status_code == 403


def test_staff_of_another_programme_do_not_see_the_import(world: World) -> None:
    url = reverse("imports:cohort_import", kwargs={"slug": world.other_programme.slug})
    assert world.client("staff").get(url).status_code == 404
    assert world.client("admin").get(url).status_code == 200
