"""The cohort hub on a phone, and choosing a person from a long list by typing and the keyboard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.directory.models import Person
from commonground.programmes.models import Enrolment
from tests.browser.axe import axe_check
from tests.conftest import World
from tests.programmes.conftest import grow_cohort

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375
# The whole year used to be one page 24,000 px long on a phone; the overview is a summary.
OVERVIEW_MAX_HEIGHT = 3_000


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def _fits_the_phone(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url} is {width}px wide on a {inner}px screen"


def test_the_cohort_overview_is_short_on_a_phone_and_its_parts_fit(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    grow_cohort(world, world.cohort, enrolments=45, activities=14)
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:cohort", args=[world.cohort.pk]))
    nav = page.get_by_role("navigation", name="Cohort")
    expect(nav.get_by_role("link", name="Overview")).to_have_attribute("aria-current", "page")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < OVERVIEW_MAX_HEIGHT, f"the overview is {height}px long on a phone"
    _fits_the_phone(page)
    axe_check(page)
    for part in ("Participants", "Calendar", "Attendance"):
        page.get_by_role("navigation", name="Cohort").get_by_role("link", name=part).click()
        expect(page.get_by_role("heading", level=1, name=part)).to_be_visible()
        current = page.get_by_role("navigation", name="Cohort").get_by_role("link", name=part)
        expect(current).to_have_attribute("aria-current", "page")
        _fits_the_phone(page)
        axe_check(page)


def test_staff_choose_the_person_to_enrol_by_typing_part_of_a_name(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    grow_cohort(world, world.past_cohort, enrolments=120, activities=0)
    priya = Person.objects.create(
        first_name="Priya",
        last_name="Okonjo",
        email="priya.okonjo@example.org",
        organisation=world.organisation,
        job_title="Head of Commissioning",
    )
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:enrolment_new", args=[world.cohort.pk]))
    person = page.get_by_role("combobox", name="Person")
    expect(person).to_be_visible()
    expect(page.locator("select#id_person-select")).to_be_hidden()
    person.fill("okonj")
    option = page.get_by_role("option", name="Priya Okonjo, ECC (priya.okonjo@example.org)")
    expect(option).to_be_visible()
    axe_check(page)
    # The arrow moves the focus into the list of matches, as the autocomplete does for a reader.
    page.keyboard.press("ArrowDown")
    expect(option).to_be_focused()
    page.keyboard.press("Enter")
    expect(person).to_have_value("Priya Okonjo, ECC (priya.okonjo@example.org)")
    sponsor = page.get_by_role("combobox", name="Sponsor")
    sponsor.fill("sam spon")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(sponsor).to_have_value("Sam Sponsor, ECC (sam.sponsor@example.org)")
    axe_check(page)
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Priya Okonjo enrolled"
    )
    enrolment = Enrolment.objects.get(person=priya)
    assert enrolment.cohort == world.cohort and enrolment.sponsor == world.sponsor_person


def test_staff_add_and_remove_facilitators_by_typing_and_the_keyboard(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    grow_cohort(world, world.past_cohort, enrolments=60, activities=0)
    sign_in(world.users["staff"])
    page.goto(reverse("programmes:activity_edit", args=[world.activity.pk]))
    facilitators = page.get_by_role("combobox", name="Facilitators")
    for typed in ("sam spon", "alex alu"):
        facilitators = page.get_by_role("combobox", name="Facilitators")
        facilitators.fill(typed)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        # A fresh, empty box takes the focus for the next person.
        expect(page.get_by_role("combobox", name="Facilitators")).to_be_focused()
        expect(page.get_by_role("combobox", name="Facilitators")).to_have_value("")
    chosen = page.get_by_role("list", name="Chosen")
    expect(chosen.get_by_role("listitem")).to_have_count(2)
    axe_check(page)
    chosen.get_by_role("button", name="Remove Alex Alumnus").press("Enter")
    expect(chosen.get_by_role("listitem")).to_have_count(1)
    page.get_by_role("button", name="Save the activity").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert list(world.activity.facilitators.all()) == [world.sponsor_person]
