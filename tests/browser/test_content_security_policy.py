"""Pages run under a strict Content-Security-Policy: no inline script or style, htmx and
GOV.UK Frontend still work, and the browser reports no violation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from commonground.grouping import services
from commonground.grouping.forms import GroupingForm
from commonground.grouping.inputs import enrolments_to_group
from commonground.grouping.models import Grouping
from tests.conftest import World
from tests.grouping_app.conftest import add_participants, settings_for

pytestmark = pytest.mark.browser

# Recorded from the page itself, so a violation on any page the test visits is caught.
WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def violations(page: Page) -> Iterator[list[str]]:
    """Every CSP violation the browser reports, as an event in the page or on the console."""
    seen: list[str] = []

    def report(text: str) -> None:
        seen.append(text)

    page.expose_function("reportViolation", report)
    page.add_init_script(WATCH_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield seen


def test_every_page_carries_the_policy(
    page: Page, world: World, sign_in: Callable[[User], None]
) -> None:
    sign_in(world.users["staff"])
    response = page.goto(reverse("home"))
    assert response is not None
    policy = response.headers["content-security-policy"]
    directives = {part.strip() for part in policy.split(";")}
    # Scripts: our own files, and the one inline import map carrying this response's nonce.
    script_src = next(d for d in directives if d.startswith("script-src "))
    assert script_src.startswith("script-src 'self' 'nonce-"), policy
    assert "unsafe-inline" not in policy
    for directive in (
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in directives, policy


def test_the_watch_sees_an_inline_script_blocked(
    page: Page, world: World, violations: list[str]
) -> None:
    # Proves the watch works: a script written into the page is refused and reported.
    page.goto(reverse("account_login"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    expect(page.locator("body")).to_be_visible()
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert any("script-src" in seen for seen in violations), violations


def test_htmx_polls_a_grouping_to_the_end_without_a_violation(
    page: Page,
    world: World,
    sign_in: Callable[[User], None],
    settings: Settings,
    violations: list[str],
) -> None:
    # The run waits in the queue, as it would for a worker, so the polling can be watched.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    add_participants(world, 11)
    form = GroupingForm(settings_for(world), enrolments=enrolments_to_group(world.cohort))
    assert form.is_valid(), form.errors
    grouping = services.create_grouping(world.cohort, form.settings(), by=world.users["staff"])
    with transaction.atomic():
        services.request_run(grouping, by=None)
    sign_in(world.users["staff"])

    page.goto(grouping.get_absolute_url())
    expect(page.locator("#progress-text")).to_contain_text("Waiting to run")
    services.run(Grouping.objects.get().pk)
    # htmx's next poll learns the run has finished and reloads the page, which shows the groups.
    expect(page.get_by_role("table", name=re.compile(r"^Set 1 \("))).to_be_visible(timeout=10_000)
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert violations == []


def test_the_error_summary_takes_focus_without_a_violation(
    page: Page, world: World, sign_in: Callable[[User], None], violations: list[str]
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("directory:organisation_new"))
    page.get_by_role("button", name="Save organisation").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("body")).to_have_class(
        "govuk-template__body js-enabled govuk-frontend-supported"
    )
    assert violations == []


@pytest.mark.parametrize("viewport", [{"width": 375, "height": 740}])
def test_the_menu_opens_on_a_phone_without_a_violation(
    page: Page,
    world: World,
    sign_in: Callable[[User], None],
    violations: list[str],
    viewport: ViewportSize,
) -> None:
    sign_in(world.users["staff"])
    page.goto(reverse("home"))
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="People")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="People")).to_be_visible()
    assert violations == []
