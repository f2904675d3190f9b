"""Staff create learning sets, run them, watch the progress bar finish, see the groups and how
mixed they are, and publish them after the check page; the pages fit a phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from commonground.grouping import services
from commonground.grouping.models import Grouping
from commonground.programmes.models import Enrolment
from tests.browser.axe import axe_check
from tests.browser.waiting import wait_until_settled
from tests.conftest import World
from tests.grouping_app.conftest import add_participants

pytestmark = pytest.mark.browser
PHONE_WIDTH = 375


def expect_no_sideways_scrolling(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px screen"


def test_staff_create_and_run_a_grouping_and_see_the_groups(
    page: Page, world: World, sign_in: Callable[[User], None], settings: Settings
) -> None:
    # The run waits in the queue (as it would for a worker) so the progress bar can be watched.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    add_participants(world, 11)
    sign_in(world.users["staff"])

    page.goto(reverse("grouping:cohort_groupings", args=[world.cohort.pk]))
    axe_check(page)
    page.get_by_role("link", name="Create a grouping").click()
    axe_check(page)
    page.get_by_label("Name").fill("Autumn learning sets")
    page.get_by_label("Number of groups").fill("3")
    page.get_by_role("button", name="Save the grouping").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn learning sets")
    axe_check(page)

    page.get_by_role("button", name="Run the grouping").click()
    expect(page.locator("#progress-text")).to_contain_text("Waiting to run")
    axe_check(page)
    # A worker picks the run up; the page, polling every second, reloads with the groups.
    services.run(Grouping.objects.get().pk)
    wait_until_settled(page)
    expect(page.get_by_role("table", name=re.compile(r"^Set 1 \("))).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Rules"))).to_contain_text("Met")
    expect(page.locator("main")).to_contain_text("Organisations in Set 1")
    axe_check(page)

    expect(page.locator("#mix-summary")).to_contain_text("3 sets of 4 people each.")
    expect(page.locator("#mix-summary")).to_contain_text("Every set has people from at least")
    # The optimiser's figures wait behind "Technical details".
    expect(page.locator("#quality-1")).to_be_hidden()
    page.get_by_text("Technical details").click()
    expect(page.locator("#quality-1")).to_contain_text("Objective")

    page.get_by_role("link", name="Move Pat Participant").click()
    axe_check(page)
    page.get_by_label("Set 3").check()
    page.get_by_role("button", name="Move them").click()
    expect(page.locator("main")).to_contain_text("Pat Participant is now in Set 3")
    axe_check(page)

    # Ready: publishing is the main thing to do, and it asks first.
    publish = page.get_by_role("button", name="Publish to participants")
    expect(publish).to_have_class("govuk-button")
    expect(page.get_by_role("button", name="Run it again")).to_have_class(
        re.compile("govuk-button--secondary")
    )
    publish.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you publish the groups")
    expect(page.locator("#check-changes")).to_contain_text(
        "The 12 participants placed in these sets"
    )
    expect(page.locator("#no-email")).to_contain_text("No one is emailed")
    axe_check(page)
    assert Grouping.objects.get().status == "ready"
    page.get_by_role("button", name="Publish the groups").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Published: participants now see their groups."
    )
    expect(page.locator("#history").locator("xpath=following::table[1]")).to_contain_text(
        "Staff published the grouping."
    )
    axe_check(page)


def test_the_grouping_page_and_my_groups_fit_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    add_participants(world, 11)
    for enrolment in Enrolment.objects.filter(cohort=world.cohort):
        person = enrolment.person
        person.job_title = "Assistant Director of Strategic Commissioning and Transformation"
        person.save()
    grouping = services.create_grouping(
        world.cohort, {"name": "Autumn learning sets", "group_count": 3}, by=None
    )
    services.request_run(grouping, by=None)
    services.run(grouping.pk)
    grouping.refresh_from_db()
    services.publish(grouping, by=world.users["staff"])
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 667})

    sign_in(world.users["staff"])
    page.goto(grouping.get_absolute_url())
    expect(page.locator("#mix-summary")).to_be_visible()
    expect_no_sideways_scrolling(page)
    axe_check(page)

    page.context.clear_cookies()
    sign_in(world.users["participant"])
    page.goto(reverse("grouping:mine"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My groups")
    expect(page.locator("main")).to_contain_text("Pat Participant (you)")
    expect_no_sideways_scrolling(page)
    axe_check(page)
