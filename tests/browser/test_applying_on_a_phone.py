"""A new applicant on a phone: start, check your email, continue by the emailed link, and the
page about their email address; each page fits a 375 px screen and passes axe."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from tests.browser.axe import axe_check
from tests.browser.test_recruitment_journey import start_as_nia
from tests.browser.test_register_on_a_phone import PHONE_WIDTH, expect_no_sideways_scrolling
from tests.conftest import World
from tests.recruitment.fixtures import recruitment

pytestmark = pytest.mark.browser


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def _looks_right(page: Page) -> None:
    expect_no_sideways_scrolling(page)
    axe_check(page)


def test_a_new_applicant_starts_and_continues_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    application_round = recruitment(world).round
    page.goto(reverse("recruitment:start", args=[application_round.pk]))
    _looks_right(page)
    start_as_nia(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    _looks_right(page)

    message = next(m for m in mail.outbox if "nia.newleader@example.org" in m.to)
    link = re.search(re.escape(settings.SITE_URL) + r"(/apply/continue/\S+/)", str(message.body))
    assert link is not None
    page.goto(link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Continue your application")
    _looks_right(page)
    page.get_by_role("button", name="Continue to my application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    _looks_right(page)

    # Used once, the link says how to get another.
    page.goto(link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    _looks_right(page)


def test_the_email_address_page_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["participant"])
    page.goto(reverse("account_email"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email address")
    _looks_right(page)
