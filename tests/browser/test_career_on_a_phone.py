"""An alumnus keeps their career record up to date on a phone: from their home page to their
record, through the privacy notice, to correcting their post, with the band worked out from the
job title; no page scrolls sideways and axe finds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.directory.models import Band, BandSource, CareerChoice, Post
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


def test_an_alumnus_updates_their_record_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    post = Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Service",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2020, 4, 1),
    )
    sign_in(world.users["alumnus"])
    page.goto(reverse("home"))
    page.get_by_role("link", name="See and change your career record").click()
    expect(page.get_by_role("heading", name="What we keep and why")).to_be_visible()
    _fits(page)

    page.get_by_label("Yes, ask me once a year").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your choice is recorded"
    )
    _fits(page)
    assert CareerChoice.objects.get(person=world.alumnus_person).follow_up

    page.get_by_role("link", name="Change Head of Service").click()
    page.get_by_label("Job title").fill("Assistant Director, Adult Social Care")
    page.get_by_label("Seniority band").select_option(label="Work it out from my job title")
    _fits(page)
    page.get_by_role("button", name="Save post").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Saved: Assistant Director, Adult Social Care"
    )
    expect(page.get_by_text("(worked out from the job title)")).to_be_visible()
    _fits(page)
    post.refresh_from_db()
    assert (post.band, post.band_source) == (Band.ASSISTANT_DIRECTOR, BandSource.SUGGESTED)


def test_the_board_reads_the_progression_report_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["board"])
    page.goto(reverse("programmes:programme", args=[world.programme.slug]))
    page.get_by_role("link", name="Career progression").click()
    expect(page.get_by_role("heading", name="Career progression", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Share who have moved up")).to_be_visible()
    expect(page.get_by_text("Read the comparison with care")).to_be_visible()
    _fits(page)
