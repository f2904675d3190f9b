"""Staff import posts on a phone: upload, the check page line by line, then import; no page
scrolls sideways and axe finds nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from commonground.accounts.models import User
from commonground.directory.models import Post
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375
FILE = (
    b"email,organisation,title,started_on\n"
    b"alex.alumnus@example.org,Essex Police,Chief Superintendent,2022-04-01\n"
)


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE_WIDTH, "height": 667}


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH + 1, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px screen"
    axe_check(page)


def test_staff_check_then_import_posts_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("progression:import_posts", args=[world.programme.slug]))
    page.get_by_label("File of posts").set_input_files(
        {"name": "posts.csv", "mimeType": "text/csv", "buffer": FILE}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the posts to import")
    expect(page.locator("#planned-posts")).to_contain_text("Chief Superintendent")
    _fits(page)
    assert not Post.objects.exists()
    page.get_by_role("button", name="Import this post").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Imported 1 post")
    _fits(page)
    assert Post.objects.filter(person=world.alumnus_person).count() == 1
