"""The time-to-first-move-up curve drawn as SVG on the server, one line for each group.

The page puts the same figures in a table beside it; a point not shown in the table (small
numbers) is not drawn either, and the line breaks there.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 300
LEFT = 48
RIGHT = 150
TOP = 12
BOTTOM = 40
# Each line's colour and dashes as attributes as well as classes, so the PDF (whose renderer
# reads no stroke from a stylesheet) draws them too; the comparison is dashed, not only red.
STROKES = {
    "completers": 'stroke="#1d70b8"',
    "applicants": 'stroke="#d4351c" stroke-dasharray="8 5"',
}


def _point(years: int, share: float, last: int) -> tuple[float, float]:
    x = LEFT + (WIDTH - LEFT - RIGHT) * years / last
    y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - share)
    return round(x, 1), round(y, 1)


def line_chart(
    title: str, years: Sequence[int], series: Sequence[tuple[str, str, Sequence[float | None]]]
) -> SafeString:
    """`series` is (label, css modifier, share at each year or None where hidden)."""
    last = max(years, default=1)
    parts = [
        f'<svg class="cg-chart cg-progression-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-label="{escape(title)}" '
        'font-family="system-ui, Arial, sans-serif" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        _, y = _point(0, tick, last)
        parts.append(
            f'<line class="cg-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
            'stroke="#b1b4b6" stroke-width="1"></line>'
            f'<text class="cg-chart__label" x="{LEFT - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{round(tick * 100)}%</text>'
        )
    for year in years:
        x, _ = _point(year, 0, last)
        parts.append(
            f'<text class="cg-chart__label" x="{x}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append(
        f'<text class="cg-chart__label" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 4}" '
        'text-anchor="middle">Years since completing</text>'
    )
    for index, (label, modifier, shares) in enumerate(series):
        stroke = STROKES[modifier]
        # Each line starts at 0% at year 0; a hidden point ends the drawn segment.
        segments: list[list[tuple[float, float]]] = [[_point(0, 0, last)]]
        for year, value in zip(years, shares, strict=True):
            if value is None:
                segments.append([])
            else:
                segments[-1].append(_point(year, value, last))
        for segment in segments:
            if len(segment) > 1:
                path = " ".join(f"{x},{y}" for x, y in segment)
                parts.append(
                    f'<polyline class="cg-chart__line cg-chart__line--{modifier}" '
                    f'points="{path}" fill="none" {stroke} stroke-width="3"></polyline>'
                )
        key_y = TOP + 14 + index * 22
        parts.append(
            f'<line class="cg-chart__line cg-chart__line--{modifier}" x1="{WIDTH - RIGHT + 12}" '
            f'x2="{WIDTH - RIGHT + 32}" y1="{key_y}" y2="{key_y}" {stroke} stroke-width="3"></line>'
            f'<text class="cg-chart__label" x="{WIDTH - RIGHT + 38}" y="{key_y}" '
            f'dominant-baseline="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703  # every text inside was escaped above
