"""A participant ranks their top three challenges by keyboard; staff record a team's showcase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.challenges.models import ChallengePreference, Showcase, Theme
from commonground.challenges.services import create_team, set_team_members
from tests.browser.axe import axe_check
from tests.browser.dates import fill_date
from tests.browser.keyboard import tab_to_button
from tests.challenges.helpers import make_challenge
from tests.conftest import World

pytestmark = pytest.mark.browser

FOCUSED_SELECT = """
() => {
  const el = document.activeElement;
  if (!el || el.tagName !== "SELECT") return null;
  return {label: el.labels[0].textContent.trim(), chosen: el.selectedOptions[0].text};
}
"""


def _tab_to_select(page: Page, label: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_SELECT)
        if focused and focused["label"] == label:
            return
    raise AssertionError(f"{limit} presses of Tab never reached the list {label!r}")


def _choose_option(page: Page, text: str, limit: int = 10) -> None:
    """With a closed list focused, the arrow keys move through its options."""
    for _ in range(limit):
        if page.evaluate(FOCUSED_SELECT)["chosen"] == text:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reached the option {text!r}")


def test_a_participant_ranks_their_top_three_by_keyboard(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    for title, theme in (
        ("Domestic abuse", Theme.DOMESTIC_ABUSE),
        ("Hospital discharge", Theme.HOSPITAL_DISCHARGE),
        ("Net zero", Theme.NET_ZERO),
        ("Skills for the future", Theme.SKILLS),
    ):
        make_challenge(world, title, theme=theme)
    sign_in(world.users["participant"])
    page.goto(reverse("programmes:cohort", args=[world.cohort.pk]))
    axe_check(page)
    page.get_by_role("navigation", name="Cohort").get_by_role("link", name="Challenges").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("100-day challenges")
    axe_check(page)
    page.get_by_role("link", name="Choose your top three challenges").click()
    expect(page.get_by_role("heading", name="Choose your challenges")).to_be_visible()
    axe_check(page)

    # The same challenge twice is refused with a message that says what to do.
    for label, title in (
        ("First choice", "Net zero"),
        ("Second choice", "Net zero"),
        ("Third choice", "Domestic abuse"),
    ):
        _tab_to_select(page, label)
        _choose_option(page, title)
    tab_to_button(page, "Save my choices")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("You chose Net zero already")
    axe_check(page)

    _tab_to_select(page, "Second choice")
    _choose_option(page, "Skills for the future")
    tab_to_button(page, "Save my choices")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your choices are saved"
    )
    axe_check(page)
    ranked = [
        preference.challenge.title
        for preference in ChallengePreference.objects.filter(enrolment=world.enrolment)
        .select_related("challenge")
        .order_by("rank")
    ]
    assert ranked == ["Net zero", "Skills for the future", "Domestic abuse"]


def test_staff_open_a_team_and_record_its_showcase(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    challenge = make_challenge(world, "Rough sleeping", minimum=1)
    team = create_team(challenge, world.cohort, "Rough sleeping team", by=None)
    set_team_members(team, [world.enrolment], by=None, notify=False)
    sign_in(world.users["staff"])
    page.goto(reverse("challenges:challenge", args=[challenge.pk]))
    axe_check(page)
    page.get_by_role("link", name="Rough sleeping team").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rough sleeping team")
    expect(page.get_by_text("Pat Participant").first).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Record the showcase").click()
    axe_check(page)
    page.get_by_label("The team presented").check()
    page.get_by_role("button", name="Save the showcase").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the date the team presented")
    axe_check(page)
    fill_date(page, "Date of the showcase", dt.date(2027, 6, 18))
    page.get_by_label("Presentation link").fill("https://example.org/rough-sleeping-deck")
    page.get_by_label("Outcomes").fill("A single outreach rota across three districts.")
    page.get_by_role("button", name="Save the showcase").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Showcase saved")
    expect(page.get_by_text("A single outreach rota across three districts.")).to_be_visible()
    axe_check(page)
    showcase = Showcase.objects.get(team=team)
    assert showcase.presented and str(showcase.held_on) == "2027-06-18"
