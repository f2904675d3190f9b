"""Fixtures for browser tests: Debian's Chromium, driven by Playwright, against a live server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    Response,
    ViewportSize,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from commonground.accounts.models import User
from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.programmes.models import Enrolment
from tests.conftest import World

# Playwright's sync API keeps an event loop running in the test thread, which makes Django's ORM
# refuse to run there; the tests use the ORM only to arrange data and check what was saved.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000


# Other test folders import these fixtures into their own conftest, which gives pytest a second
# copy of each session fixture; Playwright can run only once per process, so every copy shares
# the first one's runner and browser, and only the copy that started them stops them.
_running: list[tuple[Playwright, Browser]] = []


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if _running:
        yield _running[0][0]
        return
    runner = sync_playwright().start()
    chromium = runner.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    _running.append((runner, chromium))
    yield runner
    _running.clear()
    chromium.close()
    runner.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Browser:
    """One Chromium per test process (under xdist, one per worker)."""
    return _running[0][1]


@pytest.fixture
def viewport() -> ViewportSize:
    """A desktop window; tests about phones override this fixture."""
    return {"width": 1280, "height": 900}


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, viewport: ViewportSize) -> Iterator[Page]:
    """A fresh tab with no cookies that fails the test on a script error or a missing asset."""
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def check_asset(response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    tab.on("response", check_asset)
    yield tab
    context.close()
    assert not problems, "The browser saw broken pages:\n" + "\n".join(problems)


@pytest.fixture
def sign_in(page: Page, live_server: LiveServer) -> Callable[[User], None]:
    """Sign a user in by giving the browser the session cookie of a signed-in test client."""

    def sign_in_as(user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in_as


@pytest.fixture
def register_people(world: World) -> list[Enrolment]:
    """Three participants on the running cohort's register, in the order the register lists them."""
    fire = Organisation.objects.create(
        name="Essex County Fire and Rescue Service",
        sector=Sector.FIRE_AND_RESCUE,
        area=Area.GREATER_ESSEX,
    )
    enrolments = [world.enrolment]
    for first, last, organisation in (
        ("Rita", "Rescue", fire),
        ("Chris", "Council", world.organisation),
    ):
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            email=f"{first}.{last}@example.org".lower(),
            organisation=organisation,
            job_title="Assistant Director",
            band=Band.ASSISTANT_DIRECTOR,
        )
        enrolments.append(
            Enrolment.objects.create(
                person=person, cohort=world.cohort, enrolled_on=world.cohort.starts_on
            )
        )
    return sorted(enrolments, key=lambda e: (e.person.last_name, e.person.first_name))
