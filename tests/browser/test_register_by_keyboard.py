"""Programme staff sign in, find an activity and take its register with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.programmes.models import Attendance, AttendanceStatus, Enrolment
from tests.browser.axe import axe_check
from tests.browser.keyboard import choose_radio, tab_to_button, tab_to_radios_of
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.browser

CHOICES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.APOLOGIES)


def test_staff_sign_in_and_take_a_register_by_keyboard(
    page: Page, world: World, register_people: list[Enrolment]
) -> None:
    staff = world.users["staff"]
    page.goto(reverse("account_login"))
    axe_check(page)
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("home")) + "$"))
    axe_check(page)

    page.get_by_role("link", name=f"{world.programme.name}: every cohort").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.programme.name)
    axe_check(page)

    page.get_by_role("link", name=world.cohort.name, exact=True).click()
    expect(page).to_have_url(re.compile(reverse("programmes:cohort", args=[world.cohort.pk])))
    axe_check(page)

    page.get_by_role("link", name=world.activity.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(world.activity.title)
    expect(page.get_by_role("heading", name="Register")).to_be_visible()
    axe_check(page)

    names = [enrolment.person.name for enrolment in register_people]
    for name, choice in zip(names, CHOICES, strict=True):
        tab_to_radios_of(page, name, names)
        choose_radio(page, choice.label)
    for name, choice in zip(names, CHOICES, strict=True):
        group = page.get_by_role("group", name=re.compile(re.escape(name)))
        expect(group.get_by_role("radio", name=choice.label)).to_be_checked()
    tab_to_button(page, "Save the register")
    page.keyboard.press("Enter")

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Register saved: 3 marks recorded."
    )
    axe_check(page)
    marks = Attendance.objects.filter(activity=world.activity)
    assert {(mark.enrolment_id, mark.status, mark.recorded_by_id) for mark in marks} == {
        (enrolment.pk, choice.value, staff.pk)
        for enrolment, choice in zip(register_people, CHOICES, strict=True)
    }
