"""A form sent with mistakes shows the error summary, which takes focus and links to the field."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.directory.models import Organisation
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_a_new_organisation_without_a_name_shows_the_error_summary(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("directory:organisation_new"))
    axe_check(page)
    organisations_before = Organisation.objects.count()

    page.get_by_role("button", name="Save organisation").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: Add an organisation"))
    axe_check(page)

    name_error = page.locator("#id_name-error")
    expect(name_error).to_be_visible()
    message = name_error.inner_text().removeprefix("Error:").strip()
    link = summary.get_by_role("link", name=message)
    expect(link).to_have_attribute("href", "#id_name")

    link.click()
    name_field = page.get_by_label("Name", exact=True)
    expect(name_field).to_be_focused()
    expect(name_field).to_have_attribute("aria-describedby", re.compile(r"\bid_name-error\b"))
    assert Organisation.objects.count() == organisations_before
