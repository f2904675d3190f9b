"""Programme staff ask for the people list as a spreadsheet, watch it being prepared, and
download it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from commonground.directory.models import Person
from commonground.exports.models import Export
from commonground.exports.tasks import prepare_export
from commonground.programmes.models import Enrolment
from tests.browser.axe import axe_check
from tests.browser.waiting import wait_until_settled
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_staff_ask_for_the_people_export_and_download_it_when_ready(
    page: Page,
    world: World,
    register_people: list[Enrolment],
    sign_in: Callable[[User], None],
    settings: Settings,
) -> None:
    # The export waits in the queue (as it would for a worker) so its progress can be seen.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    sign_in(world.users["staff"])
    page.goto(reverse("directory:people"))
    page.get_by_role("link", name="CSV spreadsheet of the people found").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export People as CSV")
    axe_check(page)
    page.get_by_role("button", name="Prepare the CSV file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People (CSV)")
    expect(page.get_by_role("status")).to_have_text("Waiting to start…")
    axe_check(page)

    # A worker prepares the file; the polling panel then offers the download.
    prepare_export.call(Export.objects.get().pk)
    wait_until_settled(page)
    everyone = Person.objects.count()
    expect(page.get_by_role("status")).to_contain_text(f"The file is ready: {everyone} rows")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download people.csv").click()
    assert download.value.suggested_filename == "people.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    for enrolment in register_people:
        assert enrolment.person.name in text
