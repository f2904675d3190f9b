"""A facilitator takes a register on a phone without scrolling sideways."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.programmes.models import Attendance, AttendanceStatus, Enrolment
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def expect_no_sideways_scrolling(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH + 1, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px screen"


def test_a_facilitator_takes_a_register_on_a_phone(
    page: Page, world: World, register_people: list[Enrolment], sign_in: Callable[[User], None]
) -> None:
    facilitator = world.users["facilitator"]
    sign_in(facilitator)
    page.goto(reverse("programmes:activity", args=[world.activity.pk]))
    expect(page.get_by_role("heading", name="Register")).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)

    for enrolment in register_people:
        group = page.get_by_role("group", name=re.compile(re.escape(enrolment.person.name)))
        group.get_by_role("radio", name=AttendanceStatus.PRESENT.label).check()
    page.get_by_role("button", name="Save the register").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Register saved: 3 marks recorded."
    )
    expect_no_sideways_scrolling(page)
    axe_check(page)
    marks = Attendance.objects.filter(activity=world.activity, recorded_by=facilitator)
    assert sorted(marks.values_list("status", flat=True)) == [AttendanceStatus.PRESENT] * 3
