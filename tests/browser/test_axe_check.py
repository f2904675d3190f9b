"""The accessibility check itself fails on a real problem and says where it is."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.axe import axe_check

pytestmark = pytest.mark.browser


def test_axe_check_names_the_rule_and_the_element(page: Page) -> None:
    page.goto("/accounts/login/")  # the site's origin, from which axe itself is loaded
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Broken</title></head>'
        '<body><main><h1>Broken</h1><img src="/static/favicon.svg" class="cg-photo"></main></body>'
        "</html>"
    )
    with pytest.raises(AssertionError) as failure:
        axe_check(page)
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert 'at img: <img src="/static/favicon.svg" class="cg-photo">' in message
