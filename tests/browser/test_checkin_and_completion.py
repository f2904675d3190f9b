"""A participant checks in with the code on a phone; staff confirm completion in bulk through
the check page, and withdraw a completion with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.programmes.certificates import issue_certificate
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
    """Ticked participants go to the check page, which shows who completes, their certificate
    and their email; nothing is saved until its button, and mid-year it needs a reason."""
    CompletionRules.objects.create(programme=world.programme, challenge_presented=False)
    world.activity.counts_towards_completion = False
    world.activity.save()
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:completion", args=[world.cohort.pk]))
    expect(page.get_by_role("heading", name="Completion")).to_be_visible()
    axe_check(page)
    page.get_by_label("Confirm Pat Participant").check()
    page.get_by_role("button", name="Confirm completion of the ticked participants").click()

    expect(
        page.get_by_role("heading", name="Check before you confirm completion of 1 participant")
    ).to_be_visible()
    changes = page.locator("#check-changes")
    expect(changes).to_contain_text("Pat Participant")
    expect(changes).to_contain_text("certificate of completion dated")
    expect(page.locator(".cg-email-preview")).to_contain_text(
        "You have completed Leading Greater Essex"
    )
    axe_check(page)
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == "active"
    assert not mail.outbox

    page.get_by_role("button", name="Confirm completion of 1 participant").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give a reason for confirming completion before the cohort ends."
    )
    axe_check(page)
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == "active"
    page.get_by_label("Why confirm completion for someone who does not meet the rules?").fill(
        "No counted activities yet"
    )
    page.get_by_label("Why confirm completion before the cohort ends on").fill(
        "Moving abroad in December"
    )
    page.get_by_role("button", name="Confirm completion of 1 participant").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "1 participant completed"
    )
    axe_check(page)
    enrolment = Enrolment.objects.get(pk=world.enrolment.pk)
    assert enrolment.status == "completed"
    assert "Moving abroad in December" in enrolment.leaving_reason
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]


def test_staff_withdraw_a_completion_and_its_certificate_says_so(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    alumnus = Enrolment.objects.get(person=world.alumnus_person)
    certificate = issue_certificate(alumnus, by=None)
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:completion", args=[world.past_cohort.pk]))
    page.get_by_role("link", name="Withdraw completion of Alex Alumnus").click()
    expect(
        page.get_by_role("heading", name="Check before you withdraw Alex Alumnus's completion")
    ).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Withdraw Alex Alumnus's completion").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the completion is being withdrawn."
    )
    assert Enrolment.objects.get(pk=alumnus.pk).status == "completed"
    page.get_by_label("Why is the completion being withdrawn?").fill("Recorded by mistake")
    page.get_by_role("button", name="Withdraw Alex Alumnus's completion").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Alex Alumnus's completion is withdrawn"
    )
    expect(page.locator("#completion")).to_contain_text("Completion withdrawn on")

    page.context.clear_cookies()
    page.goto(certificate.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("This certificate was withdrawn")
    axe_check(page)


@pytest.mark.parametrize("width", [320, 375])
def test_the_completion_table_fits_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:completion", args=[world.cohort.pk]))
    expect(page.get_by_label("Confirm Pat Participant")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)
