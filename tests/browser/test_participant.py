"""A participant sees their home page, their cohort and its activities, and never a register."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.programmes.models import Enrolment
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def expect_no_register(page: Page) -> None:
    # The privacy notice's yes or no on the home page is the only choice a participant makes here.
    expect(page.locator("input[type=radio]:not([name=follow_up])")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("register", re.IGNORECASE))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("register", re.IGNORECASE))).to_have_count(0)


def test_a_participant_sees_their_home_and_their_cohort_but_no_register(
    page: Page, world: World, register_people: list[Enrolment], sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["participant"])

    page.goto(reverse("home"))
    axe_check(page)
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    expect_no_register(page)

    page.goto(reverse("programmes:cohort", args=[world.cohort.pk]))
    axe_check(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.cohort.name)
    expect_no_register(page)
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="Participants").click()
    axe_check(page)
    for enrolment in register_people:
        expect(page.locator("main")).to_contain_text(enrolment.person.name)
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="Calendar").click()
    axe_check(page)
    expect(page.locator("main")).to_contain_text(world.activity.title)
    expect_no_register(page)

    page.get_by_role("link", name=world.activity.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(world.activity.title)
    axe_check(page)
    expect(page.locator("main")).to_contain_text(world.activity.place)
    expect(page.get_by_role("heading", name="Register")).to_have_count(0)
    expect_no_register(page)
