"""A participant and a rater answer their surveys with the keyboard alone; every page passes axe."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from commonground.evaluation.models import (
    InstrumentVersion,
    Nomination,
    NominationStatus,
    ReportSnapshot,
    SurveyResponse,
    Wave,
    WaveKind,
)
from commonground.evaluation.services import issue_token, load_default_instrument, new_draft
from commonground.evaluation.tasks import compute_report_snapshot
from tests.browser.axe import axe_check
from tests.browser.waiting import wait_until_settled
from tests.conftest import World

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName, type: el.type || "", text: (el.textContent || el.value || "").trim()};
}"""


def _wave(world: World, kind: str) -> tuple[InstrumentVersion, Wave]:
    version = load_default_instrument(world.programme, audit=False)
    today = timezone.localdate()
    wave = Wave.objects.create(
        cohort=world.cohort,
        kind=kind,
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=20),
        version=version,
    )
    return version, wave


def answer_by_keyboard(page: Page, limit: int = 400) -> int:
    """Tab through the form: the fourth answer in each radio group, 70 in each 0-100 rating,
    a sentence in the first text box; then Enter on "Send my answers". Returns the groups."""
    groups, typed = 0, False
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused: dict[str, Any] = page.evaluate(FOCUSED)
        if focused["type"] == "radio":
            for _ in range(3):
                page.keyboard.press("ArrowDown")
            groups += 1
        elif focused["type"] == "number":
            page.keyboard.type("70")
            groups += 1
        elif focused["tag"] == "TEXTAREA" and not typed:
            page.keyboard.type("Working with partners before deciding.")
            typed = True
        elif focused["text"] == "Send my answers":
            page.keyboard.press("Enter")
            return groups
    raise AssertionError(f"{limit} presses of Tab never reached Send my answers")


def test_a_participant_answers_their_survey_by_keyboard(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    _, wave = _wave(world, WaveKind.MID)
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    sign_in(world.users["participant"])
    page.goto(reverse("evaluation:my_surveys"))
    axe_check(page)
    link = page.get_by_role("link", name="Mid-point survey, 2026/27")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()").startswith("Mid-point"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mid-point survey")
    axe_check(page)

    # Sending nothing shows the error summary, focused, each message linking to its question.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["text"] == "Send my answers":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Mid-point survey"))
    axe_check(page)

    assert answer_by_keyboard(page) == 20
    expect(page.get_by_role("heading", level=1)).to_have_text("My surveys")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("answers are sent")
    axe_check(page)
    response.refresh_from_db()
    assert response.submitted_at is not None
    assert response.ratings["collab_1"] == 4 and response.ratings["learn_1"] == 70
    assert response.comments == {"text_most_useful": "Working with partners before deciding."}


def test_a_rater_answers_through_their_link_by_keyboard(page: Page, world: World) -> None:
    _, wave = _wave(world, WaveKind.END)
    nomination = Nomination.objects.create(
        enrolment=world.enrolment,
        name="Morgan Manager",
        email="morgan@example.org",
        relationship="manager",
        status=NominationStatus.APPROVED,
    )
    response = SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="manager",
        nomination=nomination,
        version_id=wave.version_id,
    )
    url = reverse("evaluation:rater_survey", args=[issue_token(response)])
    page.goto(url)
    axe_check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How Pat leads")
    expect(page.locator("main")).not_to_contain_text("Participant")
    assert answer_by_keyboard(page) == 20
    expect(page.get_by_role("heading", level=1)).to_have_text("Answers sent")
    axe_check(page)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("You have already sent your answers")
    axe_check(page)


def test_staff_pages_pass_the_accessibility_check(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    version, wave = _wave(world, WaveKind.BASELINE)
    SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="self",
        version=version,
        ratings={"collab_1": 3},
        submitted_at=timezone.now(),
    )
    Nomination.objects.create(
        enrolment=world.enrolment, name="Pending Peer", email="p@example.org", relationship="peer"
    )
    sign_in(world.users["staff"])
    for url in (
        reverse("evaluation:home"),
        reverse("evaluation:plan", args=[world.cohort.pk]),
        reverse("evaluation:cohort_report", args=[world.cohort.pk]),
        reverse("evaluation:programme_report", args=[world.programme.slug]),
        reverse("evaluation:participant_report", args=[world.enrolment.pk]),
        reverse("evaluation:nominations", args=[world.enrolment.pk]),
        reverse("evaluation:instruments"),
        reverse("evaluation:version", args=[version.pk]),
        reverse("evaluation:wave_edit", args=[wave.pk]),
    ):
        page.goto(url)
        # The reports work their figures out in the background and reload when they are ready.
        wait_until_settled(page)
        axe_check(page)
        expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_staff_reorder_a_drafts_indicators_by_keyboard(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    version = load_default_instrument(world.programme, audit=False)
    draft = new_draft(version, world.users["staff"])
    theme = draft.themes.order_by("position", "pk").first()
    assert theme is not None
    first, second = theme.indicators.order_by("position", "pk")[:2]
    sign_in(world.users["staff"])
    page.goto(reverse("evaluation:version", args=[draft.pk]))
    axe_check(page)
    button = page.get_by_role("button", name=f"Move down {first.key}")
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Moved down: {first.self_wording}")).to_be_visible()
    rows = page.locator(f"#indicator-{second.pk}, #indicator-{first.pk}")
    expect(rows.first).to_have_id(f"indicator-{second.pk}")
    expect(page.get_by_role("button", name=f"Move up {first.key}")).to_be_visible()
    axe_check(page)


def test_the_board_report_is_prepared_with_visible_progress_then_offered_for_download(
    page: Page, world: World, sign_in: Callable[[User], None], settings: Settings
) -> None:
    # The figures wait in the queue (as they would for a worker) so the progress can be seen.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    version, wave = _wave(world, WaveKind.BASELINE)
    SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="self",
        version=version,
        ratings={"collab_1": 3},
        submitted_at=timezone.now(),
    )
    sign_in(world.users["board"])
    page.goto(reverse("evaluation:programme_report_pdf", args=[world.programme.slug]))
    expect(page.get_by_role("heading", level=1)).to_have_text("The board report is being prepared")
    expect(page.get_by_label("Working out the latest figures")).to_be_visible()
    axe_check(page)
    # A worker works the figures and the PDF out; the polling panel then offers the download.
    compute_report_snapshot.call(ReportSnapshot.objects.get().pk)
    wait_until_settled(page)
    link = page.get_by_role("link", name="Download the board report (PDF)")
    expect(link).to_be_visible()
    axe_check(page)
    with page.expect_download() as download:
        link.focus()
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"evaluation-{world.programme.slug}.pdf"
