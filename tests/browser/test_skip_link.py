"""Keyboard users can jump past the header straight to the page's content."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from commonground.accounts.models import User
from tests.browser.axe import axe_check
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["participant"])
    page.goto("/")
    axe_check(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    assert page.url.endswith("#main-content")
