"""A network report as one self-contained, accessible HTML page, rendered without Django: the
command line's counterpart of the cohort network page, with the same figures and maps."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from string import Template

from commonground.evaluation.choices import wave_label
from commonground.evaluation.stats.network import NetworkPerson, directed, symmetrised
from commonground.evaluation.stats.network_map import draw_map, layout
from commonground.evaluation.stats.network_report import (
    Answers,
    NetworkReport,
    WaveFigures,
    percent,
    shown_pairs,
    summary,
)

_PAGE = Template("""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Network report</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; margin: 2rem auto;
  max-width: 72rem; padding: 0 1rem; }
table { border-collapse: collapse; margin: 0 0 2rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; vertical-align: top; }
thead th { background: #e8e8e8; }
td.number { text-align: right; }
.maps { display: flex; flex-wrap: wrap; gap: 1rem; }
.maps figure { margin: 0; flex: 1 1 20rem; max-width: 30rem; }
.maps svg { width: 100%; height: auto; }
</style>
</head>
<body>
<main>
<h1>Network report</h1>
<p>$people people on the roster. A tie is two people of whom at least one named the other.</p>
$body
</main>
</body>
</html>
""")


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f}"


def _row(figures: WaveFigures) -> str:
    shape, sector = figures.structure, figures.ei_sector
    p = "none" if sector.p_value is None else f"{sector.p_value:.3f}"
    cells = [
        f"{shape.respondents} of {shape.people}",
        str(shape.ties),
        _number(shape.density),
        percent(shape.reciprocity),
        str(shape.components),
        str(shape.isolates),
        percent(figures.cross_sector_share),
        f"{_number(sector.ei)} (chance {_number(sector.expected)}, p {p})",
        _number(figures.ei_organisation.ei),
    ]
    numbers = "".join(f'<td class="number">{escape(c)}</td>' for c in cells)
    return f'<tr><th scope="row">{escape(wave_label(figures.wave))}</th>{numbers}</tr>'


HEADINGS = (
    "Wave",
    "Answered",
    "Ties",
    "Density",
    "Reciprocity",
    "Components",
    "Without ties",
    "Crossing a sector",
    "E-I by sector",
    "E-I by organisation",
)


def render_network(
    report: NetworkReport,
    people: Sequence[NetworkPerson],
    answers: Sequence[Answers],
    threshold: int | None,
) -> str:
    graphs = {(a.wave, a.tie_type): symmetrised(directed(people, a.ties)) for a in answers}
    positions = layout(people, list(graphs.values()))
    labels = {f.wave: wave_label(f.wave) for f in report.figures}
    parts = []
    for key in report.tie_types:
        figures = [f for f in report.figures if f.tie_type == key]
        parts.append(f"<h2>{escape(key)}</h2><p>{escape(summary(report, key, labels))}</p>")
        maps = "".join(
            f"<figure>{draw_map(people, graphs[(f.wave, key)], positions, labels[f.wave])}"
            f"<figcaption>{escape(labels[f.wave])}</figcaption></figure>"
            for f in figures
        )
        parts.append(f'<div class="maps">{maps}</div>')
        head = "".join(f'<th scope="col">{h}</th>' for h in HEADINGS)
        rows = "".join(_row(f) for f in figures)
        parts.append(
            f"<table><caption>{escape(key)}: figures by wave</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
        for change in (c for c in report.changes if c.tie_type == key):
            fresh = change.new_ties
            pairs = "".join(
                f'<tr><th scope="row">{escape(pair)}</th><td class="number">{n}</td></tr>'
                for pair, n in shown_pairs(fresh.by_sector_pair, threshold).items()
            )
            parts.append(
                f"<p>New ties by {escape(wave_label(change.later).lower())}: {fresh.total}, "
                f"{fresh.cross_sector} across sectors; {percent(change.groupings.share)} joined "
                f"people who shared a group, against {percent(change.groupings.expected)} "
                "by chance.</p>"
            )
            if pairs:
                parts.append(
                    f"<table><caption>New cross-sector ties by "
                    f"{escape(wave_label(change.later).lower())}, by pair of sectors</caption>"
                    '<thead><tr><th scope="col">Sectors</th><th scope="col">New ties</th></tr>'
                    f"</thead><tbody>{pairs}</tbody></table>"
                )
    return _PAGE.substitute(people=report.people, body="\n".join(parts))
