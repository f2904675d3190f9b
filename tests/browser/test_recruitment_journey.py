"""The whole recruitment journey in a real browser: apply, endorse, score, select, check the
offers and send them, accept.

Every page on the way is checked with axe-core.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.directory.models import CareerChoice
from commonground.programmes.models import Enrolment
from commonground.recruitment.models import Application, Round, Status
from tests.browser.axe import axe_check
from tests.conftest import World
from tests.recruitment.fixtures import recruitment

pytestmark = pytest.mark.browser


def _path_in_last_mail(to: str, pattern: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    found = re.search(re.escape(settings.SITE_URL) + pattern, str(message.body))
    assert found is not None, message.body
    return found.group(0)[len(settings.SITE_URL) :]


def _offers_to(address: str) -> list[object]:
    return [m for m in mail.outbox if address in m.to and "offered a place" in str(m.subject)]


def start_as_nia(page: Page) -> None:
    """Fill in and send the start form as a new applicant, Nia Newleader."""
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newleader")
    page.get_by_label("Work email address").fill("nia.newleader@example.org")
    page.get_by_label("Organisation").select_option(label="Essex County Council")
    page.get_by_label("Job title").fill("Director of Housing")
    page.get_by_label("Seniority band").select_option(label="Director")
    page.get_by_role("button", name="Start my application").click()


def test_apply_endorse_score_select_offer_and_accept(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    setup = recruitment(world)
    # Start from an empty round: the shared setup's offer and proposal are not part of this story.
    setup.application.delete()
    setup.proposal.delete()
    application_round = setup.round

    # An applicant finds the round and starts an application; an account is made from the email.
    page.goto(reverse("recruitment:rounds"))
    axe_check(page)
    page.get_by_role("link", name="Leading Greater Essex 2027/28").click()
    axe_check(page)
    page.get_by_role("link", name="Start your application").click()
    axe_check(page)
    start_as_nia(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe_check(page)

    # The emailed link asks them to continue, which signs them in; they write and send it.
    page.goto(_path_in_last_mail("nia.newleader@example.org", r"/apply/continue/\S+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Continue your application")
    axe_check(page)
    page.get_by_role("button", name="Continue to my application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    axe_check(page)
    for index in range(len(application_round.questions)):
        page.locator(f"#id_answer_{index}").fill("I am ready and my chief executive agrees.")
    for index in range(len(application_round.criteria)):
        page.locator(f"#id_statement_{index}").fill("I brought three agencies to one table.")
    page.locator("#id_challenge_0").select_option("1")
    page.get_by_label("Your sponsor's name").fill("Sam Sponsor")
    page.get_by_label("Your sponsor's email address").fill("sam.sponsor@example.org")
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("main")).to_contain_text("We have asked Sam Sponsor to endorse it.")
    axe_check(page)

    # The sponsor follows their personal link and endorses it.
    page.context.clear_cookies()
    page.goto(_path_in_last_mail("sam.sponsor@example.org", r"/endorse/\S+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Endorse Nia Newleader's application")
    axe_check(page)
    page.get_by_label("Yes, I support it").check()
    page.get_by_label("Your statement").fill("Nia leads across boundaries already.")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("main")).to_contain_text("You endorsed this application")
    axe_check(page)

    # A panel member (programme staff here) scores it against each criterion.
    sign_in(world.users["staff"])
    page.goto(reverse("recruitment:panel", args=[application_round.pk]))
    axe_check(page)
    page.get_by_role("link", name="Nia Newleader").click()
    expect(page.locator("main")).to_contain_text("hidden until you submit your own")
    axe_check(page)
    for index in range(len(application_round.criteria)):
        page.locator(f"#id_score_{index}_3").check()  # a mark of 4
    page.get_by_role("button", name="Submit my marks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your marks before you submit them"
    )
    axe_check(page)
    page.get_by_role("button", name="Submit my marks").click()
    expect(page.locator("main")).to_contain_text("Your marks are submitted.")
    axe_check(page)

    # The round closes. Staff ask for a balanced cohort and read it.
    Round.objects.filter(pk=application_round.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.goto(reverse("recruitment:manage", args=[application_round.pk]))
    axe_check(page)
    page.get_by_role("button", name="Propose a balanced cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposed cohort")
    expect(page.locator("main")).to_contain_text("proven to be the highest total score")
    axe_check(page)

    # They check the offers: who gets one and the email's text. Nothing is sent yet.
    page.get_by_role("link", name="Check the offers before sending them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you send the offers")
    expect(page.locator("#check-changes")).to_contain_text("Nia Newleader")
    expect(page.locator("main")).to_contain_text("Dear Nia,")
    expect(page.locator("main")).to_contain_text("We are delighted to offer you a place")
    axe_check(page)
    assert not _offers_to("nia.newleader@example.org")
    assert Application.objects.get(person__first_name="Nia").status == Status.ENDORSED

    # Only the check page's button sends the offer; the banner says so.
    page.get_by_role("button", name="Send 1 offer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 offer sent.")
    axe_check(page)
    assert len(_offers_to("nia.newleader@example.org")) == 1

    # The applicant accepts the offer and is enrolled with their sponsor.
    application = Application.objects.get(person__email="nia.newleader@example.org")
    assert application.status == Status.OFFERED
    sign_in(User.objects.get(email="nia.newleader@example.org"))
    page.goto(_path_in_last_mail("nia.newleader@example.org", r"/applications/\d+/offer/"))
    axe_check(page)
    # Accepting, they read what their career record keeps and why, and answer once.
    expect(page.get_by_role("heading", name="What we keep and why")).to_be_visible()
    page.get_by_label("Yes, I accept my place").check()
    page.get_by_label("Yes, ask me once a year").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("main")).to_contain_text("You have accepted your place")
    expect(page.get_by_role("heading", name="What we keep and why")).to_have_count(0)
    axe_check(page)
    enrolment = Enrolment.objects.get(person=application.person, cohort=application_round.cohort)
    assert enrolment.sponsor == world.sponsor_person
    assert CareerChoice.objects.get(person=application.person).follow_up

    # Their home page does not ask again.
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your programmes")
    expect(page.get_by_role("heading", name="What we keep and why")).to_have_count(0)
