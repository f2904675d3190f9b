"""Programme staff keep their ladder on a phone: from the programme page to the ladder, renaming
a rung and adding an example title; then a participant who joined without the privacy notice
answers it on their home page. No page scrolls sideways and axe finds nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.directory.models import BandExample, CareerChoice
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH + 1, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px screen"
    axe_check(page)


def test_staff_rename_a_rung_and_add_an_example_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:programme", args=[world.programme.slug]))
    page.get_by_role("link", name="Seniority ladder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seniority ladder")
    _fits(page)

    page.get_by_role("link", name="Change the rung Head of service").click()
    page.get_by_label("Name of this rung").fill("Service lead")
    _fits(page)
    page.get_by_role("button", name="Save rung").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Service lead")
    expect(page.locator("#rungs")).to_contain_text("4. Service lead")

    page.get_by_role("link", name="Add an example title").click()
    page.get_by_role("button", name="Save example").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the sector")
    _fits(page)
    page.get_by_label("Sector").select_option(label="Education")
    page.get_by_label("Job title").fill("Executive Principal")
    page.get_by_label("Rung").select_option(label="Director")
    page.get_by_role("button", name="Save example").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Executive Principal"
    )
    _fits(page)
    assert BandExample.objects.filter(programme=world.programme, title="Executive Principal")


def test_a_participant_answers_the_notice_on_their_home_page_once(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["participant"])
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", name="What we keep and why")).to_be_visible()
    _fits(page)
    page.get_by_label("No, do not ask me").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your choice is recorded"
    )
    expect(page.get_by_role("heading", name="What we keep and why")).to_have_count(0)
    _fits(page)
    page.reload()
    expect(page.get_by_role("heading", name="What we keep and why")).to_have_count(0)
    assert not CareerChoice.objects.get(person=world.participant_person).follow_up
