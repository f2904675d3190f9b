"""A cohort report as one self-contained, accessible HTML page, rendered without Django."""

from collections.abc import Sequence
from html import escape
from string import Template

from commonground.evaluation.choices import (
    SELF,
    Relationship,
    rater_group_label,
    rater_label,
    wave_label,
)
from commonground.evaluation.stats.agreement import Agreement
from commonground.evaluation.stats.cohort_report import CohortReport, MeasureResult
from commonground.evaluation.stats.instrument import Instrument
from commonground.evaluation.stats.paired import PairedComparison
from commonground.evaluation.stats.raters import OTHERS, RaterGroup
from commonground.evaluation.stats.summary import Summary
from commonground.lib.small_numbers import Suppressed
from commonground.lib.words import count_of

# Columns of the table of ratings by who rated, in order.
RATER_COLUMNS = (SELF, *Relationship.values, OTHERS)
DASH = "&ndash;"

_PAGE = Template("""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; margin: 2rem auto;
  max-width: 72rem; padding: 0 1rem; }
table { border-collapse: collapse; margin: 0 0 2rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { text-align: left; font-weight: normal; }
td.number { text-align: right; }
.hidden-figure { font-style: italic; color: #4a4a4a; }
figure { margin: 1rem 0 0.5rem; }
.note { font-size: 0.9rem; color: #333; }
</style>
</head>
<body>
<main>
<h1>$title</h1>
$summary
$body
</main>
</body>
</html>
""")


def render_report(report: CohortReport, instrument: Instrument) -> str:
    """The full HTML page: summary, charts each followed by its table, then every table."""
    sections = [
        _change_section(report, instrument),
        _indicator_section(report, instrument),
        _shift_section(report),
        _rater_section(report),
        _statement_section(report),
        _trend_section(report),
        _response_rate_section(report),
        _comment_section(report, instrument),
        _technical_section(),
    ]
    return _PAGE.substitute(
        title=escape(report.title),
        summary=_summary(report),
        body="\n".join(s for s in sections if s),
    )


def _technical_section() -> str:
    return _section(
        "Technical details",
        "<p>t (df) is the paired t statistic with its degrees of freedom, n - 1. "
        "Wilcoxon W is the smaller of the two rank sums, of the rises and of the falls, with "
        "unchanged ratings left out: the statistic scipy reports, not R's V (the sum of the "
        "ranks of the rises). Both give the same p-value. "
        "See docs/evaluation-statistics.md.</p>",
    )


def _summary(report: CohortReport) -> str:
    cohorts = ", ".join(escape(c) for c in report.cohorts if c) or "one cohort"
    threshold = report.options.threshold
    hiding = (
        f"Figures from fewer than {threshold} responses are hidden."
        if threshold
        else "Every figure is shown, however few responses it rests on: for programme staff only."
    )
    return (
        f"<p>{count_of(report.participants, 'participant')} ({cohorts}). "
        f"Changes compare {_wave(report.options.before_wave)} with "
        f"{_wave(report.options.after_wave)} self-ratings of the same people. {hiding}</p>"
    )


def _wave(wave: str) -> str:
    return escape(wave_label(wave).lower())


Row = tuple[str, list[str]]


def _table(caption: str, headers: Sequence[str], rows: Sequence[Row]) -> str:
    """A table whose first column names each row; cells arrive as ready <td> elements."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{escape(name)}</th>{"".join(cells)}</tr>' for name, cells in rows
    )
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _number(value: float | int | None, digits: int = 2) -> str:
    text = (
        DASH if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)
    )
    return f'<td class="number">{text}</td>'


def _p(value: float | None) -> str:
    text = DASH if value is None else "&lt;0.001" if value < 0.001 else f"{value:.3f}"
    return f'<td class="number">{text}</td>'


def _percent(share: float | None) -> str:
    return f'<td class="number">{DASH if share is None else f"{100 * share:.0f}%"}</td>'


def _text(value: str) -> str:
    return f"<td>{escape(value)}</td>"


def _hidden(suppressed: Suppressed, columns: int = 1) -> str:
    span = f' colspan="{columns}"' if columns > 1 else ""
    return f'<td{span} class="hidden-figure">{escape(suppressed.message)}</td>'


def _change_with_interval(c: PairedComparison) -> str:
    if c.mean_change is None:
        return _number(None)
    interval = (
        "" if c.ci_low is None or c.ci_high is None else f" ({c.ci_low:.2f} to {c.ci_high:.2f})"
    )
    return f'<td class="number">{c.mean_change:+.2f}{interval}</td>'


def _mean_value(summary: Summary | Suppressed | None) -> float | None:
    return summary.mean if isinstance(summary, Summary) else None


CHANGE_HEADERS = (
    "n (pairs)",
    "Mean before",
    "Mean after",
    "Mean change (95% CI)",
    "d_z",
    "g_av",
    "t (df)",
    "t-test p",
    "Holm-adjusted p",
    "Wilcoxon W",
    "Wilcoxon p",
    "Improved",
    "Same",
    "Fell",
    "Notes",
)


def _change_cells(measure: MeasureResult) -> list[str]:
    c = measure.change
    if isinstance(c, Suppressed):
        return [_hidden(c, len(CHANGE_HEADERS))]
    return [
        _number(c.n),
        _number(c.before.mean),
        _number(c.after.mean),
        _change_with_interval(c),
        _number(c.d_z),
        _number(c.g_av),
        _t_cell(c),
        _p(c.t_test.p if c.t_test else None),
        _p(measure.change_p_holm),
        _number(c.signed_rank.statistic, 1) if c.signed_rank else _number(None),
        _p(c.signed_rank.p if c.signed_rank else None),
        _percent(c.share_improved),
        _percent(c.share_same),
        _percent(c.share_fell),
        _text(" ".join(c.notes)),
    ]


def _t_cell(c: PairedComparison) -> str:
    if c.t_test is None:
        return _number(None)
    return f'<td class="number">{c.t_test.t:.2f} ({c.t_test.df})</td>'


def _section(heading: str, *parts: str) -> str:
    return f"<section><h2>{escape(heading)}</h2>{''.join(parts)}</section>"


def _change_section(report: CohortReport, instrument: Instrument) -> str:
    before, after = report.options.before_wave, report.options.after_wave
    ranges = {
        t.id: (t.indicators[0].scale.minimum, t.indicators[0].scale.maximum)
        for t in instrument.themes
    }
    charts = [
        _bar_chart(
            f"theme-means-{n}",
            f"Mean self-rating by theme, scale {low:g}-{high:g}",
            [
                (t.title, [(wave_label(w), _mean_value(t.by_wave.get(w))) for w in (before, after)])
                for t in report.themes
                if ranges[t.id] == (low, high)
            ],
            low,
            high,
            "Theme",
        )
        for n, (low, high) in enumerate(dict.fromkeys(ranges.values()))
    ]
    table = _table(
        f"Change in self-ratings by theme, {_wave(before)} to {_wave(after)}",
        ["Theme", *CHANGE_HEADERS],
        [(t.title, _change_cells(t)) for t in report.themes],
    )
    return _section("Did self-ratings change?", *charts, table)


def _indicator_section(report: CohortReport, instrument: Instrument) -> str:
    tables = [
        _table(
            f"{theme.title}: change in each indicator",
            ["Indicator", *CHANGE_HEADERS],
            [(i.title, _change_cells(i)) for i in report.indicators if i.theme_id == theme.id],
        )
        for theme in instrument.themes
    ]
    note = (
        '<p class="note">Holm-adjusted p-values allow for testing every indicator at once; '
        "see docs/evaluation-statistics.md.</p>"
    )
    return _section("Indicator by indicator", note, *tables)


def _shift_cells(measure: MeasureResult) -> list[str]:
    cells = []
    for c in (measure.response_shift, measure.retrospective_change):
        if isinstance(c, Suppressed):
            cells.append(_hidden(c, 3))
        else:
            cells += [_number(c.n), _change_with_interval(c), _p(c.t_test.p if c.t_test else None)]
    return cells


def _shift_section(report: CohortReport) -> str:
    headers = [
        "Measure",
        "n (shift)",
        "Baseline to the end's look back (95% CI)",
        "p",
        "n (look back)",
        "Looked-back before to now, at end (95% CI)",
        "p",
    ]
    rows = [(m.title, _shift_cells(m)) for m in (*report.themes, *report.indicators)]
    note = (
        '<p class="note">A negative shift means that, by the end, people judged their starting '
        "point lower than they had at baseline: they learnt what good looks like.</p>"
    )
    return _section(
        "Response shift", note, _table("Response shift and looked-back change", headers, rows)
    )


def _rater_cell(group: RaterGroup | Suppressed | None) -> str:
    if isinstance(group, Suppressed):
        return _hidden(group)
    if group is None or group.mean is None:
        return _number(None)
    return f'<td class="number">{group.mean:.2f} (n={group.n})</td>'


def _rater_section(report: CohortReport) -> str:
    types = RATER_COLUMNS
    headers = ["Measure", *(rater_group_label(t) for t in types), "Self minus all others"]

    def cells(m: MeasureResult) -> list[str]:
        others = m.raters.get(OTHERS)
        gap = others.self_minus_others if isinstance(others, RaterGroup) else None
        gap_cell = _hidden(others) if isinstance(others, Suppressed) else _number(gap)
        return [_rater_cell(m.raters.get(t)) for t in types] + [gap_cell]

    rows = [(m.title, cells(m)) for m in (*report.themes, *report.indicators)]
    caption = f"Mean rating by who rated, at {_wave(report.options.rater_wave)}"
    return _section("Self and others", _table(caption, headers, rows))


def _statement_section(report: CohortReport) -> str:
    if not report.statements:
        return ""
    latest = [(s, _latest(s.by_wave)) for s in report.statements]
    groups = [
        (s.wording, [("Agreeing", a.percent_agreeing if isinstance(a, Agreement) else None)])
        for s, a in latest
    ]
    chart = _bar_chart(
        "agreement", "Percentage agreeing, latest wave asked", groups, 0, 100, "Statement", "%"
    )
    rows = [
        (s.wording, [_text(s.kind), _text(wave_label(w)), *_agreement_cells(a)])
        for s in report.statements
        for w, a in s.by_wave.items()
    ]
    top = report.options.top_boxes
    headers = ["Statement", "Kind", "Wave", "n", f"Agreeing (top {top} boxes)", "Mean"]
    table = _table("Reactions and outcomes: agreement", headers, rows)
    return _section("Reactions and outcomes", chart, table)


def _latest(by_wave: dict[str, Agreement | Suppressed]) -> Agreement | Suppressed | None:
    return list(by_wave.values())[-1] if by_wave else None


def _agreement_cells(a: Agreement | Suppressed) -> list[str]:
    if isinstance(a, Suppressed):
        return [_hidden(a, 3)]
    share = None if a.percent_agreeing is None else a.percent_agreeing / 100
    return [_number(a.n), _percent(share), _number(a.mean)]


def _trend_section(report: CohortReport) -> str:
    if len(report.cohorts) < 2:
        return ""
    rows = []
    for theme in report.themes:
        for cohort, c in theme.by_cohort.items():
            cells = (
                [_hidden(c, 2)]
                if isinstance(c, Suppressed)
                else [_number(c.n), _change_with_interval(c)]
            )
            rows.append((theme.title, [_text(cohort), *cells]))
    headers = ["Theme", "Cohort", "n (pairs)", "Mean change (95% CI)"]
    return _section("Cohort by cohort", _table("Mean change by cohort", headers, rows))


def _response_rate_section(report: CohortReport) -> str:
    rows = [
        (
            wave_label(r.wave),
            [
                _text(rater_label(r.rater_type)),
                _number(r.invited),
                _number(r.responded),
                _percent(r.rate),
            ],
        )
        for r in report.response_rates
    ]
    headers = ["Wave", "Rater type", "Invited", "Responded", "Response rate"]
    return _section("Who answered", _table("Response rates by wave and rater type", headers, rows))


def _comment_section(report: CohortReport, instrument: Instrument) -> str:
    if not instrument.free_text:
        return ""
    rows = [(q.wording, [_number(report.comments.get(q.id, 0))]) for q in instrument.free_text]
    note = (
        '<p class="note">Comments are not printed here: in a small cohort the words can '
        "identify the person. Programme staff read them in the responses file.</p>"
    )
    table = _table("Free-text questions", ["Question", "Answers received"], rows)
    return _section("In their own words", note, table)


SERIES_COLOURS = ("#5a5a5a", "#0b6e4f", "#1f4e8c")
_LABEL_WIDTH = 300
_PLOT_WIDTH = 340
_BAR = 18
_GAP = 14
_LABEL_CHARS = 38


def _bar_chart(
    chart_id: str,
    title: str,
    groups: Sequence[tuple[str, Sequence[tuple[str, float | None]]]],
    minimum: float,
    maximum: float,
    row_heading: str,
    unit: str = "",
) -> str:
    """Horizontal bars from the scale's minimum, one group per row label.

    The table that follows the chart holds the same figures, for screen
    readers and for anyone who wants the numbers.
    """
    series = [name for name, _ in groups[0][1]] if groups else []
    legend = " ".join(
        f'<tspan fill="{SERIES_COLOURS[i]}">■</tspan> {escape(name)}'
        for i, name in enumerate(series)
    )
    group_height = _BAR * len(series) + _GAP
    height = 30 + group_height * len(groups)
    width = _LABEL_WIDTH + _PLOT_WIDTH + 70
    bars = "".join(
        _bar_group(i, label, values, (minimum, maximum), unit, group_height)
        for i, (label, values) in enumerate(groups)
    )
    return (
        f'<figure><svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">Bar chart; the table after it gives the same figures.</desc>'
        f'<text x="{_LABEL_WIDTH}" y="16">{legend}</text>{bars}</svg>'
        f"<figcaption>{escape(title)}. Figures in the table below.</figcaption></figure>"
        + _chart_table(title, row_heading, series, groups, unit)
    )


def _chart_table(
    title: str,
    row_heading: str,
    series: Sequence[str],
    groups: Sequence[tuple[str, Sequence[tuple[str, float | None]]]],
    unit: str,
) -> str:
    """The chart's own figures, built from the same data so the two cannot disagree."""
    rows = [
        (label, [_text("not shown") if v is None else _text(f"{v:.1f}{unit}") for _, v in values])
        for label, values in groups
    ]
    return _table(f"{title}: the figures", [row_heading, *series], rows)


def _bar_group(
    index: int,
    label: str,
    values: Sequence[tuple[str, float | None]],
    scale: tuple[float, float],
    unit: str,
    group_height: int,
) -> str:
    top = 30 + index * group_height
    short = label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"
    parts = [f'<text x="0" y="{top + _BAR - 4}">{escape(short)}</text>']
    for i, (_, value) in enumerate(values):
        y = top + i * _BAR
        if value is None:
            parts.append(
                f'<text x="{_LABEL_WIDTH}" y="{y + _BAR - 5}" font-style="italic">not shown</text>'
            )
            continue
        low, high = scale
        length = _PLOT_WIDTH * (value - low) / (high - low)
        parts.append(
            f'<rect x="{_LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{_BAR - 4}" '
            f'fill="{SERIES_COLOURS[i % len(SERIES_COLOURS)]}"/>'
            f'<text x="{_LABEL_WIDTH + length + 4:.1f}" y="{y + _BAR - 5}">{value:.1f}{unit}</text>'
        )
    return "".join(parts)
