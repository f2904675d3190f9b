"""A participant checks in with the code on a phone; staff confirm completion in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.programmes.checkin import code_for
from commonground.programmes.models import Attendance, CompletionRules, Enrolment
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_a_participant_checks_in_with_the_code_shown_in_the_room(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    activity = world.activity
    activity.starts_at = timezone.now() - dt.timedelta(minutes=5)
    activity.ends_at = activity.starts_at + dt.timedelta(hours=3)
    activity.save()
    sign_in(world.users["facilitator"])
    page.goto(reverse("programmes:checkin_code", args=[activity.pk]))
    expect(page.get_by_role("heading", name="Check in here")).to_be_visible()
    axe_check(page)

    page.context.clear_cookies()
    sign_in(world.users["participant"])
    page.goto(reverse("programmes:checkin"))
    axe_check(page)
    page.get_by_label("Check-in code").fill("WRONG1")
    page.get_by_role("button", name="Check in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("That code")
    axe_check(page)
    page.get_by_label("Check-in code").fill(code_for(activity))
    page.get_by_role("button", name="Check in").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You are checked in to Leading in complexity"
    )
    axe_check(page)
    assert Attendance.objects.get(activity=activity).status == "present"


def test_staff_confirm_completion_in_bulk(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    CompletionRules.objects.create(programme=world.programme, challenge_presented=False)
    world.activity.counts_towards_completion = False
    world.activity.save()
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:completion", args=[world.cohort.pk]))
    expect(page.get_by_role("heading", name="Completion")).to_be_visible()
    axe_check(page)
    page.get_by_label("Confirm Pat Participant").check()
    page.get_by_role("button", name="Confirm completion of the ticked participants").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason")
    axe_check(page)
    page.get_by_label("Confirm Pat Participant").check()
    page.get_by_label("Reason for any exception (optional)").fill("No counted activities yet")
    page.get_by_role("button", name="Confirm completion of the ticked participants").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "1 participant completed"
    )
    axe_check(page)
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == "completed"
