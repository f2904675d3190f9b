"""A roster longer than fifty: the participant finds colleagues by typing part of their name and
choosing with the keyboard alone, or, without JavaScript, from a plain list; and the network
pages have no accessibility problem of any impact, for staff and for the board."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from commonground.accounts.models import User
from commonground.evaluation.models import NetworkAnswer, SurveyResponse, TieType, WaveKind
from commonground.evaluation.services import load_default_instrument
from tests.browser.axe import all_violations, describe
from tests.conftest import World
from tests.evaluation_app.test_network_pages import _answer, _cohort_of, _network_wave

pytestmark = pytest.mark.browser


def _long_roster(world: World) -> tuple[SurveyResponse, TieType]:
    _cohort_of(world, 55)
    version = load_default_instrument(world.programme, audit=False)
    wave = _network_wave(world, version, WaveKind.MID, True)
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    return response, TieType.objects.get(question_set=wave.network_questions, key="advice")


def test_a_long_roster_is_answered_by_keyboard_alone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    response, advice = _long_roster(world)
    sign_in(world.users["participant"])
    page.goto(reverse("evaluation:network_survey", args=[response.pk]))
    chooser = page.locator(f"#id_named_{advice.pk}")
    chooser.focus()
    page.keyboard.type("Named12 ")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    # The one chosen is listed, with a button to take them off again.
    expect(page.get_by_role("button", name=re.compile(r"Remove\s+Named12 Person"))).to_be_visible()
    page.get_by_role("button", name="Send my answers").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "your network answers are sent"
    )
    named = NetworkAnswer.objects.filter(response=response, tie_type=advice)
    assert [a.person.first_name for a in named] == ["Named12"]


def test_a_long_roster_works_without_javascript(
    browser: Browser, live_server: LiveServer, world: World
) -> None:
    response, advice = _long_roster(world)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    client = Client()
    client.force_login(world.users["participant"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    tab = context.new_page()
    tab.goto(reverse("evaluation:network_survey", args=[response.pk]))
    plain = tab.locator(f"select#id_named_{advice.pk}")
    expect(plain).to_be_visible()
    plain.select_option(label="Named20 Person, Organisation 0")
    tab.get_by_role("button", name="Send my answers").click()
    expect(tab.get_by_text("your network answers are sent")).to_be_visible()
    context.close()
    named = NetworkAnswer.objects.filter(response=response, tie_type=advice)
    assert [a.person.first_name for a in named] == ["Named20"]


@pytest.mark.parametrize("role", ["staff", "board"])
def test_the_cohort_network_page_has_no_accessibility_problem(
    page: Page, world: World, sign_in: Callable[[User], None], role: str
) -> None:
    version = load_default_instrument(world.programme, audit=False)
    enrolments = [world.enrolment, *_cohort_of(world, 11)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    _answer(_network_wave(world, version, WaveKind.END, False), enrolments, 3)
    sign_in(world.users[role])
    url = reverse("evaluation:cohort_network", args=[world.cohort.pk])
    page.goto(url)
    expect(page.get_by_role("heading", name="Who works with whom")).to_be_visible()
    # Every "what these figures mean" and every staff table opened, so axe reads them too.
    for summary in page.locator("summary").all():
        summary.click()
    violations = all_violations(page)
    assert not violations, describe(url, violations, "any-impact")
