"""Staff reach the cohort's mentoring from its navigation, run the matching, read why the pair
was made, check the introduction email and introduce the pair; the mentor then sees their mentee."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.mentoring.models import Match, MatchStatus
from tests.browser.axe import axe_check
from tests.conftest import World
from tests.mentoring.helpers import mentoring

pytestmark = pytest.mark.browser


def test_staff_run_the_matching_check_and_introduce_the_pair(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    mentoring(world, introduced=False).match.delete()
    sign_in(world.users["staff"])

    page.goto(reverse("programmes:cohort", args=[world.cohort.pk]))
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="Mentoring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring")
    axe_check(page)
    expect(page.locator("#unmatched + table")).to_contain_text("Not matched yet")

    page.get_by_role("button", name="Run the matching").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 new pair proposed")
    expect(page.locator("main")).to_contain_text("Shares expertise in commissioning")
    axe_check(page)

    page.get_by_role("link", name="Check and introduce 1 new pair").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check before you introduce the pairs"
    )
    expect(page.locator("main")).to_contain_text("Pat Participant with Alex Alumnus")
    expect(page.locator("main")).to_contain_text("Your mentee: Pat Participant")
    axe_check(page)
    assert Match.objects.get().status == MatchStatus.PROPOSED

    page.get_by_role("button", name="Introduce 1 pair").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Introduced 1 pair")
    expect(page.locator("main")).to_contain_text("Introduced")
    axe_check(page)
    assert Match.objects.get().status == MatchStatus.PUBLISHED
    assert len(mail.outbox) == 2

    page.set_viewport_size({"width": 375, "height": 667})
    sign_in(world.users["alumnus"])
    page.goto(reverse("home"))
    page.get_by_role("link", name="Your mentee: Pat Participant").click()
    expect(page.locator("main")).to_contain_text("Setting up a joint commissioning board")
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
