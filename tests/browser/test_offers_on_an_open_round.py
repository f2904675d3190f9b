"""Staff on a phone choose a cohort and send offers while the round is still open: each step is
refused until they tick the override and say why; the offers' check page sends nothing until its
button is pressed; then the banner, the reason in the history, and the public page closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, Person
from commonground.lib.links import new_secret
from commonground.recruitment.models import (
    Application,
    Endorsement,
    EndorsementStatus,
    Round,
    Status,
)
from tests.browser.axe import axe_check
from tests.browser.dates import fill_date
from tests.conftest import World
from tests.recruitment.fixtures import recruitment

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 740}


def expect_no_sideways_scrolling(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > w)
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))""",
        PHONE_WIDTH,
    )
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px screen: {wide}"


def _applicant(world: World, application_round: Round, first: str, status: str) -> Application:
    person = Person.objects.create(
        first_name=first,
        last_name="Applicant",
        email=f"{first.lower()}@example.org",
        organisation=world.organisation,
        job_title="Director of Adult Social Care and Health Integration",
        band=Band.DIRECTOR,
    )
    application = Application.objects.create(
        round=application_round,
        person=person,
        organisation=world.organisation,
        job_title=person.job_title,
        band=Band.DIRECTOR,
        status=status,
        sponsor_name=world.sponsor_person.name,
        sponsor_email=world.sponsor_person.email,
        consent=True,
        submitted_at=timezone.now() - dt.timedelta(days=2),
        moderated_score=12 if status == Status.ENDORSED else None,
    )
    Endorsement.objects.create(
        application=application,
        sponsor=world.sponsor_person,
        token_digest=new_secret()[1],
        status=(
            EndorsementStatus.ENDORSED if status == Status.ENDORSED else EndorsementStatus.PENDING
        ),
    )
    return application


def test_offers_on_an_open_round_need_the_override_and_are_checked_first(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    setup = recruitment(world)
    setup.application.delete()
    setup.proposal.delete()
    application_round = setup.round
    application_round.rules.all().delete()
    ada = _applicant(world, application_round, "Ada", Status.ENDORSED)
    sam = _applicant(world, application_round, "Sam", Status.SUBMITTED)
    sign_in(world.users["staff"])

    # The applications table fits a phone: each application's details stack.
    page.goto(reverse("recruitment:applications", args=[application_round.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications")
    expect_no_sideways_scrolling(page)
    axe_check(page)

    # Asking for a proposal while applications are open is refused until the box is ticked.
    page.goto(reverse("recruitment:manage", args=[application_round.pk]))
    expect_no_sideways_scrolling(page)
    page.get_by_role("button", name="Propose a balanced cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications are still open")
    expect_no_sideways_scrolling(page)
    axe_check(page)
    page.get_by_role("button", name="Propose a cohort now").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tick the box to go ahead before they close"
    )
    axe_check(page)
    page.get_by_label("Propose a cohort before the round closes").check()
    page.get_by_label("Why the proposal cannot wait").fill("The board meets before the close.")
    page.get_by_role("button", name="Propose a cohort now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposed cohort")
    expect_no_sideways_scrolling(page)

    # The offers' check page: who, the email, and the override; nothing is sent yet.
    page.get_by_role("link", name="Check the offers before sending them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you send the offers")
    changes = page.locator("#check-changes")
    expect(changes).to_contain_text("Ada Applicant")
    expect(changes).to_contain_text("They stay as they are and are not emailed")
    expect(page.locator("main")).to_contain_text("Dear Ada,")
    expect_no_sideways_scrolling(page)
    axe_check(page)
    page.get_by_role("button", name="Send 1 offer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Applications are open until")
    assert mail.outbox == []

    # A reply date before the round closes is refused too.
    closes = timezone.localtime(application_round.closes_at).date()
    fill_date(page, "Reply by", closes - dt.timedelta(days=1))
    page.get_by_label("Send offers before the round closes").check()
    page.get_by_label("Why the offers cannot wait").fill("The cohort starts in January.")
    page.get_by_role("button", name="Send 1 offer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The reply deadline must be after applications close"
    )
    axe_check(page)
    assert mail.outbox == []

    fill_date(page, "Reply by", closes + dt.timedelta(days=14))
    page.get_by_label("Send offers before the round closes").check()
    page.get_by_label("Why the offers cannot wait").fill("The cohort starts in January.")
    page.get_by_role("button", name="Send 1 offer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 offer sent.")
    expect(page.locator("#history")).to_be_visible()
    expect(page.locator("main")).to_contain_text("The cohort starts in January.")
    expect_no_sideways_scrolling(page)
    axe_check(page)

    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    ada.refresh_from_db()
    sam.refresh_from_db()
    assert ada.status == Status.OFFERED and sam.status == Status.SUBMITTED
    assert ada.offer_deadline is not None and ada.offer_deadline > application_round.closes_at
    assert AuditEntry.objects.filter(action="recruitment.round.proposed_before_close").exists()

    # The public page no longer invites applications.
    page.goto(reverse("recruitment:round", args=[application_round.pk]))
    expect(page.locator("#applications-closed")).to_contain_text("Applications are closed")
    expect(page.get_by_role("link", name="Start your application")).to_have_count(0)
    axe_check(page)
