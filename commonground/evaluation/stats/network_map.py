"""Network maps drawn as SVG on the server, so the page and a PDF show the same picture.

Every wave of a cohort is drawn with one layout, worked out once from the ties of all waves
together with a fixed seed, so a person sits in the same place "before" and "after" and the two
maps compare side by side. A sector has a colour, a shape and a letter, so the map reads without
colour too; the page puts the same figures in a table beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import networkx as nx

from commonground.evaluation.stats.network import NetworkPerson

SIZE = 480
MARGIN = 28
RADIUS = 9
LEGEND_ROW = 22
LAYOUT_SEED = 14
# Okabe and Ito's palette, told apart by people with any common colour vision deficiency.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
SHAPES = ("circle", "square", "diamond", "triangle")

Position = tuple[float, float]


def layout(people: Sequence[NetworkPerson], graphs: Sequence[nx.Graph[str]]) -> dict[str, Position]:
    """One position per person, from all waves' ties together, the same on every run."""
    union: nx.Graph[str] = nx.Graph()
    union.add_nodes_from(sorted(p.id for p in people))
    for graph in graphs:
        union.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in graph.edges))
    if not union:
        return {}
    found = nx.spring_layout(union, seed=LAYOUT_SEED, iterations=100)
    span = SIZE - 2 * MARGIN
    xs = [float(p[0]) for p in found.values()]
    ys = [float(p[1]) for p in found.values()]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        node: (
            round(MARGIN + (float(x) - min(xs)) / width * span, 1),
            round(MARGIN + (float(y) - min(ys)) / height * span, 1),
        )
        for node, (x, y) in found.items()
    }


def sector_marks(people: Sequence[NetworkPerson]) -> dict[str, tuple[str, str, str]]:
    """Each sector's colour, shape and letter (two if the first letters clash), in name order."""
    sectors = sorted({p.sector for p in people})
    firsts = [s[:1].upper() for s in sectors]
    marks = {}
    for i, sector in enumerate(sectors):
        letter = firsts[i] if firsts.count(firsts[i]) == 1 else sector[:2].title()
        marks[sector] = (COLOURS[i % len(COLOURS)], SHAPES[i % len(SHAPES)], letter)
    return marks


def _ink(colour: str) -> str:
    """Black or white, whichever stands out more against the fill (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def _shape(kind: str, x: float, y: float, colour: str) -> str:
    r = RADIUS
    if kind == "square":
        return f'<rect x="{x - r}" y="{y - r}" width="{2 * r}" height="{2 * r}" fill="{colour}"/>'
    if kind == "diamond":
        points = f"{x},{y - r - 2} {x + r + 2},{y} {x},{y + r + 2} {x - r - 2},{y}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{x},{y - r - 2} {x + r + 2},{y + r} {x - r - 2},{y + r}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{colour}"/>'


def draw_map(
    people: Sequence[NetworkPerson],
    graph: nx.Graph[str],
    positions: Mapping[str, Position],
    title: str,
    names: Mapping[str, str] | None = None,
) -> str:
    """The map as an SVG image; `names` (staff only) label each person on hover."""
    marks = sector_marks(people)
    sector = {p.id: p.sector for p in people}
    height = SIZE + LEGEND_ROW * len(marks) + 8
    parts = [
        f'<svg class="cg-network-map" role="img" viewBox="0 0 {SIZE} {height}" '
        f'aria-label="{escape(title)}" font-family="system-ui, Arial, sans-serif" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        '<g stroke="#505a5f" stroke-width="1" stroke-opacity="0.55">',
    ]
    for a, b in sorted((min(a, b), max(a, b)) for a, b in graph.edges):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        dash = ' stroke-dasharray="4 3"' if sector[a] == sector[b] else ""
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"{dash}/>')
    parts.append("</g>")
    for person in sorted(people, key=lambda p: p.id):
        x, y = positions[person.id]
        colour, shape, letter = marks[person.sector]
        label = escape((names or {}).get(person.id, person.sector))
        parts.append(f"<g><title>{label}</title>{_shape(shape, x, y, colour)}")
        parts.append(
            f'<text x="{x}" y="{y}" text-anchor="middle" dominant-baseline="central" '
            f'font-size="9" fill="{_ink(colour)}">{escape(letter)}</text></g>'
        )
    for row, (name, (colour, shape, letter)) in enumerate(marks.items()):
        y = SIZE + LEGEND_ROW * row + LEGEND_ROW / 2
        parts.append(_shape(shape, MARGIN, y, colour))
        parts.append(
            f'<text x="{MARGIN}" y="{y}" text-anchor="middle" dominant-baseline="central" '
            f'font-size="9" fill="{_ink(colour)}">{escape(letter)}</text>'
            f'<text x="{MARGIN + 18}" y="{y}" dominant-baseline="central" font-size="13" '
            f'fill="#0b0c0c">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
