"""A participant answers the network questions on a phone: they read who will see their answers
before naming anyone, tick colleagues grouped by organisation, add a name from outside the
roster, send, and then see whom they named."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.evaluation.models import (
    NetworkAnswer,
    OutsideName,
    SurveyResponse,
    TieType,
    WaveKind,
)
from commonground.evaluation.services import load_default_instrument
from tests.browser.axe import axe_check
from tests.browser.test_register_on_a_phone import PHONE_WIDTH, expect_no_sideways_scrolling
from tests.conftest import World
from tests.evaluation_app.test_network_pages import _answer, _cohort_of, _network_wave

pytestmark = pytest.mark.browser


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def test_a_participant_names_who_they_work_with_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    colleagues = _cohort_of(world, 6)
    version = load_default_instrument(world.programme, audit=False)
    wave = _network_wave(world, version, WaveKind.MID, True)
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    sign_in(world.users["participant"])
    page.goto(reverse("evaluation:my_surveys"))
    page.get_by_role("link", name="Who you work with").click()
    expect(page.get_by_role("heading", name="Who will see your answers")).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)

    advice = page.get_by_role("group", name="Whom have you gone to for advice?")
    first, second = colleagues[0].person, colleagues[1].person
    advice.get_by_role("group", name=str(first.organisation)).get_by_label(first.name).check()
    advice.get_by_role("group", name=str(second.organisation)).get_by_label(second.name).check()
    page.get_by_label("Anyone not on the list (optional)").nth(1).fill("Jo Bloggs, Probation")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "your network answers are sent"
    )
    axe_check(page)
    advice_tie = TieType.objects.get(question_set=wave.network_questions, key="advice")
    named = NetworkAnswer.objects.filter(response=response, tie_type=advice_tie)
    assert {a.person_id for a in named} == {first.pk, second.pk}
    assert list(OutsideName.objects.values_list("name", flat=True)) == ["Jo Bloggs, Probation"]

    page.goto(reverse("evaluation:my_network", args=[world.enrolment.pk]))
    expect(page.get_by_text(first.name)).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)


def test_staff_read_the_before_and_after_maps_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    version = load_default_instrument(world.programme, audit=False)
    enrolments = [world.enrolment, *_cohort_of(world, 9)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    _answer(_network_wave(world, version, WaveKind.END, False), enrolments, 3)
    sign_in(world.users["staff"])
    page.goto(reverse("evaluation:cohort_network", args=[world.cohort.pk]))
    expect(page.get_by_role("img", name="Baseline: With whom have you worked")).to_be_visible()
    expect(
        page.get_by_role("img", name="End of programme: With whom have you worked")
    ).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)
