"""The participant's, the staff's and the board's homes on a phone: nothing to scroll sideways,
no accessibility faults, and the next thing to do in view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.evaluation.models import SurveyResponse, WaveKind
from commonground.evaluation.services import load_default_instrument
from commonground.programmes.models import Activity, ActivityKind, Attendance
from tests.browser.axe import axe_check
from tests.conftest import World
from tests.evaluation_app.conftest import make_wave
from tests.programmes.conftest import grow_cohort
from tests.recruitment.fixtures import recruitment

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def expect_no_sideways_scrolling(page: Page) -> None:
    page.wait_for_load_state("load")
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url} is {width}px wide on a {inner}px screen"


@pytest.fixture
def year(world: World) -> None:
    """Sessions held and to come, an open survey for the participant, and a recruiting cohort."""
    now = timezone.now()
    for number in range(4):
        start = now - dt.timedelta(days=30 - number)
        activity = Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Learning day {number + 1}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=6),
        )
        status = "present" if number else "absent"
        Attendance.objects.create(activity=activity, enrolment=world.enrolment, status=status)
    version = load_default_instrument(world.programme, audit=False)
    wave = make_wave(world.cohort.pk, version, kind=WaveKind.BASELINE)
    SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )
    recruitment(world)
    grow_cohort(world, world.cohort, enrolments=12, activities=0)


def test_the_participant_home_on_a_phone(
    page: Page, world: World, year: None, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["participant"])
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", name="Next: Leading in complexity")).to_be_visible()
    expect(page.get_by_role("link", name="Answer the baseline survey")).to_be_visible()
    expect(page.locator("#attendance-sentence")).to_contain_text(
        "You have attended 3 of the 4 sessions so far; to complete, attend at least"
    )
    expect(page.locator(".govuk-tag", has_text="Not met")).to_have_count(0)
    expect_no_sideways_scrolling(page)
    axe_check(page)


def test_the_staff_home_on_a_phone(
    page: Page, world: World, year: None, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", name="What needs attention")).to_be_visible()
    for cohort in ("2026/27", "2027/28"):
        year_list = page.get_by_role("list", name=f"The year of Leading Greater Essex {cohort}")
        expect(year_list).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)
    page.get_by_role("link", name="Applications close").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_board_home_on_a_phone(
    page: Page, world: World, year: None, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["board"])
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", name="Programme figures")).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)
