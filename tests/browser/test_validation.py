"""A form sent with mistakes shows the error summary, which takes focus and links to the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from commonground.accounts.models import User
from commonground.directory.models import Organisation
from commonground.programmes.models import Cohort
from tests.browser.axe import axe_check
from tests.browser.dates import date_boxes, fill_date
from tests.conftest import World

pytestmark = pytest.mark.browser


def expect_error_summary(page: Page, title_start: str) -> Locator:
    """The summary has taken focus, the page title says there is an error, and axe is content."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile("^Error: " + re.escape(title_start)))
    axe_check(page)
    return summary


def follow_summary_link_to(page: Page, summary: Locator, field_id: str) -> Locator:
    """The summary repeats the field's own message as a link that puts focus on the field."""
    error = page.locator(f"#{field_id}-error")
    expect(error).to_be_visible()
    message = error.inner_text().removeprefix("Error:").strip()
    link = summary.get_by_role("link", name=message)
    expect(link).to_have_attribute("href", f"#{field_id}")
    link.click()
    field = page.locator(f"#{field_id}")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-describedby", re.compile(rf"\b{field_id}-error\b"))
    return field


def test_a_new_organisation_without_a_name_shows_the_error_summary(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("directory:organisation_new"))
    axe_check(page)
    organisations_before = Organisation.objects.count()

    page.get_by_role("button", name="Save organisation").click()

    summary = expect_error_summary(page, "Add an organisation")
    name_field = follow_summary_link_to(page, summary, "id_name")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    expect(name_field).to_have_value("")
    assert Organisation.objects.count() == organisations_before


def test_a_cohort_ending_before_it_starts_shows_the_error_summary(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:cohort_edit", args=[world.cohort.pk]))
    axe_check(page)
    too_early = world.cohort.starts_on - dt.timedelta(days=1)

    fill_date(page, "End date", too_early)
    page.get_by_role("button", name="Save the cohort").click()

    summary = expect_error_summary(page, "Edit")
    error = page.locator("#id_ends_on-error")
    message = error.inner_text().removeprefix("Error:").strip()
    link = summary.get_by_role("link", name=message)
    expect(link).to_have_attribute("href", "#id_ends_on-day")
    link.click()
    expect(date_boxes(page, "End date").get_by_label("Day")).to_be_focused()
    expect(date_boxes(page, "End date")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_ends_on-error\b")
    )
    expect(date_boxes(page, "End date").get_by_label("Day")).to_have_value(str(too_early.day))
    assert Cohort.objects.get(pk=world.cohort.pk).ends_on == world.cohort.ends_on
