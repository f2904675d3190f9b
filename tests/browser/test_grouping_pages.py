"""Staff create learning sets, run them, watch the progress bar finish and see the groups."""

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
from tests.browser.axe import axe_check
from tests.browser.waiting import wait_until_settled
from tests.conftest import World
from tests.grouping_app.conftest import add_participants

pytestmark = pytest.mark.browser


def test_staff_create_and_run_a_grouping_and_see_the_groups(
    page: Page, world: World, sign_in: Callable[[User], None], settings: Settings
) -> None:
    # The run waits in the queue (as it would for a worker) so the progress bar can be watched.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
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

    page.get_by_role("link", name="Move Pat Participant").click()
    axe_check(page)
    page.get_by_label("Set 3").check()
    page.get_by_role("button", name="Move them").click()
    expect(page.locator("main")).to_contain_text("Pat Participant is now in Set 3")
    axe_check(page)
