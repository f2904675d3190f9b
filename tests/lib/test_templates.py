"""Rules every page template keeps: styles in the style sheet, errors named in the title."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template
from django.urls import reverse

from tests.conftest import World

TEMPLATES = Path(__file__).parents[2] / "templates"
# Email clients drop a page's style sheet, so emails keep their styles inline.
EMAILS = TEMPLATES / "emails"


def test_no_page_template_has_an_inline_style() -> None:
    styled = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if EMAILS not in path.parents and re.search(r"\sstyle=", path.read_text())
    ]
    assert styled == []


def test_breadcrumbs_link_each_label_and_leave_out_links_with_no_address() -> None:
    html = Template('{% breadcrumbs "Home" "/" "Evaluation" missing "People" "/people/" %}').render(
        Context({})
    )
    links = re.findall(r'<a class="govuk-breadcrumbs__link" href="([^"]*)">([^<]*)</a>', html)
    assert links == [("/", "Home"), ("/people/", "People")]
    assert 'aria-label="Breadcrumb"' in html


def test_a_form_page_with_errors_has_a_title_starting_error(world: World) -> None:
    client = world.client("staff")
    url = reverse("directory:organisation_new")
    assert "<title>Add an organisation" in client.get(url).content.decode()
    page = client.post(url, {"name": ""}).content.decode()
    assert "<title>Error: Add an organisation" in page


def test_no_page_template_writes_the_error_prefix_itself() -> None:
    # The layout puts "Error: " before the title of any page showing errors; a template that
    # adds it too makes screen readers say "Error: Error:".
    doubled = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if re.search(r"{% block title %}[^\n]*Error: ", path.read_text())
    ]
    assert doubled == []


def test_a_ladder_rung_sent_empty_says_error_once_in_its_title(world: World) -> None:
    url = reverse("directory:ladder_rung", args=[world.programme.slug, "director"])
    page = world.client("staff").post(url, {}).content.decode()
    assert "<title>Error: Change a rung" in page
