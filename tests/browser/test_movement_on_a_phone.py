"""A board member opens the movement dashboard from their home on a phone: every figure with its
definition, the partnership's indicators as charts with their tables, and nothing scrolls
sideways."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from tests.browser.axe import axe_check
from tests.conftest import World
from tests.initiatives.helpers import initiatives

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def test_a_board_member_reads_the_movement_dashboard_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    initiatives(world)
    sign_in(world.users["board"])
    page.goto(reverse("home"))
    page.get_by_role("link", name="The movement: alumni, careers and the work they lead").click()

    expect(page.get_by_role("heading", name="The movement: after the year")).to_be_visible()
    expect(page.locator("#figure-completed")).to_contain_text("fewer than 5")
    expect(page.get_by_role("heading", name="Domestic abuse partnership")).to_be_visible()
    table = page.get_by_role("table", name="Repeat referrals (referrals): the figures")
    expect(table).to_contain_text("31 Mar 2026")
    expect(page.get_by_text("Schools hear first")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH + 1, f"the dashboard is {width}px wide on a {PHONE_WIDTH}px phone"
    expect(page.get_by_role("link", name="Download the dashboard as a PDF")).to_be_visible()
    axe_check(page)


def test_the_lead_records_consent_and_the_story_becomes_usable(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    made = initiatives(world)
    sign_in(world.users["alumnus"])
    page.goto(reverse("initiatives:index"))
    axe_check(page)
    page.get_by_role("link", name="Domestic abuse partnership").click()
    expect(page.get_by_text("Waiting for the consent of Kit Marlow")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Schools hear first").click()
    expect(page.get_by_text("Not for reports yet")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Record consent").click()
    axe_check(page)
    page.get_by_role("group", name="Kit Marlow").get_by_label("Agreed").check()
    page.get_by_role("button", name="Save consent").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Consent recorded: 1 answer changed."
    )
    expect(page.get_by_text("Can be used in reports")).to_be_visible()
    axe_check(page)
    assert made.waiting.named_people.get().consent == "given"
