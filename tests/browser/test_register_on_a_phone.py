"""A facilitator takes a register on a phone without scrolling sideways, and a register of 45 is
short: "Mark everyone present", then change the few who are late or not here."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.directory.models import Person
from commonground.programmes.models import Attendance, AttendanceStatus, Enrolment
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375
# Before the compact register a register of 45 was 13,000 px long on this phone.
REGISTER_OF_45_AT_MOST = 3_600


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


def test_a_register_of_45_is_short_on_a_phone_and_everyone_is_marked_present_at_once(
    page: Page, world: World, register_people: list[Enrolment], sign_in: Callable[[User], None]
) -> None:
    people = Person.objects.bulk_create(
        Person(
            first_name=f"Participant{number:02d}",
            last_name="Crowd",
            email=f"participant{number}@crowd.example.org",
            organisation=world.organisation if number % 2 else world.other_organisation,
        )
        for number in range(42)
    )
    Enrolment.objects.bulk_create(
        Enrolment(person=person, cohort=world.cohort, enrolled_on=world.cohort.starts_on)
        for person in people
    )
    sign_in(world.users["facilitator"])
    page.goto(reverse("programmes:activity", args=[world.activity.pk]))
    register = page.locator("form.cg-register")
    expect(register.get_by_role("group")).to_have_count(45)
    height = register.evaluate("form => form.getBoundingClientRect().height")
    assert height <= REGISTER_OF_45_AT_MOST, f"the register of 45 is {height:.0f}px long"
    expect_no_sideways_scrolling(page)
    axe_check(page)

    page.get_by_role("button", name="Mark everyone present").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "45 people marked present."
    )
    assert Attendance.objects.filter(activity=world.activity, status="present").count() == 45

    late = register_people[0].person.name
    group = page.get_by_role("group", name=re.compile(re.escape(late)))
    expect(group.get_by_role("radio", name="Present")).to_be_checked()
    group.get_by_role("radio", name="Late").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Register saved: 1 mark recorded."
    )
    assert Attendance.objects.get(enrolment=register_people[0]).status == "late"
    expect_no_sideways_scrolling(page)
