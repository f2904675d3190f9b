"""The progression report as a PDF: the figures in words on page 1, then the curve with its
table, the comparison with its caveats and the definitions, no line cut at a page's edge."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from commonground.lib.proportions import wilson
from tests.conftest import World
from tests.pdf_layout import outside, words

Past = Callable[[int, int, int, int], None]


def _pdf(world: World, role: str) -> PdfReader:
    url = reverse("progression:report_pdf", args=[world.programme.slug])
    response = world.client(role).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(response.content))


def test_page_one_says_the_figures_in_words_and_the_rest_follows(world: World, past: Past) -> None:
    past(10, 6, 8, 2)
    reader = _pdf(world, "staff")
    first = words(reader.pages[0].extract_text())
    lo, hi = wilson(6, 10).lower, wilson(6, 10).upper
    assert "Since 2024, 11 people have completed Leading Greater Essex." in first
    interval = f"(95% CI {round(lo * 100)}% to {round(hi * 100)}%)"
    assert f"60% now hold a more senior role than when their year began {interval}" in first
    assert "against 25% of applicants who were not selected" in first
    assert "Now in a more senior role, by years since completing" in first
    assert timezone.localdate().strftime("%-d %B %Y") in first
    rest = words(" ".join(page.extract_text() for page in reader.pages[1:]))
    for part in (
        "Time to first move up: the figures",
        "Scored just below the selection line",
        "Who answered.",
        "Survivorship.",
        "Selection.",
        "Definitions",
        "censored on the last day their record is known to be right",
    ):
        assert part in rest
    assert outside(reader) == []


def test_the_board_gets_the_pdf_with_small_groups_hidden(world: World, past: Past) -> None:
    past(12, 6, 10, 5)
    reader = _pdf(world, "board")
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert "50% now hold a more senior role" in text
    assert "Figures about fewer than 5 people are not shown" in text
    # Just below the line: 3 moved up and 2 did not, too few to show either.
    assert "not shown (fewer than 5 in a group)" in text
    assert outside(reader) == []


def test_the_report_page_links_to_its_pdf(world: World, past: Past) -> None:
    past(10, 6, 8, 2)
    page = world.client("board").get(reverse("progression:report", args=[world.programme.slug]))
    assert reverse("progression:report_pdf", args=[world.programme.slug]) in page.content.decode()


def test_the_curve_carries_its_colours_so_the_pdf_draws_its_lines(world: World, past: Past) -> None:
    past(10, 6, 8, 2)
    page = world.client("staff").get(reverse("progression:report", args=[world.programme.slug]))
    chart = str(page.context["chart"])
    assert '<polyline class="cg-chart__line cg-chart__line--completers"' in chart
    assert 'stroke="#1d70b8"' in chart
    # The comparison differs by its dashes as well as its colour.
    assert 'stroke="#d4351c" stroke-dasharray="8 5"' in chart
