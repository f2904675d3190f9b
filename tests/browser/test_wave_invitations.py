"""Staff send a survey wave early through the check page; the participant can answer it then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.audit.models import AuditEntry
from commonground.evaluation.models import SurveyResponse, Wave, WaveKind
from commonground.evaluation.services import load_default_instrument
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def _wave_in_july(world: World) -> Wave:
    opens = timezone.localdate() + dt.timedelta(days=220)
    return Wave.objects.create(
        cohort=world.cohort,
        kind=WaveKind.END,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=28),
        version=load_default_instrument(world.programme, audit=False),
    )


def test_staff_send_a_wave_early_only_after_checking_and_saying_why(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    wave = _wave_in_july(world)
    opens = f"{wave.opens_on:%-d %b %Y}"
    sign_in(world.users["staff"])
    page.goto(reverse("evaluation:plan", args=[world.cohort.pk]))
    expect(page.locator("main")).to_contain_text(f"Scheduled: sent by itself on {opens}")
    page.get_by_role("link", name="Send invitations now for the end of programme wave").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check before you send the invitations early"
    )
    main = page.locator("main")
    expect(main).to_contain_text("Invitation for participants: 1 person")
    expect(main).to_contain_text("Your end of programme survey is open")
    expect(main).to_contain_text(f"instead of {wave.opens_on:%-d %B %Y}")
    page.get_by_text("Who receives it").click()
    expect(main).to_contain_text("Pat Participant (pat.participant@example.org)")
    axe_check(page)
    assert mail.outbox == []

    # No reason: refused, with the error summary, and still nothing sent.
    page.get_by_role("button", name="Open the survey and send 1 invitation").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(main).to_contain_text("Say why the invitations should go before the survey opens")
    axe_check(page)
    assert mail.outbox == []
    wave.refresh_from_db()
    assert wave.invited_at is None

    page.get_by_label("Why should the invitations go before the survey opens?").fill(
        "The programme ends early this year"
    )
    page.get_by_role("button", name="Open the survey and send 1 invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation plan")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Invitations are being sent to 1 person")
    expect(banner).to_be_in_viewport()
    axe_check(page)
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]
    wave.refresh_from_db()
    assert wave.opens_on == timezone.localdate()
    entry = AuditEntry.objects.get(action="evaluation.wave.sent_early")
    assert entry.changes["reason"] == [None, "The programme ends early this year"]


def test_a_participant_is_told_when_a_survey_opens(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    wave = _wave_in_july(world)
    mine = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    sign_in(world.users["participant"])
    page.goto(reverse("evaluation:survey", args=[mine.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"This survey opens on {wave.opens_on:%-d %B %Y}"
    )
    expect(page.get_by_role("button", name="Send my answers")).to_have_count(0)
    axe_check(page)
