"""The board report's first page: the programme in a minute, in words and four small charts.

Cohort size and completion, the mix of sectors, the change in each theme with its confidence
interval said in plain words, and how many participants answered each survey. Every count
passes through `lib/small_numbers.py` for the report's audience, and nothing here adds a new
total beside figures shown elsewhere in the report (raters are not pooled, for instance), so
no hidden figure can be worked out by subtraction.

The charts are drawn here rather than with `lib/charts.py` because a printed page needs labels
that wrap instead of being cut, and an interval chart the pages do not have.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from commonground.evaluation import stats
from commonground.evaluation.choices import SELF, WaveKind, wave_label
from commonground.lib.small_numbers import Figure, Suppressed, count, suppress
from commonground.lib.words import count_of
from commonground.programmes.figures import cohort_figures, programme_table
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus, Programme

NO_SECTOR = "No organisation recorded"
# The SVG's own units: the chart is scaled to its column, so these set proportions only.
WIDTH = 340
LABEL_WIDTH = 122
FONT = 10.5
LINE = 12.5
CHARACTER = 0.62 * FONT  # a generous average width of one character


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: no bar (a hidden figure), the text says why
    text: str


@dataclass(frozen=True)
class Interval:
    label: str
    mean: float  # in per cent of the answer scale, so themes on different scales line up
    low: float
    high: float
    text: str


@dataclass(frozen=True)
class SummaryChart:
    title: str
    svg: SafeString
    note: str  # the chart said in a sentence, for readers who skip pictures


@dataclass(frozen=True)
class BoardSummary:
    points: list[str]
    charts: list[SummaryChart]


@dataclass(frozen=True)
class Frame:
    """A chart's proportions: the whole width and the labels' share of it, in SVG units."""

    width: float = WIDTH
    label_width: float = LABEL_WIDTH

    @property
    def characters(self) -> int:
        return int((self.label_width - 8) / CHARACTER)


SMALL = Frame()
# A chart across the page, for labels as long as a sentence.
WIDE = Frame(width=640, label_width=330)


def _lines(label: str, frame: Frame = SMALL) -> list[str]:
    return textwrap.wrap(label, frame.characters, break_long_words=False) or [""]


def _svg(title: str, height: float, parts: list[str], frame: Frame = SMALL) -> SafeString:
    return mark_safe(  # nosec B308 B703  # every text inside was escaped by the callers
        f'<svg class="board-chart" role="img" viewBox="0 0 {frame.width} {height:.1f}" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="{FONT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _label(lines: list[str], top: float, frame: Frame = SMALL) -> str:
    spans = "".join(
        f'<tspan x="{frame.label_width - 6}" y="{top + LINE * (i + 0.8):.1f}">'
        f"{escape(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="end" fill="#0b0c0c">{spans}</text>'


def bars_svg(
    title: str, bars: Sequence[Bar], maximum: float | None = None, frame: Frame = SMALL
) -> SafeString:
    """Horizontal bars with labels that wrap onto more lines rather than being cut."""
    largest = maximum or max((b.value or 0 for b in bars), default=0) or 1
    # Room right of the longest bar for the longest figure, so no figure runs off the edge.
    room = max((len(b.text) for b in bars), default=0) * CHARACTER + 8
    left = frame.label_width
    scale = max(frame.width - left - room, 60) / largest
    parts, top = [], 2.0
    for bar in bars:
        lines = _lines(bar.label, frame)
        height = max(len(lines), 1) * LINE + 4
        parts.append(_label(lines, top, frame))
        length = (bar.value or 0) * scale
        middle = top + height / 2
        if bar.value is not None:
            parts.append(
                f'<rect x="{left}" y="{middle - 5:.1f}" width="{length:.1f}" '
                'height="10" fill="#1d70b8"></rect>'
            )
        parts.append(
            f'<text x="{left + length + 4:.1f}" y="{middle + 3.5:.1f}" '
            f'fill="#0b0c0c">{escape(bar.text)}</text>'
        )
        top += height
    return _svg(title, top + 2, parts, frame)


def intervals_svg(title: str, rows: Sequence[Interval]) -> SafeString:
    """Each change as a dot with a line across its 95% confidence interval, and zero marked."""
    low = min([0.0, *(r.low for r in rows)])
    high = max([1.0, *(r.high for r in rows)])
    span = (high - low) or 1
    plot = WIDTH - LABEL_WIDTH - 10

    def x(value: float) -> float:
        return LABEL_WIDTH + 4 + (value - low) / span * plot

    parts, top = [], 2.0
    for row in rows:
        lines = _lines(row.label)
        height = (len(lines) + 1) * LINE + 4
        parts.append(_label(lines, top))
        middle = top + LINE * 0.6
        parts.append(
            f'<line x1="{x(row.low):.1f}" x2="{x(row.high):.1f}" y1="{middle:.1f}" '
            f'y2="{middle:.1f}" stroke="#1d70b8" stroke-width="2.5"></line>'
            f'<circle cx="{x(row.mean):.1f}" cy="{middle:.1f}" r="3.6" fill="#0b0c0c"></circle>'
            f'<text x="{LABEL_WIDTH + 4}" y="{top + LINE * 1.7:.1f}" font-size="{FONT - 1.5}" '
            f'fill="#505a5f">{escape(row.text)}</text>'
        )
        top += height
    zero = x(0.0)
    parts.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{top:.1f}" stroke="#505a5f" '
        'stroke-dasharray="3 2"></line>'
        f'<text x="{zero + 2:.1f}" y="{top + LINE:.1f}" font-size="{FONT - 1.5}" '
        'fill="#505a5f">no change</text>'
    )
    return _svg(title, top + LINE + 4, parts)


# The figures


def _sectors(programme: Programme, threshold: int | None) -> list[tuple[str, Figure]]:
    """People who took a place in any cohort, by their organisation's sector: one line of the
    small-number rule beside its total (the programme's participants)."""
    rows = (
        Enrolment.objects.filter(
            cohort__programme=programme, status__in=EnrolmentStatus.TOOK_A_PLACE
        )
        .values("person__organisation__sector")
        .annotate(people=Count("pk"))
        .order_by("person__organisation__sector")
    )
    names = [row["person__organisation__sector"] or NO_SECTOR for row in rows]
    line = suppress([row["people"] for row in rows], threshold)
    shown = list(zip(names, line.cells, strict=True))
    return sorted(shown, key=lambda pair: (pair[1].hidden, -pair[1].value, pair[0]))


def _completion(finished: bool, rate: str) -> str:
    """A cohort's completion beside its size, briefly: the chart has little room."""
    if not finished:
        return ", not finished"
    return f", {rate} completed" if rate.endswith("%") else ", completion hidden"


def _share(part: Figure, whole: Figure) -> str:
    if part.hidden or whole.hidden or not whole.value:
        return ""
    return f"{round(100 * part.value / whole.value)}%"


def _scale_of(instrument: stats.Instrument) -> dict[str, stats.Scale]:
    return {theme.id: theme.indicators[0].scale for theme in instrument.themes if theme.indicators}


def _points(value: float) -> str:
    return f"{abs(value):.2f}".rstrip("0").rstrip(".") + " points"


def _interval_words(change: stats.PairedComparison, scale: stats.Scale) -> str:
    """The change and its 95% confidence interval, in words."""
    assert change.mean_change is not None and change.ci_low is not None
    assert change.ci_high is not None
    way = "rose" if change.mean_change >= 0 else "fell"
    sure = (
        "so it very likely rose"
        if change.ci_low > 0
        else "so it very likely fell"
        if change.ci_high < 0
        else "so we cannot be sure it changed at all"
    )
    return (
        f"{way} by {_points(change.mean_change)} on the {scale.describe()} scale "
        f"({count_of(change.n, 'person')} answered at both); the true change very likely lies "
        f"between {change.ci_low:+.2f} and {change.ci_high:+.2f} (95% confidence), {sure}"
    )


def _outcomes(
    report: stats.CohortReport, instrument: stats.Instrument
) -> tuple[list[Interval], list[str], list[str]]:
    """(the chart's rows, one sentence per theme, themes hidden or not yet measured)."""
    scales = _scale_of(instrument)
    rows, sentences, missing = [], [], []
    for theme in report.themes:
        change, scale = theme.change, scales.get(theme.id)
        if (
            not isinstance(change, stats.PairedComparison)
            or scale is None
            or change.mean_change is None
            or change.ci_low is None
            or change.ci_high is None
        ):
            reason = change.message if isinstance(change, Suppressed) else "no pairs yet"
            missing.append(f"{theme.title} ({reason})")
            continue
        width = (scale.maximum - scale.minimum) or 1
        rows.append(
            Interval(
                theme.title,
                100 * change.mean_change / width,
                100 * change.ci_low / width,
                100 * change.ci_high / width,
                f"{change.mean_change:+.2f} ({change.ci_low:+.2f} to {change.ci_high:+.2f}) "
                f"on {scale.describe()}",
            )
        )
        sentences.append(f"{theme.title} {_interval_words(change, scale)}.")
    return rows, sentences, missing


def _rates(report: stats.CohortReport, threshold: int | None) -> list[tuple[str, Bar]]:
    """Participants' own response rate at each wave, as the detailed table shows it."""
    found = []
    for rate in report.response_rates:
        if rate.rater_type != SELF or rate.wave not in WaveKind.values:
            continue
        asked, answered = count(rate.invited, threshold), count(rate.responded, threshold)
        label = wave_label(rate.wave)
        if asked.hidden or answered.hidden or rate.rate is None:
            found.append((rate.wave, Bar(label, None, "hidden (small numbers)")))
        else:
            percent = round(100 * rate.rate)
            text = f"{percent}% ({answered} of {asked})"
            found.append((rate.wave, Bar(label, float(percent), text)))
    order = list(WaveKind.values)
    return sorted(found, key=lambda pair: order.index(pair[0]))


def board_summary(
    programme: Programme,
    report: stats.CohortReport,
    instrument: stats.Instrument,
    threshold: int | None,
) -> BoardSummary:
    """The first page of the board report: four queries whatever the programme's size."""
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("starts_on", "pk"))
    figures = cohort_figures(cohorts)
    table = programme_table(figures, threshold)
    finished = [f for f in figures if f.finished]
    points: list[str] = []
    if table.participants.hidden:
        points.append(f"{programme.name} has {count_of(len(cohorts), 'cohort')}.")
    else:
        points.append(
            f"{table.participants} people have taken a place on {programme.name} across "
            f"{count_of(len(cohorts), 'cohort')}."
        )
    if finished and table.completion_rate.endswith("%"):
        points.append(
            f"Of the people in the {count_of(len(finished), 'finished cohort')}, "
            f"{table.completion_rate} completed the programme."
        )
    elif finished:
        points.append(
            "How many completed is hidden here to protect small numbers; programme staff "
            "see it in their copy of this report."
        )
    cohort_bars = [
        Bar(
            f.cohort.name,
            None if shown.participants.hidden else float(shown.participants.value),
            f"{shown.participants}{_completion(f.finished, shown.completion_rate)}",
        )
        for f, shown in zip(figures, table.cohorts, strict=True)
    ]
    sectors = _sectors(programme, threshold)
    shares = [(name, _share(figure, table.participants)) for name, figure in sectors]
    named = [f"{name.lower()} ({share})" for name, share in shares if share][:3]
    if named:
        points.append(
            f"They came from {count_of(len(sectors), 'sector')}; the largest were "
            + ", ".join(named[:-1])
            + (" and " if len(named) > 1 else "")
            + named[-1]
            + "."
        )
    intervals, sentences, missing = _outcomes(report, instrument)
    rose = [i for i in intervals if i.low > 0]
    if intervals:
        how_many = (
            f"all {count_of(len(intervals), 'theme')}"
            if len(rose) == len(intervals)
            else f"{len(rose)} of the {count_of(len(intervals), 'theme')}"
        )
        points.append(
            "From the start of the programme to its end, participants' own ratings of their "
            f"leadership very likely rose on {how_many} measured."
        )
        best = max(intervals, key=lambda i: i.mean)
        points.extend(s for s in sentences if s.startswith(best.label))
    rates = _rates(report, threshold)
    end = next((bar for wave, bar in rates if wave == WaveKind.END), None)
    if end is not None and end.value is not None:
        points.append(f"{end.text.split(' (')[0]} of participants answered the end survey.")
    charts = [
        SummaryChart(
            "People in each cohort",
            bars_svg("People in each cohort", cohort_bars),
            "Each bar is the people who took a place; finished cohorts show the share who "
            "completed.",
        ),
        SummaryChart(
            "Where they work",
            bars_svg(
                "Where they work",
                [Bar(name, None if f.hidden else float(f.value), str(f)) for name, f in sectors],
            ),
            "People who took a place in any cohort, by their organisation's sector.",
        ),
        SummaryChart(
            "Change from start to end, with its likely range",
            intervals_svg("Change from start to end, with its likely range", intervals),
            "The dot is the average change in each theme; the line is its 95% confidence "
            "interval, the range the true change very likely lies in. A line clear of the "
            "dashed zero is a change we can be confident in."
            + (f" Not shown: {', '.join(missing)}." if missing else ""),
        ),
        SummaryChart(
            "Participants who answered each survey",
            bars_svg("Participants who answered each survey", [b for _, b in rates], 100),
            "Participants' own answers at each survey, of those asked.",
        ),
    ]
    return BoardSummary(points, charts)
