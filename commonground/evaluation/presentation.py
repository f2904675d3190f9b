"""Arranges a computed report as the rows and charts the pages and the board PDF show.

Hidden figures are shown as the reason they are hidden ("fewer than 5 responses"), never blank,
so nobody mistakes a hidden number for a missing one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from commonground.evaluation import stats
from commonground.evaluation.choices import (
    LOOKED_BACK,
    LOOKED_BACK_LABEL,
    WaveKind,
    rater_group_label,
    rater_label,
    wave_label,
)
from commonground.evaluation.report_html import RATER_COLUMNS
from commonground.lib.charts import BarChart, bar_chart
from commonground.lib.exports import cell as spreadsheet_cell
from commonground.lib.small_numbers import Suppressed, count

REPORT_WAVES = tuple(WaveKind.values)
# The cohort-by-cohort trends on the page and in the board PDF: the latest this many cohorts;
# the full table is a CSV download (`trend_csv`).
LATEST_TRENDS = 12
NONE = "\u2013"  # an en dash: nothing to show


@dataclass(frozen=True)
class Cell:
    text: str
    hidden: bool = False
    numeric: bool = True


@dataclass
class Row:
    title: str
    cells: list[Cell] = field(default_factory=list)
    is_theme: bool = False


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[Row]
    # A sentence under the caption, such as which rows are left out and where they are.
    note: str = ""


def _hidden(value: Suppressed) -> Cell:
    return Cell(value.message, hidden=True)


def _number(value: float | None, places: int = 2) -> Cell:
    return Cell(NONE if value is None else f"{value:.{places}f}")


def _p(value: float | None) -> Cell:
    if value is None:
        return Cell(NONE)
    return Cell("< 0.001" if value < 0.001 else f"{value:.3f}")


def _summary(value: stats.Summary | Suppressed | None) -> Cell:
    if value is None:
        return Cell(NONE)
    if isinstance(value, Suppressed):
        return _hidden(value)
    return _number(value.mean)


def _change_cells(change: stats.PairedComparison | Suppressed, holm: float | None) -> list[Cell]:
    if isinstance(change, Suppressed):
        return [Cell(NONE, numeric=False), _hidden(change)] + [Cell(NONE)] * 6
    ci = (
        f"{change.mean_change:+.2f} ({change.ci_low:+.2f} to {change.ci_high:+.2f})"
        if change.mean_change is not None
        and change.ci_low is not None
        and change.ci_high is not None
        else (NONE if change.mean_change is None else f"{change.mean_change:+.2f}")
    )
    parts = (change.share_improved, change.share_same, change.share_fell)
    shares = (
        " / ".join("not shown" if share is None else f"{share:.0%}" for share in parts)
        if change.n
        else NONE
    )
    return [
        Cell(str(change.n)),
        Cell(ci),
        _p(change.t_test.p if change.t_test else None),
        _p(holm),
        _p(change.signed_rank.p if change.signed_rank else None),
        _number(change.d_z),
        _number(change.g_av),
        Cell(shares),
    ]


def waves_in(report: stats.CohortReport) -> list[str]:
    present = {w for m in report.themes for w in m.by_wave}
    return [w for w in REPORT_WAVES if w in present]


CHANGE_HEADERS = [
    "Pairs",
    "Mean change (95% CI)",
    "t-test p",
    "Holm p",
    "Wilcoxon p",
    "d_z",
    "g_av",
    "Improved / same / fell",
]


def change_table(report: stats.CohortReport, caption: str) -> Table:
    """Themes, each followed by its indicators: means at each wave and the change to the end."""
    waves = waves_in(report)
    headers = ["Theme or indicator", *[f"Mean: {wave_label(w)}" for w in waves], *CHANGE_HEADERS]
    by_theme: dict[str, list[stats.MeasureResult]] = {}
    for indicator in report.indicators:
        by_theme.setdefault(indicator.theme_id, []).append(indicator)
    rows = []
    for theme in report.themes:
        for measure, is_theme in [(theme, True)] + [(i, False) for i in by_theme.get(theme.id, [])]:
            rows.append(
                Row(
                    measure.title,
                    [_summary(measure.by_wave.get(w)) for w in waves]
                    + _change_cells(measure.change, measure.change_p_holm),
                    is_theme,
                )
            )
    return Table(caption, headers, rows)


def shift_table(report: stats.CohortReport) -> Table:
    """Baseline against the end's look back at "before": how people's yardstick moved."""
    rows = []
    for theme in report.themes:
        shift, retro = theme.response_shift, theme.retrospective_change
        rows.append(
            Row(
                theme.title,
                [
                    _summary(theme.by_wave.get(WaveKind.BASELINE)),
                    _summary(theme.by_wave.get(LOOKED_BACK)),
                    _change_only(shift),
                    _summary(theme.by_wave.get(WaveKind.END)),
                    _change_only(retro),
                ],
                True,
            )
        )
    headers = [
        "Theme",
        WaveKind.BASELINE.label,
        LOOKED_BACK_LABEL,
        "Response shift (95% CI)",
        WaveKind.END.label,
        "Change from looking back (95% CI)",
    ]
    return Table("Response shift: baseline against the retrospective rating", headers, rows)


def _change_only(change: stats.PairedComparison | Suppressed) -> Cell:
    if isinstance(change, Suppressed):
        return _hidden(change)
    if change.mean_change is None:
        return Cell(NONE)
    if change.ci_low is None or change.ci_high is None:
        return Cell(f"{change.mean_change:+.2f}")
    return Cell(f"{change.mean_change:+.2f} ({change.ci_low:+.2f} to {change.ci_high:+.2f})")


def rater_table(report: stats.CohortReport) -> Table:
    rows = []
    for theme in report.themes:
        cells = []
        for rater in RATER_COLUMNS:
            group = theme.raters.get(rater)
            if group is None:
                cells.append(Cell(NONE))
            elif isinstance(group, Suppressed):
                cells.append(_hidden(group))
            else:
                cells.append(Cell(f"{group.mean:.2f} (n={group.n})" if group.mean else NONE))
        others = theme.raters.get(stats.OTHERS)
        gap = others.self_minus_others if isinstance(others, stats.RaterGroup) else None
        cells.append(_number(gap))
        rows.append(Row(theme.title, cells, True))
    headers = ["Theme", *[rater_group_label(r) for r in RATER_COLUMNS], "Self minus others"]
    return Table("How participants rate themselves against how others rate them", headers, rows)


def statement_table(report: stats.CohortReport) -> Table:
    rows = []
    for statement in report.statements:
        for wave, value in statement.by_wave.items():
            if isinstance(value, Suppressed):
                cells = [Cell(wave_label(wave), numeric=False), _hidden(value), _hidden(value)]
            else:
                percent = (
                    NONE if value.percent_agreeing is None else f"{value.percent_agreeing:.0f}%"
                )
                cells = [Cell(wave_label(wave), numeric=False), Cell(str(value.n)), Cell(percent)]
            rows.append(Row(statement.wording, cells))
    headers = ["Statement", "Wave", "Answered", "Agreeing"]
    return Table("Reactions and outcomes: share agreeing or strongly agreeing", headers, rows)


def rates_table(report: stats.CohortReport, threshold: int | None) -> Table:
    rows = []
    for rate in report.response_rates:
        asked, answered = count(rate.invited, threshold), count(rate.responded, threshold)
        # The rate and the number asked would give the number who answered.
        hidden = asked.hidden or answered.hidden
        percent = NONE if rate.rate is None else f"{rate.rate:.0%}"
        rows.append(
            Row(
                wave_label(rate.wave),
                [
                    Cell(rater_label(rate.rater_type), numeric=False),
                    Cell(str(asked), hidden=asked.hidden),
                    Cell(str(answered), hidden=answered.hidden),
                    Cell("hidden", hidden=True) if hidden else Cell(percent),
                ],
            )
        )
    return Table("Response rates", ["Wave", "Rater", "Asked", "Answered", "Rate"], rows)


TREND_HEADERS = ["Theme", "Cohort", "Pairs", "Mean change (95% CI)", "d_z"]


def _trend_rows(report: stats.CohortReport, cohorts: Sequence[str]) -> list[Row]:
    """Each theme's rows for these cohorts, in this order."""
    rows = []
    for theme in report.themes:
        for cohort in cohorts:
            change = theme.by_cohort.get(cohort)
            if change is None:
                continue
            if isinstance(change, Suppressed):
                cells = [Cell(cohort, numeric=False), _hidden(change), _hidden(change), Cell(NONE)]
            else:
                cells = [
                    Cell(cohort, numeric=False),
                    Cell(str(change.n)),
                    _change_only(change),
                    _number(change.d_z),
                ]
            rows.append(Row(theme.title, cells, True))
    return rows


def trend_cohorts(report: stats.CohortReport, order: Sequence[str] = ()) -> list[str]:
    """The cohorts of the trends, earliest first: as in `order` (the programme's cohorts by
    start date, as the snapshot reads them), and any it does not name after them, by name."""
    place = {name: at for at, name in enumerate(order)}
    found = {cohort for theme in report.themes for cohort in theme.by_cohort}
    return sorted(found, key=lambda name: (place.get(name, len(place)), name))


def trend_table(
    report: stats.CohortReport, latest: int = LATEST_TRENDS, order: Sequence[str] = ()
) -> Table:
    """Each theme's change from baseline to end, cohort by cohort, for the latest `latest`
    cohorts (by start date, see `trend_cohorts`); a sentence says how many earlier ones the full
    table (`trend_csv`) adds."""
    cohorts = trend_cohorts(report, order)
    shown = cohorts[-latest:]
    earlier = len(cohorts) - len(shown)
    note = (
        f"This table shows the latest {len(shown)} cohorts, {shown[0]} to {shown[-1]}. "
        f"The {earlier} earlier cohort{'s' if earlier != 1 else ''} ({cohorts[0]} to "
        f"{cohorts[earlier - 1]}) are in the full table, which the programme's evaluation report "
        "offers as a CSV file to download."
        if earlier
        else ""
    )
    caption = "Change from baseline to end, cohort by cohort"
    return Table(caption, TREND_HEADERS, _trend_rows(report, shown), note)


def trend_csv(report: stats.CohortReport, order: Sequence[str] = ()) -> str:
    """The full cohort-by-cohort table as CSV text, every cohort earliest first, figures hidden
    as on the page (a hidden figure reads as the reason it is hidden)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TREND_HEADERS)
    for row in _trend_rows(report, trend_cohorts(report, order)):
        writer.writerow(
            [spreadsheet_cell(row.title), *(spreadsheet_cell(c.text) for c in row.cells)]
        )
    return out.getvalue()


def charts(report: stats.CohortReport) -> list[BarChart]:
    """Pictures of the headline figures; hidden figures are left out of the picture and table."""
    improved = [
        (t.title, round(100 * t.change.share_improved))
        for t in report.themes
        if isinstance(t.change, stats.PairedComparison) and t.change.share_improved is not None
    ]
    agreeing = []
    for statement in report.statements:
        value = statement.by_wave.get(WaveKind.END)
        if isinstance(value, stats.Agreement) and value.percent_agreeing is not None:
            agreeing.append((statement.wording, round(value.percent_agreeing)))
    return [
        bar_chart("Participants whose theme score rose from baseline to end (%)", improved, "%"),
        bar_chart("Participants agreeing at the end of the programme (%)", agreeing, "%"),
    ]


@dataclass
class Presented:
    """A report as the pages and the board PDF show it: plain text, storable as JSON.

    This is what a `ReportSnapshot` keeps, so a page renders without recomputing statistics.
    """

    version: str
    participants: int
    cohorts: int
    comments: int
    tables: list[Table]
    charts: list[BarChart]


def present(
    report: stats.CohortReport,
    version: str,
    threshold: int | None,
    trends: bool,
    order: Sequence[str] = (),
) -> Presented:
    """The report's tables and charts; with `trends`, the latest cohorts' trends, `order`
    naming the cohorts by start date."""
    tables = [
        change_table(report, "Themes and indicators: baseline to end"),
        shift_table(report),
        rater_table(report),
        statement_table(report),
        rates_table(report, threshold),
    ]
    if trends:
        tables.append(trend_table(report, order=order))
    return Presented(
        version=version,
        participants=report.participants,
        cohorts=len(report.cohorts),
        comments=sum(report.comments.values()),
        tables=tables,
        charts=charts(report),
    )


def to_json(presented: Presented) -> dict[str, Any]:
    return asdict(presented)


def from_json(data: dict[str, Any]) -> Presented:
    """The inverse of `to_json`: the same tables and charts, from stored JSON."""
    return Presented(
        version=str(data["version"]),
        participants=int(data["participants"]),
        cohorts=int(data["cohorts"]),
        comments=int(data["comments"]),
        tables=[
            Table(
                t["caption"],
                list(t["headers"]),
                [
                    Row(r["title"], [Cell(**c) for c in r["cells"]], bool(r["is_theme"]))
                    for r in t["rows"]
                ],
                str(t.get("note", "")),
            )
            for t in data["tables"]
        ],
        charts=[
            BarChart(
                title=c["title"],
                rows=[(str(label), int(value)) for label, value in c["rows"]],
                unit=c["unit"],
            )
            for c in data["charts"]
        ],
    )
