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
from .stats.network_report import (
    BASELINE,
    NetworkReport,
    WaveFigures,
    groupings_hidden,
    percent,
    shown_pairs,
    summary,
)

BROKERS_SHOWN = 10
# The permutation test's p-value below which ties cross "more than chance".
SIGNIFICANCE = 0.05


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
    ei_organisation: str


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
    symmetrised_density: str
    ei_sector_verdict: str


@dataclass
class TieSection:
    key: str
    wording: str
    summary: str
    rows: list[WaveRow] = field(default_factory=list)
    hidden_waves: list[str] = field(default_factory=list)
    maps: list[MapView] = field(default_factory=list)
    new_ties: list[tuple[str, str, str, list[tuple[str, int]], str, bool]] = field(
        default_factory=list
    )
    groupings: list[tuple[str, str, str, int]] = field(default_factory=list)
    brokers: list[BrokerRow] = field(default_factory=list)
    people: list[BrokerRow] = field(default_factory=list)
    people_wave: str = ""
    sector_groups: list[tuple[str, int, list[tuple[str, str]]]] = field(default_factory=list)
    organisation_groups: list[tuple[str, int, list[tuple[str, str]]]] = field(default_factory=list)
    outside: list[tuple[str, str, str]] = field(default_factory=list)


def _number(value: float | None, places: int = 2) -> str:
    return "none" if value is None else f"{value:.{places}f}"


def _p(result: EIResult) -> str:
    if result.p_value is None:
        return "none"
    return "below 0.001" if result.p_value < 0.001 else f"{result.p_value:.3f}"


def verdict(result: EIResult) -> str:
    """The permutation test in plain words: whether the ties crossed more than chance gives."""
    if result.p_value is None or result.ei is None:
        return "not tested"
    if result.p_value < SIGNIFICANCE:
        return "more than chance"
    return "no more than chance"


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
        symmetrised_density=_number(figures.structure.symmetrised_density),
        ei_sector_verdict=verdict(figures.ei_sector),
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
        section = TieSection(key, network.tie_labels.get(key, key), "")
        for figures in (f for f in report.figures if f.tie_type == key):
            label = WAVE_LABELS.get(figures.wave, figures.wave)
            if threshold is not None and hide(figures.structure.respondents, threshold):
                section.hidden_waves.append(label)
                continue
            section.rows.append(_row(figures, threshold))
            if threshold is None:
                section.maps.append(_map(network, figures, positions, section.wording))
        shown = {row.figures.wave for row in section.rows}
        section.summary = summary(report, key, WAVE_LABELS, shown)
        section.sector_groups = _groups(section.rows, threshold, "ei_sector")
        section.organisation_groups = _groups(section.rows, threshold, "ei_organisation")
        _changes(section, report, threshold)
        if threshold is None:
            section.people_wave, section.people, section.brokers = _people(network, report, key)
            section.outside = [
                (WAVE_LABELS.get(o.wave, o.wave), network.people[o.named_by].name, o.name)
                for o in network.outside
                if o.tie_type == key and o.named_by in network.people
            ]
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


def _groups(
    rows: list[WaveRow], threshold: int | None, attribute: str
) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """Each sector's or organisation's own E-I (`attribute` "ei_sector" or "ei_organisation")
    at each wave shown; outside staff, only groups of at least `threshold` people."""
    if not rows:
        return []
    found = []
    result: EIResult = getattr(rows[0].figures, attribute)
    for group in result.groups:
        if threshold is not None and hide(group.members, threshold):
            continue
        values = []
        for row in rows:
            groups = getattr(row.figures, attribute).groups
            same = [g for g in groups if g.group == group.group]
            values.append((row.wave, _number(same[0].ei) if same else "none"))
        found.append((group.group, group.members, values))
    return found


def _changes(section: TieSection, report: NetworkReport, threshold: int | None) -> None:
    for change in (c for c in report.changes if c.tie_type == section.key):
        label = WAVE_LABELS.get(change.later, change.later)
        pairs = list(shown_pairs(change.new_ties.by_sector_pair, threshold).items())
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
                len(pairs) < len(change.new_ties.by_sector_pair),
            )
        )
        effect = change.groupings
        if groupings_hidden(effect.new_ties, effect.shared, threshold):
            continue
        section.groupings.append(
            (label, percent(effect.share), percent(effect.expected), effect.new_ties)
        )


def _people(
    network: CohortNetwork, report: NetworkReport, key: str
) -> tuple[str, list[BrokerRow], list[BrokerRow]]:
    """Each participant's brokerage and own E-I at the latest survey, by name, and the
    BROKERS_SHOWN highest in betweenness (staff only)."""
    latest = [f for f in report.figures if f.tie_type == key and f.wave != BASELINE]
    figures = latest[-1] if latest else next(f for f in report.figures if f.tie_type == key)
    rows = []
    for broker in figures.brokers:
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
                ei_organisation=_number(figures.ei_organisation.people.get(broker.person)),
            )
        )
    order = sorted(range(len(rows)), key=lambda i: (-figures.brokers[i].betweenness, i))
    ranked = [rows[i] for i in order[:BROKERS_SHOWN]]
    return WAVE_LABELS.get(figures.wave, figures.wave), rows, ranked


def legend(network: CohortNetwork) -> list[tuple[str, str, str]]:
    """Each sector with its shape and letter, for the text beside the maps."""
    marks = sector_marks(network.engine_people)
    return [(sector, shape, letter) for sector, (_, shape, letter) in marks.items()]
