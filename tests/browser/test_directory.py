"""Programme staff find people and organisations through the directory's lists."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from commonground.programmes.models import Enrolment
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_staff_find_a_person_from_the_people_list(
    page: Page, world: World, register_people: list[Enrolment], sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("directory:people"))
    axe_check(page)
    people = page.get_by_role("table")
    for enrolment in register_people:
        expect(people).to_contain_text(enrolment.person.name)

    person = register_people[0].person
    page.get_by_role("link", name=person.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.name)
    axe_check(page)

    page.goto(reverse("directory:organisations"))
    axe_check(page)
    expect(page.get_by_role("table")).to_contain_text(world.organisation.name)


def test_staff_filter_people_by_an_organisation_chosen_as_they_type(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("directory:people"))
    box = page.get_by_role("combobox", name="Organisation")
    box.press_sequentially("polic")
    option = page.get_by_role("option", name=world.other_organisation.name)
    expect(option).to_be_visible()
    axe_check(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(box).to_have_value(world.other_organisation.name)
    page.get_by_role("button", name="Apply filters").click()
    people = page.get_by_role("table")
    expect(people).to_contain_text("Pat Participant")
    expect(people).not_to_contain_text("Sam Sponsor")
    axe_check(page)
