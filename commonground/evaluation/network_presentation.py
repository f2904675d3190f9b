"""A cohort's network report as its pages show it: a section per tie type, with maps for staff,
tables beside every map, and the figures a viewer other than staff may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from commonground.lib.small_numbers import count, hide, suppress

from .network import WAVE_LABELS, CohortNetwork, organisation_of
from .stats.network import EIResult, symmetrised
from .stats.network import directed as directed_graph
from .stats.network_map import draw_map, layout, sector_marks
from .stats.network_report import BASELINE, NetworkReport, WaveFigures, percent, summary

BROKERS_SHOWN = 10


@dataclass(frozen=True)
class MapView:
    wave: str
    svg: SafeString
    ties: int
    cross_share: str


@dataclass(frozen=True)
class BrokerRow:
    name: str
    organisation: str
    effective_size: str
    constraint: str
    betweenness: str
    sectors: str
    ei_sector: str


@dataclass(frozen=True)
class WaveRow:
    wave: str
    figures: WaveFigures
    cross_share: str
    density: str
    reciprocity: str
    ei_sector: str
    ei_sector_expected: str
    ei_sector_p: str
    ei_organisation: str
    ei_organisation_p: str
    isolates: str
    non_respondents: str


@dataclass
class TieSection:
    key: str
    wording: str
    summary: str
    rows: list[WaveRow] = field(default_factory=list)
    hidden_waves: list[str] = field(default_factory=list)
    maps: list[MapView] = field(default_factory=list)
    new_ties: list[tuple[str, str, str, list[tuple[str, int]], str]] = field(default_factory=list)
    groupings: list[tuple[str, str, str, int]] = field(default_factory=list)
    brokers: list[BrokerRow] = field(default_factory=list)
    sector_groups: list[tuple[str, int, list[tuple[str, str]]]] = field(default_factory=list)


def _number(value: float | None, places: int = 2) -> str:
    return "none" if value is None else f"{value:.{places}f}"


def _p(result: EIResult) -> str:
    if result.p_value is None:
        return "none"
    return "below 0.001" if result.p_value < 0.001 else f"{result.p_value:.3f}"


def _row(figures: WaveFigures, threshold: int | None) -> WaveRow:
    """One wave's figures as words; outside staff no count of fewer than `threshold` people."""
    answered = suppress([figures.structure.respondents, figures.non_respondents], threshold)
    return WaveRow(
        wave=WAVE_LABELS.get(figures.wave, figures.wave),
        figures=figures,
        cross_share=percent(figures.cross_sector_share),
        density=_number(figures.structure.density),
        reciprocity=percent(figures.structure.reciprocity),
        ei_sector=_number(figures.ei_sector.ei),
        ei_sector_expected=_number(figures.ei_sector.expected),
        ei_sector_p=_p(figures.ei_sector),
        ei_organisation=_number(figures.ei_organisation.ei),
        ei_organisation_p=_p(figures.ei_organisation),
        isolates=str(count(figures.structure.isolates, threshold)),
        non_respondents=str(answered.cells[1]),
    )


def sections(
    network: CohortNetwork, report: NetworkReport, threshold: int | None
) -> list[TieSection]:
    """Staff (threshold None) get maps, names and every figure; anyone else the aggregates of
    waves at least `threshold` people answered, and no sector pair with fewer new ties."""
    found = []
    positions = layout(
        network.engine_people,
        [symmetrised(directed_graph(network.engine_people, a.ties)) for a in network.answers],
    )
    for key in report.tie_types:
        section = TieSection(
            key, network.tie_labels.get(key, key), summary(report, key, WAVE_LABELS)
        )
        for figures in (f for f in report.figures if f.tie_type == key):
            label = WAVE_LABELS.get(figures.wave, figures.wave)
            if threshold is not None and hide(figures.structure.respondents, threshold):
                section.hidden_waves.append(label)
                continue
            section.rows.append(_row(figures, threshold))
            if threshold is None:
                section.maps.append(_map(network, figures, positions, section.wording))
        section.sector_groups = _sector_groups(section.rows, threshold)
        _changes(section, report, threshold)
        if threshold is None:
            section.brokers = _brokers(network, report, key)
        found.append(section)
    if threshold is not None and hide(report.people, threshold):
        return []
    return found


def _map(
    network: CohortNetwork,
    figures: WaveFigures,
    positions: dict[str, tuple[float, float]],
    wording: str,
) -> MapView:
    answer = next(
        a for a in network.answers if a.wave == figures.wave and a.tie_type == figures.tie_type
    )
    graph = symmetrised(directed_graph(network.engine_people, answer.ties))
    label = WAVE_LABELS.get(figures.wave, figures.wave)
    names = {pid: f"{p.name}, {organisation_of(p)}" for pid, p in network.people.items()}
    svg = draw_map(network.engine_people, graph, positions, f"{label}: {wording}", names)
    picture = mark_safe(svg)  # nosec B308 B703  # draw_map escapes every text it writes
    return MapView(label, picture, graph.number_of_edges(), percent(figures.cross_sector_share))


def _sector_groups(
    rows: list[WaveRow], threshold: int | None
) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """Each sector's own E-I at each wave shown; outside staff, only sectors of at least
    `threshold` people."""
    if not rows:
        return []
    found = []
    for group in rows[0].figures.ei_sector.groups:
        if threshold is not None and hide(group.members, threshold):
            continue
        values = []
        for row in rows:
            same = [g for g in row.figures.ei_sector.groups if g.group == group.group]
            values.append((row.wave, _number(same[0].ei) if same else "none"))
        found.append((group.group, group.members, values))
    return found


def _changes(section: TieSection, report: NetworkReport, threshold: int | None) -> None:
    for change in (c for c in report.changes if c.tie_type == section.key):
        label = WAVE_LABELS.get(change.later, change.later)
        pairs = [
            (pair, n)
            for pair, n in change.new_ties.by_sector_pair.items()
            if threshold is None or not hide(n, threshold)
        ]
        total, crossing = change.new_ties.total, change.new_ties.cross_sector
        line = suppress([crossing, total - crossing], threshold)
        unobserved = count(change.new_ties.unobserved, threshold)
        section.new_ties.append(
            (
                label,
                str(line.total),
                str(line.cells[0]),
                pairs,
                str(unobserved) if change.new_ties.unobserved else "",
            )
        )
        effect = change.groupings
        section.groupings.append(
            (label, percent(effect.share), percent(effect.expected), effect.new_ties)
        )


def _brokers(network: CohortNetwork, report: NetworkReport, key: str) -> list[BrokerRow]:
    latest = [f for f in report.figures if f.tie_type == key and f.wave != BASELINE]
    figures = latest[-1] if latest else next(f for f in report.figures if f.tie_type == key)
    ranked = sorted(figures.brokers, key=lambda b: (-b.betweenness, b.person))[:BROKERS_SHOWN]
    rows = []
    for broker in ranked:
        person = network.people[broker.person]
        rows.append(
            BrokerRow(
                name=person.name,
                organisation=organisation_of(person),
                effective_size=_number(broker.effective_size, 1),
                constraint=_number(broker.constraint),
                betweenness=_number(broker.betweenness),
                sectors=", ".join(broker.sectors_bridged) or "none",
                ei_sector=_number(figures.ei_sector.people.get(broker.person)),
            )
        )
    return rows


def legend(network: CohortNetwork) -> list[tuple[str, str, str]]:
    """Each sector with its shape and letter, for the text beside the maps."""
    marks = sector_marks(network.engine_people)
    return [(sector, shape, letter) for sector, (_, shape, letter) in marks.items()]
