"""Each role, signed in, follows the links it is shown from home, on a phone and on a laptop.

Every page reached has no sideways scrolling at 375 px or at 1280 px and no accessibility
problem of any impact, and no link on it answers 403 or 404 (or fails) to the role it is
shown to. The crawl is bounded: at most PAGES_PER_ROLE pages, and at most SAME_SHAPE pages
whose addresses differ only in their numbers (two people's pages, page 2 of a list), so that
it reaches many kinds of page rather than many of one kind.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from tests.browser.axe import all_violations, describe
from tests.conftest import ROLES, World

pytestmark = pytest.mark.browser

PAGES_PER_ROLE = 40
# A page is opened, scripts and all, before it is checked; some take long on a busy machine.
TIMEOUT_MS = 30_000
FIRST_PAGE_TIMEOUT_MS = 120_000
SAME_SHAPE = 1
WIDTHS = (375, 1280)
# Not followed: signing out, files to download, and what is not one of the app's own pages
# (Django's admin and the API's JSON; /api/docs is visited, see below).
SKIPPED_PATHS = re.compile(r"^/(accounts/logout/|admin/|static/|api/(?!docs$))")
DOWNLOADS = re.compile(r"\.(csv|xlsx|pdf|ics|json|zip|png|svg)$|/(export|download)s?/", re.I)
# Swagger UI, which draws /api/docs, is not the app's own page: only its language is checked.
# (It is a large script, so the crawl does not wait for it to draw.)
THIRD_PARTY = ("/api/docs",)

# The network survey's pages each role must reach by links (see `network_answers`).
COHORT_NETWORK = r"/cohorts/\d+/evaluation/network/$"
NETWORK_PAGES = {
    "staff": (COHORT_NETWORK,),
    "board": (COHORT_NETWORK,),
    "evaluator": (COHORT_NETWORK,),
    "participant": (r"/surveys/\d+/network/$", r"/enrolments/\d+/evaluation/network/$"),
}

OVERFLOW_SCRIPT = """() => {
    const width = window.innerWidth;
    const wide = [];
    for (const element of document.querySelectorAll("main *, header *, footer *, nav *")) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0) {
            const parent = element.parentElement;
            if (parent && parent.getBoundingClientRect().right > width + 1) continue;
            let clipped = false;
            for (let node = parent; node && !clipped; node = node.parentElement) {
                clipped = getComputedStyle(node).overflowX !== "visible";
            }
            if (clipped) continue;
            const classes = [...element.classList].slice(0, 2).map(c => "." + c).join("");
            wide.push(`${element.tagName.toLowerCase()}${classes} (${Math.round(box.right)}px)`);
        }
    }
    return {scroll: document.documentElement.scrollWidth, inner: width, wide: wide.slice(0, 4)};
}"""
LINKS_SCRIPT = """() => [...document.querySelectorAll("a[href]")]
    .filter(a => !a.hasAttribute("download"))
    .map(a => [a.href, (a.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)])"""


@dataclass
class Crawl:
    """What one role's crawl found: the pages it opened, and each problem, page by page."""

    origin: str
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    shapes: Counter[str] = field(default_factory=Counter)

    def own(self, href: str) -> str | None:
        """The path and query of a link to one of the app's pages, or None to leave it."""
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if SKIPPED_PATHS.match(parts.path) or DOWNLOADS.search(parts.path):
            return None
        return path


def shape(path: str) -> str:
    """/people/12/?page=2 and /people/13/?page=3 have one shape: /people/N/?page."""
    parts = urlsplit(path)
    keys = sorted(part.partition("=")[0] for part in parts.query.split("&") if part)
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def _context(browser: Browser, live_server: LiveServer, width: int, cookie: str) -> BrowserContext:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}
    )
    context.set_default_timeout(TIMEOUT_MS)
    if cookie:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context


def _session_cookie(world: World, role: str) -> str:
    if role == "anonymous":
        return ""
    client = Client()
    client.force_login(world.users[role])
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _check_page(tab: Page, crawl: Crawl, path: str, width: int) -> None:
    if path in THIRD_PARTY:
        tab.locator("html").wait_for(state="attached")
        if not tab.locator("html").get_attribute("lang"):
            crawl.problems.append(f"{path} at {width}px: the page does not say its language")
        return
    sizes = tab.evaluate(OVERFLOW_SCRIPT)
    if sizes["scroll"] > sizes["inner"]:
        crawl.problems.append(
            f"{path} at {width}px: {sizes['scroll']}px wide, scrolls sideways"
            + (f" (too wide: {', '.join(sizes['wide'])})" if sizes["wide"] else "")
        )
    violations = all_violations(tab)
    if violations:
        crawl.problems.append(f"at {width}px: " + describe(path, violations, "any-impact"))


def _waiting_for(path: str) -> Literal["load", "commit"]:
    """Swagger UI's large script is not waited for: only its page's language is checked."""
    return "commit" if path in THIRD_PARTY else "load"


def _broken(status: int) -> bool:
    return status in (403, 404) or status >= 500


def _check_links(context: BrowserContext, crawl: Crawl, path: str, links: list[list[str]]) -> None:
    for href, text in links:
        target = crawl.own(href)
        if target is None:
            continue
        if target not in crawl.statuses:
            response = context.request.get(target, max_redirects=5, fail_on_status_code=False)
            html = "text/html" in response.headers.get("content-type", "")
            # Only HTML pages are opened; a file that downloads keeps its status for the check.
            crawl.statuses[target] = response.status if html or response.status >= 400 else 0
        status = crawl.statuses[target]
        if _broken(status):
            crawl.problems.append(f'{path} links to {target} ("{text}"), which answers {status}')


def _next_pages(crawl: Crawl, queue: deque[str], seen: set[str], links: list[list[str]]) -> None:
    for href, _ in links:
        target = crawl.own(href)
        if target is None or target in seen or crawl.statuses.get(target) != 200:
            continue
        seen.add(target)
        if crawl.shapes[shape(target)] < SAME_SHAPE:
            crawl.shapes[shape(target)] += 1
            queue.append(target)


def _crawl_from_home(context: BrowserContext, crawl: Crawl) -> Iterator[tuple[Page, str]]:
    """Opens pages breadth-first from home, checking each page's links as it goes."""
    tab = context.new_page()
    tab.on("pageerror", lambda error: crawl.problems.append(f"{tab.url}: script error: {error}"))
    queue: deque[str] = deque(["/"])
    seen = {"/"}
    crawl.statuses["/"] = 200
    # The live server's first page compiles the URLs and templates: slow on a busy machine.
    context.request.get("/", timeout=FIRST_PAGE_TIMEOUT_MS)
    while queue and len(crawl.pages) < PAGES_PER_ROLE:
        path = queue.popleft()
        response = tab.goto(path, wait_until=_waiting_for(path))
        landed = crawl.own(tab.url) or path
        if response is None or response.status != 200 or landed in crawl.pages:
            continue
        crawl.pages.append(landed)
        yield tab, landed
        links = tab.evaluate(LINKS_SCRIPT)
        _check_links(context, crawl, landed, links)
        _next_pages(crawl, queue, seen, links)
    tab.close()


@pytest.fixture
def network_answers(world: World) -> None:
    """The running cohort answered the network questions at baseline, and the participant has
    them open now, so the network pages are among those the crawl can reach."""
    from commonground.evaluation.models import SurveyResponse, WaveKind
    from commonground.evaluation.services import load_default_instrument
    from tests.evaluation_app.test_network_pages import _answer, _cohort_of, _network_wave

    version = load_default_instrument(world.programme, audit=False)
    enrolments = [world.enrolment, *_cohort_of(world, 5)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 2)
    wave = _network_wave(world, version, WaveKind.MID, True)
    SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("network_answers")
def test_every_page_a_role_reaches_by_links_works_on_a_phone_and_a_laptop(
    role: str, world: World, browser: Browser, live_server: LiveServer
) -> None:
    cookie = _session_cookie(world, role)
    crawl = Crawl(origin=live_server.url)
    wide, narrow = WIDTHS[1], WIDTHS[0]
    laptop = _context(browser, live_server, wide, cookie)
    for tab, path in _crawl_from_home(laptop, crawl):
        _check_page(tab, crawl, path, wide)
    laptop.close()

    phone = _context(browser, live_server, narrow, cookie)
    tab = phone.new_page()
    tab.on("pageerror", lambda error: crawl.problems.append(f"{tab.url}: script error: {error}"))
    for path in crawl.pages:
        tab.goto(path, wait_until=_waiting_for(path))
        _check_page(tab, crawl, path, narrow)
    phone.close()

    assert crawl.pages, f"the {role} reached no page"
    for page in NETWORK_PAGES.get(role, ()):
        assert any(re.match(page, path) for path in crawl.pages), f"the {role} missed {page}"
    if crawl.problems:
        pytest.fail(
            f"{len(crawl.problems)} problem(s) on the {len(crawl.pages)} pages "
            f"the {role} reached:\n" + "\n".join(crawl.problems),
            pytrace=False,
        )
