"""An alumnus, on a phone, finds someone in the alumni directory by expertise, posts an ask, and
says they are coming to the reunion; every page is checked with axe and fits the screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.alumni.models import Post, Rsvp, RsvpStatus
from tests.alumni.helpers import event, profile
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def _fits(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH + 1, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px screen"
    axe_check(page)


def test_an_alumnus_finds_someone_posts_an_ask_and_answers_the_reunion(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    profile(world.participant_person, "public health", "suicide prevention")
    reunion = event(world, title="Alumni reunion", capacity=60)
    sign_in(world.users["alumnus"])

    page.goto(reverse("home"))
    _fits(page)
    page.get_by_role("link", name="Find alumni, ask and offer help").click()
    # The people listed start on the first screen; the search waits behind "Search and filter".
    first = page.get_by_role("heading", level=2).first.bounding_box()
    assert first is not None and first["y"] < 667
    page.get_by_text("Search and filter").click()
    page.get_by_label("Expertise").fill("public health")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 person found.")
    expect(page.get_by_role("heading", name="Pat Participant")).to_be_visible()
    _fits(page)

    page.get_by_role("navigation", name="Alumni network").get_by_role(
        "link", name="Asks and offers"
    ).click()
    page.get_by_role("link", name="Post an ask or an offer").click()
    page.get_by_role("radio", name="Ask").check()
    page.get_by_label("In a line").fill("Anyone who has pooled a budget with the police?")
    page.get_by_label("The detail").fill("For a community safety hub in Basildon.")
    _fits(page)
    page.get_by_role("button", name="Post it").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your ask is posted"
    )
    _fits(page)
    assert Post.objects.get().author == world.alumnus_person

    page.get_by_role("link", name="Home", exact=True).first.click()
    page.get_by_role("link", name="Reunion: Alumni reunion").click()
    expect(page.get_by_role("button", name="I am coming")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="I am coming").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("You are coming")
    _fits(page)
    assert Rsvp.objects.get(event=reunion).status == RsvpStatus.GOING
