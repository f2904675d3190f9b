"""The server-side bar chart: an accessible SVG image with its figures."""

from __future__ import annotations

import re

from commonground.lib.charts import bar_chart


def test_it_draws_an_image_with_a_title_for_screen_readers() -> None:
    chart = bar_chart("Participants by sector", [("Health and care", 3), ("Education", 5)])
    svg = str(chart.svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="chart-participants-by-sector-title"' in svg
    assert '<title id="chart-participants-by-sector-title">Participants by sector' in svg
    assert "Education: 5, Health and care: 3" in svg


def test_it_puts_the_largest_first_and_scales_the_bars() -> None:
    chart = bar_chart("Mix", [("Small", 1), ("Large", 4)])
    assert chart.rows == [("Large", 4), ("Small", 1)]
    widths = [float(width) for width in re.findall(r'<rect[^>]*width="([\d.]+)"', chart.svg)]
    assert widths[0] == 4 * widths[1]
    assert chart.total == 5


def test_it_escapes_labels() -> None:
    svg = str(bar_chart("Mix", [("<script>alert(1)</script>", 2)]).svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_it_draws_an_empty_chart_without_failing() -> None:
    svg = str(bar_chart("Nobody yet", []).svg)
    assert "no data" in svg and "<rect" not in svg
