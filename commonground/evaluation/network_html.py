"""A network report as one self-contained, accessible HTML page, rendered without Django: the
command line's counterpart of the cohort network page, with the same figures and maps."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from string import Template
from typing import Any

from commonground.evaluation.choices import wave_label
from commonground.evaluation.stats.network import NetworkPerson, directed, symmetrised
from commonground.evaluation.stats.network_map import draw_map, layout
from commonground.evaluation.stats.network_report import (
    Answers,
    NetworkReport,
    for_audience,
    percent,
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


def _shown(value: int | None, threshold: int | None) -> str:
    return f"fewer than {threshold}" if value is None else str(value)


def _p(result: dict[str, Any]) -> str:
    p = result["p_value"]
    return "none" if p is None else f"{p:.3f}"


def _row(wave: dict[str, Any], threshold: int | None) -> str:
    """One wave's figures as `for_audience` gives them to this reader."""
    shape, sector = wave["structure"], wave["ei_sector"]
    cells = [
        f"{_shown(shape['respondents'], threshold)} of {shape['people']}",
        str(shape["ties"]),
        str(shape["symmetrised_ties"]),
        _number(shape["density"]),
        _number(shape["symmetrised_density"]),
        percent(shape["reciprocity"]),
        str(shape["components"]),
        _shown(shape["isolates"], threshold),
        _shown(wave["non_respondents"], threshold),
        percent(wave["cross_sector_share"]),
        f"{_number(sector['ei'])} (chance {_number(sector['expected'])}, p {_p(sector)})",
        f"{_number(wave['ei_organisation']['ei'])} (p {_p(wave['ei_organisation'])})",
    ]
    numbers = "".join(f'<td class="number">{escape(c)}</td>' for c in cells)
    return f'<tr><th scope="row">{escape(wave_label(wave["wave"]))}</th>{numbers}</tr>'


HEADINGS = (
    "Wave",
    "Answered",
    "Ties named",
    "Ties either way",
    "Density (directed)",
    "Density (symmetrised)",
    "Reciprocity",
    "Components",
    "Without ties",
    "Did not answer",
    "Crossing a sector",
    "E-I by sector",
    "E-I by organisation",
)


def _table(caption: str, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f'<td class="number">{escape(c)}</td>' for c in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _groups(key: str, waves: list[dict[str, Any]], attribute: str, noun: str) -> str:
    """Each sector's or organisation's own E-I at each wave the reader may see."""
    if not waves:
        return ""
    names = [g["group"] for g in waves[0][attribute]["groups"]]
    rows = []
    for name in names:
        values = []
        for wave in waves:
            same = [g for g in wave[attribute]["groups"] if g["group"] == name]
            values.append(_number(same[0]["ei"]) if same else "none")
        members = next(g["members"] for g in waves[0][attribute]["groups"] if g["group"] == name)
        rows.append([name, str(members), *values])
    if not rows:
        return ""
    headings = [noun.capitalize(), "People", *(wave_label(w["wave"]) for w in waves)]
    return _table(f"{key}: E-I of each {noun}'s own ties", headings, rows)


def _people(key: str, wave: dict[str, Any]) -> str:
    """Each person's brokerage and own E-I at the latest wave (for programme staff only)."""
    rows = [
        [
            broker["person"],
            _number(wave["ei_sector"]["people"].get(broker["person"])),
            _number(wave["ei_organisation"]["people"].get(broker["person"])),
            _number(broker["betweenness"]),
            _number(broker["effective_size"]),
            _number(broker["constraint"]),
            ", ".join(broker["sectors_bridged"]) or "none",
        ]
        for broker in wave["brokers"]
    ]
    headings = (
        "Person",
        "E-I by sector",
        "E-I by organisation",
        "Betweenness",
        "Effective size",
        "Constraint",
        "Sectors they join",
    )
    return _table(f"{key}: each person at {wave_label(wave['wave']).lower()}", headings, rows)


def render_network(
    report: NetworkReport,
    people: Sequence[NetworkPerson],
    answers: Sequence[Answers],
    threshold: int | None,
) -> str:
    """The page for one reader: with `threshold` None (programme staff) the maps and each
    person's figures; otherwise the same figures as the JSON, none about fewer people."""
    data = for_audience(report, threshold)
    graphs = {(a.wave, a.tie_type): symmetrised(directed(people, a.ties)) for a in answers}
    positions = layout(people, list(graphs.values()))
    labels = {f.wave: wave_label(f.wave) for f in report.figures}
    parts = []
    if data["hidden"]:
        parts.append(f"<p>Fewer than {threshold} people: no figure is shown.</p>")
    for key in report.tie_types if not data["hidden"] else ():
        waves = [w for w in data["figures"] if w["tie_type"] == key]
        said = summary(report, key, labels, {w["wave"] for w in waves})
        parts.append(f"<h2>{escape(key)}</h2><p>{escape(said)}</p>")
        if threshold is None:
            maps = "".join(
                f"<figure>{draw_map(people, graphs[(w, key)], positions, labels[w])}"
                f"<figcaption>{escape(labels[w])}</figcaption></figure>"
                for w in (wave["wave"] for wave in waves)
            )
            parts.append(f'<div class="maps">{maps}</div>')
        head = "".join(f'<th scope="col">{h}</th>' for h in HEADINGS)
        rows = "".join(_row(w, threshold) for w in waves)
        parts.append(
            f"<table><caption>{escape(key)}: figures by wave</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
        hidden = [
            f.wave
            for f in report.figures
            if f.tie_type == key and f.wave not in {w["wave"] for w in waves}
        ]
        if hidden:
            left_out = ", ".join(wave_label(w).lower() for w in hidden)
            parts.append(f"<p>Not shown, as fewer than {threshold} answered: {left_out}.</p>")
        parts.append(_groups(key, waves, "ei_sector", "sector"))
        parts.append(_groups(key, waves, "ei_organisation", "organisation"))
        for change in (c for c in data["changes"] if c["tie_type"] == key):
            fresh, groupings = change["new_ties"], change["groupings"]
            later = escape(wave_label(change["later"]).lower())
            shared = (
                f"; {percent(groupings['share'])} joined people who shared a group, against "
                f"{percent(groupings['expected'])} by chance"
                if groupings["share"] is not None
                else ""
            )
            parts.append(
                f"<p>New ties by {later}: {_shown(fresh['total'], threshold)}, "
                f"{_shown(fresh['cross_sector'], threshold)} across sectors{shared}.</p>"
            )
            pairs = [[pair, str(n)] for pair, n in fresh["by_sector_pair"].items()]
            if pairs:
                parts.append(
                    _table(
                        f"New cross-sector ties by {later}, by pair of sectors",
                        ("Sectors", "New ties"),
                        pairs,
                    )
                )
        if threshold is None and waves:
            parts.append(_people(key, waves[-1]))
    return _PAGE.substitute(people=report.people, body="\n".join(p for p in parts if p))
