"""The shared safety nets for small screens: tables, long words, pagination, the API's page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from tests.browser.axe import all_violations, describe
from tests.conftest import World

pytestmark = pytest.mark.browser

PHONE = 375
SLOW_MS = 60_000
COLUMNS = ["Name", "Organisation", "Sector", "Band", "Email", "Sessions", "Status", "Sponsor"]
CELLS = [
    "Patricia Participant",
    "Essex County Fire and Rescue Service",
    "Fire and rescue",
    "Assistant director",
    "patricia.participant@essex-fire.example.org",
    "3 of 4",
    "Enrolled",
    # Hidden words of a link, positioned absolutely, must not widen the page either.
    'Sam Sponsor <a class="govuk-link" href="#">Change'
    '<span class="govuk-visually-hidden"> Patricia Participant&#x27;s sponsor</span></a>',
]
LONG_ADDRESS = "https://example.org/" + "a-very-long-address-without-any-spaces-" * 4


@pytest.fixture
def viewport() -> ViewportSize:
    return {"width": PHONE, "height": 700}


def _table(css_class: str, columns: int = len(COLUMNS)) -> str:
    head = "".join(
        f'<th scope="col" class="govuk-table__header">{c}</th>' for c in COLUMNS[:columns]
    )
    row = "".join(f'<td class="govuk-table__cell">{c}</td>' for c in CELLS[:columns])
    return (
        f'<table class="govuk-table {css_class}"><thead class="govuk-table__head">'
        f'<tr class="govuk-table__row">{head}</tr></thead><tbody class="govuk-table__body">'
        f'<tr class="govuk-table__row">{row}</tr></tbody></table>'
    )


def _open(page: Page, body: str) -> None:
    """A page of the site's own layout pieces: its stylesheet and table script, then `body`."""
    html = (
        '<!DOCTYPE html><html lang="en-GB" class="govuk-template"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>Participants</title><link rel="stylesheet" href="/static/build/commonground.css">'
        '</head><body class="govuk-template__body"><div class="govuk-width-container">'
        f'<main class="govuk-main-wrapper" id="main-content">{body}</main></div>'
        '<script type="module" src="/static/js/tables.js"></script></body></html>'
    )
    page.route("**/phone-check/", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto("/phone-check/")
    page.wait_for_load_state("load")


def _page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _no_violations(page: Page) -> None:
    violations = all_violations(page)
    assert not violations, describe(page.url, violations, "any-impact")


def test_a_wide_table_becomes_stacked_rows_on_a_phone_and_the_page_does_not_widen(
    page: Page,
) -> None:
    _open(page, '<h1 class="govuk-heading-l">Participants</h1>' + _table(""))
    assert _page_width(page) <= PHONE
    table = page.locator("table")
    expect(table).to_have_class(re.compile("cg-table--stack"))
    email = page.locator("td", has_text="patricia.participant@essex-fire.example.org")
    expect(email).to_have_attribute("data-label", "Email")
    expect(page.get_by_role("region")).to_have_count(0)
    _no_violations(page)


def test_on_a_wider_screen_a_wide_table_scrolls_in_its_own_named_box(page: Page) -> None:
    page.set_viewport_size({"width": 700, "height": 700})
    _open(page, '<h1 class="govuk-heading-l">Participants</h1>' + _table(""))
    assert _page_width(page) <= 700
    box = page.get_by_role("region", name="Participants (scrolls sideways)")
    expect(box).to_have_attribute("tabindex", "0")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    _no_violations(page)


def test_a_table_that_fits_adds_no_stop_to_the_tab_order(page: Page) -> None:
    _open(page, '<h1 class="govuk-heading-l">Two columns</h1>' + _table("", columns=2))
    box = page.locator(".cg-table-scroll")
    expect(box).not_to_have_attribute("tabindex", "0")
    expect(page.get_by_role("region")).to_have_count(0)


def test_a_table_marked_to_stack_becomes_rows_headed_by_their_columns(page: Page) -> None:
    _open(page, '<h1 class="govuk-heading-l">Participants</h1>' + _table("cg-table--stack"))
    assert _page_width(page) <= PHONE
    email = page.locator("td", has_text="patricia.participant@essex-fire.example.org")
    expect(email).to_have_attribute("data-label", "Email")
    assert email.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Email: "'
    expect(page.locator(".cg-table-scroll")).to_have_count(0)
    _no_violations(page)


def test_a_long_address_wraps_instead_of_widening_the_page(page: Page) -> None:
    _open(page, f'<h1 class="govuk-heading-l">Links</h1><p class="govuk-body">{LONG_ADDRESS}</p>')
    assert _page_width(page) <= PHONE


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_pagination_is_readable_and_passes_the_contrast_check(
    page: Page,
    world: World,
    sign_in: Callable[[User], None],
    settings: Settings,
    width: int,
) -> None:
    settings.PAGE_SIZE = 1
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(world.users["staff"])
    page.goto(reverse("directory:people") + "?page=2")
    pages = page.get_by_role("navigation", name="Pages")
    expect(pages.get_by_text("Page 2 of")).to_be_visible()
    expect(pages.get_by_role("link", name="Previous page")).to_be_visible()
    assert _page_width(page) <= width
    _no_violations(page)


def test_the_api_description_says_its_language_and_draws_without_a_cdn(page: Page) -> None:
    # Swagger UI is a large script: it may take a while to draw on a busy machine.
    page.goto("/api/docs", wait_until="commit")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB", timeout=SLOW_MS)
    expect(page.get_by_role("heading", name="Common Ground API")).to_be_visible(timeout=SLOW_MS)


def test_the_not_found_page_has_the_menu_and_a_way_home_on_a_phone(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["participant"])
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    page.get_by_role("link", name="Go to the home page").click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.go_back()
    assert _page_width(page) <= PHONE
    _no_violations(page)
