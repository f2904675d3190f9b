"""Waiting for what a page does on its own before a test moves on."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# A progress panel polls (htmx `every 2s`) while a background run works out a report or a
# grouping; the run can take a while on a busy machine.
POLLING = "[hx-trigger^='every']"
RUN_TIMEOUT_MS = 30_000


def wait_until_settled(page: Page) -> None:
    """Wait until no progress panel polls any more, and the page it leaves is loaded.

    When the run ends, a report or grouping page reloads itself to show the result (the board
    report's panel shows its download link instead). A test that moves on while the panel
    polls races that reload: its own navigation is aborted (net::ERR_ABORTED), or the check it
    runs loses the page it was checking.
    """
    expect(page.locator(POLLING)).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    page.wait_for_load_state()
