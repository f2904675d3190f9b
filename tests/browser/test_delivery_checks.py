"""Staff cancel an activity, restore it, and message the cohort, each through the check page:
nothing is sent until they confirm, and a banner says what happened."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.audit.models import AuditEntry
from commonground.programmes.models import Activity, CohortMessage
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_staff_cancel_an_activity_after_checking_who_is_told_then_restore_it(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:activity", args=[world.activity.pk]))
    page.get_by_role("button", name="Cancel the activity").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check before you cancel the activity"
    )
    expect(page.get_by_role("heading", name="Cancellation: 1 person")).to_be_visible()
    page.get_by_text("Who receives it").first.click()
    expect(page.get_by_text("Pat Participant")).to_be_visible()
    expect(page.locator(".cg-email-text")).to_contain_text("Cancelled: Leading in complexity")
    axe_check(page)
    assert not mail.outbox
    assert not Activity.objects.get(pk=world.activity.pk).is_cancelled

    page.get_by_role("button", name="Cancel the activity and tell participants").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Leading in complexity is cancelled.")
    expect(banner).to_be_in_viewport()
    axe_check(page)
    assert [m.subject[:10] for m in mail.outbox] == ["Cancelled:"]
    assert Activity.objects.get(pk=world.activity.pk).is_cancelled

    page.get_by_role("button", name="Restore the activity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check before you restore the activity"
    )
    expect(page.locator(".cg-email-text")).to_contain_text("Back on: Leading in complexity")
    axe_check(page)
    assert len(mail.outbox) == 1
    page.get_by_role("button", name="Restore the activity and tell participants").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Leading in complexity is back on."
    )
    assert not Activity.objects.get(pk=world.activity.pk).is_cancelled
    assert mail.outbox[-1].subject.startswith("Back on:")
    expect(page.locator("#history")).to_be_attached()
    assert set(
        AuditEntry.objects.filter(object_id=str(world.activity.pk)).values_list("action", flat=True)
    ) >= {"programmes.activity.cancelled", "programmes.activity.restored"}


def test_staff_check_a_message_and_its_recipients_before_it_is_sent(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:cohort_messages", args=[world.cohort.pk]))
    page.get_by_label("Subject").fill("Venue change")
    page.get_by_label("Message").fill("We meet at Brentwood.\nBring lunch.")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you send the message")
    expect(page.locator("#check-changes")).to_contain_text("Whole cohort: 1 person")
    page.get_by_text("Who receives it").click()
    expect(page.get_by_text("Pat Participant")).to_be_visible()
    expect(page.locator(".cg-email-text")).to_contain_text("Bring lunch.")
    axe_check(page)
    assert not CohortMessage.objects.exists() and not mail.outbox

    page.get_by_role("button", name="Send the message to 1 person").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your message “Venue change” is being sent to 1 person."
    )
    axe_check(page)
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    assert "Bring lunch." in mail.outbox[0].body
