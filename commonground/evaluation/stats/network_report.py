"""A cohort's network report: every wave and tie type's figures, the change from baseline, and
the same figures as an audience other than programme staff may see them."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from commonground.evaluation.stats.network import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    Broker,
    EIResult,
    GroupingsEffect,
    NetworkPerson,
    NewTies,
    Structure,
    Tie,
    brokerage,
    cross_share,
    directed,
    ei_index,
    groupings_effect,
    new_ties,
    structure,
    symmetrised,
)
from commonground.evaluation.stats.responses import WAVES
from commonground.lib.small_numbers import count, hide, suppress

BASELINE = "baseline"


@dataclass(frozen=True)
class Answers:
    """What one wave asked on one tie type: who answered, and the ties they named."""

    wave: str
    tie_type: str
    respondents: frozenset[str]
    ties: tuple[Tie, ...]


@dataclass(frozen=True)
class WaveFigures:
    wave: str
    tie_type: str
    structure: Structure
    non_respondents: int
    cross_sector_share: float | None
    ei_sector: EIResult
    ei_organisation: EIResult
    brokers: tuple[Broker, ...]


@dataclass(frozen=True)
class Change:
    """From baseline to a later wave, on one tie type."""

    tie_type: str
    later: str
    new_ties: NewTies
    groupings: GroupingsEffect


@dataclass(frozen=True)
class NetworkReport:
    people: int
    tie_types: tuple[str, ...]
    waves: tuple[str, ...]
    figures: tuple[WaveFigures, ...]
    changes: tuple[Change, ...]

    def at(self, wave: str, tie_type: str) -> WaveFigures | None:
        found = [f for f in self.figures if f.wave == wave and f.tie_type == tie_type]
        return found[0] if found else None


def network_report(
    people: Sequence[NetworkPerson],
    answers: Sequence[Answers],
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> NetworkReport:
    """Figures for each wave and tie type present, in the waves' order, and the change from
    baseline to each later wave where baseline was asked."""
    # A wave nobody has answered yet has no figures, rather than a network without ties.
    asked = [a for a in answers if a.respondents or a.ties]
    ordered = sorted(asked, key=lambda a: (_wave_order(a.wave), a.tie_type))
    tie_types = tuple(dict.fromkeys(a.tie_type for a in ordered))
    figures, changes = [], []
    for answer in ordered:
        graph = directed(people, answer.ties)
        undirected = symmetrised(graph)
        respondents = set(answer.respondents)
        shape = structure(people, graph, respondents)
        figures.append(
            WaveFigures(
                wave=answer.wave,
                tie_type=answer.tie_type,
                structure=shape,
                non_respondents=shape.people - shape.respondents,
                cross_sector_share=cross_share(people, undirected),
                ei_sector=ei_index(people, undirected, "sector", permutations, seed),
                ei_organisation=ei_index(people, undirected, "organisation", permutations, seed),
                brokers=brokerage(people, undirected),
            )
        )
    by_key = {(a.wave, a.tie_type): a for a in ordered}
    for answer in ordered:
        base = by_key.get((BASELINE, answer.tie_type))
        if base is None or answer.wave == BASELINE:
            continue
        before = symmetrised(directed(people, base.ties))
        after = symmetrised(directed(people, answer.ties))
        fresh = new_ties(people, before, set(base.respondents), after)
        effect = groupings_effect(people, before, set(base.respondents), fresh)
        changes.append(Change(answer.tie_type, answer.wave, fresh, effect))
    return NetworkReport(
        people=len(people),
        tie_types=tie_types,
        waves=tuple(dict.fromkeys(a.wave for a in ordered)),
        figures=tuple(figures),
        changes=tuple(changes),
    )


def _wave_order(wave: str) -> int:
    return WAVES.index(wave) if wave in WAVES else len(WAVES)


def percent(share: float | None) -> str:
    return "no ties" if share is None else f"{round(100 * share)}%"


def summary(
    report: NetworkReport,
    tie_type: str,
    labels: Mapping[str, str],
    shown: Collection[str] | None = None,
) -> str:
    """In plain words: "At baseline 31% of ties crossed a sector boundary; at the end 58%.";
    only the waves in `shown` (every wave if None)."""
    parts = []
    for wave in report.waves:
        found = report.at(wave, tie_type)
        if found is not None and (shown is None or wave in shown):
            parts.append((labels.get(wave, wave), percent(found.cross_sector_share)))
    if not parts:
        if any(f.tie_type == tie_type for f in report.figures):
            return "Too few people answered this question to show a figure."
        return "Nobody has answered this question yet."
    words, said = [], False
    for label, share in parts:
        if share == percent(None):
            words.append(f"at {label.lower()} nobody named anyone")
        elif not said:
            words.append(f"at {label.lower()} {share} of ties crossed a sector boundary")
            said = True
        else:
            words.append(f"at {label.lower()} {share}")
    text = "; ".join(words)
    return text[0].upper() + text[1:] + "."


def shown_pairs(counts: Mapping[str, int], threshold: int | None) -> dict[str, int]:
    """New ties by sector pair as a viewer outside staff may see them: no pair of fewer than
    `threshold` ties, nor one whose count could be worked out from the cross-sector total
    less the pairs shown (the line rule of `suppress`); every pair for staff."""
    line = suppress(list(counts.values()), threshold)
    if line.total.hidden:
        return {}
    return {
        pair: n
        for (pair, n), cell in zip(counts.items(), line.cells, strict=True)
        if not cell.hidden
    }


def _small_counts_hidden(wave: dict[str, Any], threshold: int) -> dict[str, Any]:
    """Outside staff, no count of fewer than `threshold` people or ties: the isolates, those
    who did not answer (with the respondents, which would give them away), the people outside
    the largest component, and each group's tie counts. A hidden count is None."""
    structure = wave["structure"]
    answered = suppress([structure["respondents"], wave["non_respondents"]], threshold)
    structure["respondents"], wave["non_respondents"] = (cell.shown for cell in answered.cells)
    structure["isolates"] = count(structure["isolates"], threshold).shown
    if hide(structure["people"] - structure["largest_component"], threshold):
        structure["largest_component"] = None
    for key in ("ei_sector", "ei_organisation"):
        for group in wave[key]["groups"]:
            group["external"] = count(group["external"], threshold).shown
            group["internal"] = count(group["internal"], threshold).shown
    return wave


def _new_ties_hidden(new_ties: dict[str, Any], threshold: int) -> None:
    total, crossing = new_ties["total"], new_ties["cross_sector"]
    line = suppress([crossing, total - crossing], threshold)
    new_ties["cross_sector"], new_ties["total"] = line.cells[0].shown, line.total.shown
    new_ties["unobserved"] = count(new_ties["unobserved"], threshold).shown


def groupings_hidden(new_ties: int, shared: int, threshold: int | None) -> bool:
    """Whether the share of new ties inside the groupings is built on a hidden count."""
    return suppress([shared, new_ties - shared], threshold).suppressed


def _groupings_hidden(groupings: dict[str, Any], threshold: int) -> None:
    if groupings_hidden(groupings["new_ties"], groupings["shared"], threshold):
        line = suppress(
            [groupings["shared"], groupings["new_ties"] - groupings["shared"]], threshold
        )
        groupings["new_ties"] = line.total.shown
        groupings["shared"] = groupings["share"] = None


def for_audience(
    report: NetworkReport, threshold: int | None, individual: bool = True
) -> dict[str, Any]:
    """The report as plain data for one viewer: everything for staff (threshold None); for
    anyone else the cohort's aggregates only, with no person's figures and no group smaller than
    the threshold, and nothing at all for a cohort smaller than it. `individual` False leaves
    out each person's figures for staff too."""
    data = dataclasses.asdict(report)
    personal = individual and threshold is None
    for wave_figures in data["figures"]:
        if not personal:
            wave_figures.pop("brokers")
        for key in ("ei_sector", "ei_organisation"):
            result = wave_figures[key]
            if not personal:
                result.pop("people")
            if threshold is not None:
                result["groups"] = [
                    g for g in result["groups"] if not hide(g["members"], threshold)
                ]
    for change in data["changes"]:
        change["new_ties"].pop("pairs")
        if threshold is not None:
            counts = change["new_ties"]["by_sector_pair"]
            change["new_ties"]["by_sector_pair"] = shown_pairs(counts, threshold)
    if threshold is not None:
        data["figures"] = [
            _small_counts_hidden(f, threshold)
            for f in data["figures"]
            if not hide(f["structure"]["respondents"], threshold)
        ]
        for change in data["changes"]:
            _new_ties_hidden(change["new_ties"], threshold)
            _groupings_hidden(change["groupings"], threshold)
    data["hidden"] = threshold is not None and hide(report.people, threshold)
    if data["hidden"]:
        data["figures"], data["changes"] = [], []
    return data
