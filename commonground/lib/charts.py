"""Horizontal bar charts drawn as SVG on the server, so the page and a PDF show the same picture.

A chart is an image with a title for screen readers; the page follows it with the same figures
as a table (`templates/includes/bar_chart.html`), which is what assistive technology reads.
Each bar carries its colour as an attribute too: the PDF renderer does not apply a stylesheet's
`fill` to SVG, and on a page the stylesheet's rule wins over the attribute.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

WIDTH = 640
LABEL_WIDTH = 240
VALUE_WIDTH = 48
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 4
MAX_LABEL_CHARACTERS = 34


@dataclass(frozen=True)
class BarChart:
    """A titled list of (label, value) rows, drawn in their order, with its SVG picture.

    `bar_chart` orders counts largest first; values over time are given oldest first.
    """

    title: str
    rows: list[tuple[str, float]]
    unit: str = "people"

    @property
    def chart_id(self) -> str:
        return "chart-" + slugify(self.title)

    @property
    def total(self) -> float:
        return sum(value for _, value in self.rows)

    @property
    def svg(self) -> SafeString:
        return render_svg(self)


def bar_chart(title: str, values: Iterable[tuple[str, int]], unit: str = "people") -> BarChart:
    """Rows sorted by value (largest first), then by label, so the picture reads top down."""
    rows: list[tuple[str, float]] = sorted(values, key=lambda row: (-row[1], row[0]))
    return BarChart(title=title, rows=rows, unit=unit)


def figure(value: float) -> str:
    """A value as the chart writes it: whole numbers plainly, others to two decimal places."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _short(label: str) -> str:
    if len(label) <= MAX_LABEL_CHARACTERS:
        return label
    return label[: MAX_LABEL_CHARACTERS - 1] + "…"


def render_svg(chart: BarChart) -> SafeString:
    height = TOP * 2 + ROW_HEIGHT * max(len(chart.rows), 1)
    largest = max((value for _, value in chart.rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest
    summary = ", ".join(f"{label}: {figure(value)}" for label, value in chart.rows) or "no data"
    title_id = f"{chart.chart_id}-title"
    parts = [
        f'<svg class="cg-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="{title_id}" '
        f'aria-label="{escape(chart.title)}" font-family="system-ui, Arial, sans-serif" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(chart.title)} ({escape(summary)})</title>',
    ]
    for index, (label, value) in enumerate(chart.rows):
        y = TOP + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        bar_top = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bar = round(max(value, 0) * scale, 1)  # a value below zero draws no bar
        parts.append(
            f'<text class="cg-chart__label" x="{LABEL_WIDTH - 8}" y="{middle}" '
            f'text-anchor="end" dominant-baseline="middle">{escape(_short(label))}</text>'
            f'<rect class="cg-chart__bar" fill="#28a197" x="{LABEL_WIDTH}" y="{bar_top}" '
            f'width="{bar}" height="{BAR_HEIGHT}"></rect>'
            f'<text class="cg-chart__label" x="{LABEL_WIDTH + bar + 6}" y="{middle}" '
            f'dominant-baseline="middle">{figure(value)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703  # every text inside was escaped above
