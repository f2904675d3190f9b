"""In a browser: a bad file shows its problems accessibly; a good one is previewed and imported."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.programmes.models import Enrolment
from tests.browser.axe import axe_check
from tests.browser.dates import fill_date
from tests.conftest import World
from tests.imports.conftest import csv_bytes, person_row

pytestmark = pytest.mark.browser


def _fill(page: Page, path: Path) -> None:
    page.get_by_label("File of participants").set_input_files(str(path))
    page.get_by_label("Cohort name").fill("2018/19")
    fill_date(page, "Start date", dt.date(2018, 9, 1))
    fill_date(page, "End date", dt.date(2019, 7, 31))
    page.get_by_role("button", name="Check the file").click()


def test_a_bad_file_then_a_good_one(
    page: Page, world: World, sign_in: Callable[[User], None], tmp_path: Path
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("imports:cohort_import", kwargs={"slug": world.programme.slug}))
    axe_check(page)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([person_row("Ann", "Lee", enrolled_on="31/02/2019")]))
    _fill(page, bad)

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Line 2, column enrolled_on: '31/02/2019' is not a date")
    expect(page).to_have_title(re.compile(r"^Error: Import a past cohort"))
    expect(page.get_by_role("table", name="Problems in bad.csv")).to_be_visible()
    axe_check(page)

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([person_row("Ann", "Lee"), person_row("Bo", "Ng")]))
    _fill(page, good)
    expect(page.get_by_role("heading", name="Check the import into 2018/19")).to_be_visible()
    axe_check(page)
    assert not Enrolment.objects.filter(cohort__name="2018/19").exists()

    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Imported 2 participants into 2018/19"
    )
    assert Enrolment.objects.filter(cohort__name="2018/19").count() == 2
