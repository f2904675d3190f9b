"""Not found, no access and server error pages: in the site's layout, with a way back."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from commonground.lib.unavailable import server_error
from tests.conftest import World


def test_a_missing_page_is_in_the_layout_with_the_menu_and_a_link_home(world: World) -> None:
    response = world.client("staff").get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found \N{EN DASH} Common Ground</title>" in page
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert f'href="{reverse("directory:people")}">People</a>' in page  # the staff menu
    assert '<a class="govuk-link" href="/">Go to the home page</a>' in page


def test_a_missing_page_links_back_only_to_a_page_of_this_site(world: World) -> None:
    client = world.client("participant")
    own = client.get("/no-such-page/", headers={"referer": "http://testserver/challenges/"})
    assert 'href="http://testserver/challenges/">Go back to the page you came from' in (
        own.content.decode()
    )
    foreign = client.get("/no-such-page/", headers={"referer": "https://example.com/"})
    assert "Go back" not in foreign.content.decode()


def test_a_missing_page_tells_someone_signed_out_that_some_pages_need_signing_in() -> None:
    page = Client().get("/no-such-page/").content.decode()
    assert "Some pages are shown only to people who have signed in." in page
    assert ">Sign in</a>" in page


def test_a_refused_page_says_why_in_the_layout_with_a_way_back(world: World) -> None:
    response = world.client("facilitator").get(reverse("accounts:tokens"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "<title>You cannot open this page \N{EN DASH} Common Ground</title>" in page
    assert "ask the programme team who run your programme" in page
    assert ">Sign out</a>" in page  # the signed-in menu
    assert '<a class="govuk-link" href="/">Go to the home page</a>' in page


def test_a_refused_page_gives_the_reason_the_page_gave(world: World) -> None:
    url = reverse("programmes:apologies", kwargs={"pk": world.activity.pk})
    page = world.client("staff").post(url).content.decode()
    assert "Only the cohort&#x27;s participants send apologies." in page


def test_the_server_error_page_is_drawn_without_the_database() -> None:
    # No database fixture: pytest-django fails the test on any query.
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    title = "Sorry, there is a problem with the service \N{EN DASH} Common Ground"
    assert f"<title>{title}</title>" in page
    assert '<html lang="en-GB"' in page
    assert '<a class="govuk-link" href="/">Go to the home page</a>' in page


def test_every_page_has_one_footer_written_in_one_template(world: World) -> None:
    failed = server_error(RequestFactory().get("/")).content.decode()
    ordinary = world.client("staff").get("/no-such-page/").content.decode()
    for page in (failed, ordinary):
        assert page.count("<footer") == 1
        assert "cross-organisational leadership programmes for public services" in page
    templates = Path(settings.BASE_DIR, "templates")
    written = [path for path in templates.rglob("*.html") if "<footer" in path.read_text()]
    assert written == [templates / "includes" / "footer.html"]


def test_favicon_ico_leads_to_the_site_icon() -> None:
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)  # type: ignore[attr-defined]
