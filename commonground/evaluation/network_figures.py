"""The network's headline figures across a programme's cohorts: for the programme report, the
board PDF and the movement dashboard ("network reach").

The headline question is the closest tie the programme asks ("worked with" in the standard
set, otherwise its last question); each cohort's figure compares its baseline with its latest
wave, and the programme's pools every cohort's ties.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from commonground.lib.small_numbers import hide
from commonground.programmes.models import Cohort, Programme
from commonground.programmes.movement import MovementFigure

from .models import Wave
from .network import WAVE_LABELS, CohortNetwork, networks_of
from .stats.network import cross_share, directed, ei_index, new_ties, symmetrised
from .stats.network_report import BASELINE, percent

HEADLINE_TIE = "worked_with"


@dataclass(frozen=True)
class CohortHeadline:
    cohort: Cohort
    tie_wording: str
    respondents: int
    baseline: str
    later_wave: str
    later: str
    new_cross_sector: int | None
    baseline_ei: str = "none"
    later_ei: str = "none"
    # Outside staff, a count of new cross-sector ties under the threshold is left out (None)
    # and this is the threshold it was under.
    hidden_below: int = 0

    @property
    def new_cross_sector_shown(self) -> str:
        if self.hidden_below:
            return f"fewer than {self.hidden_below}"
        return "\u2013" if self.new_cross_sector is None else str(self.new_cross_sector)


@dataclass(frozen=True)
class ProgrammeHeadline:
    cohorts: list[CohortHeadline]
    hidden: int
    crossing_at_baseline: float | None
    crossing_later: float | None

    @property
    def sentence(self) -> str:
        if self.crossing_later is None:
            return ""
        return (
            f"Across {len(self.cohorts)} cohort{'s' if len(self.cohorts) != 1 else ''}, "
            f"{percent(self.crossing_at_baseline)} of working ties crossed a sector boundary at "
            f"baseline and {percent(self.crossing_later)} at the latest survey."
        )


def headline_to_json(headline: ProgrammeHeadline) -> dict[str, Any]:
    """The headline as plain JSON, each cohort by its id and name, for a report snapshot."""
    found = asdict(headline)
    for row, cohort in zip(found["cohorts"], headline.cohorts, strict=True):
        row["cohort"] = {"pk": cohort.cohort.pk, "name": cohort.cohort.name}
    return found


def headline_from_json(data: dict[str, Any]) -> ProgrammeHeadline:
    """The inverse of `headline_to_json`; each cohort is named, not loaded (the page needs only
    its id and name)."""
    return ProgrammeHeadline(
        cohorts=[
            CohortHeadline(
                **(row | {"cohort": Cohort(pk=row["cohort"]["pk"], name=row["cohort"]["name"])})
            )
            for row in data["cohorts"]
        ],
        hidden=int(data["hidden"]),
        crossing_at_baseline=data["crossing_at_baseline"],
        crossing_later=data["crossing_later"],
    )


def _headline_key(network: CohortNetwork) -> str | None:
    keys = list(network.tie_labels)
    if not keys:
        return None
    return HEADLINE_TIE if HEADLINE_TIE in keys else keys[-1]


def _cohort(
    cohort: Cohort, network: CohortNetwork, threshold: int | None
) -> tuple[CohortHeadline, int, int, int, int]:
    """The cohort's headline, and its crossing and all ties at baseline and at the latest wave;
    outside staff (`threshold` not None) no count of new ties under the threshold."""
    key = _headline_key(network)
    answers = [a for a in network.answers if a.tie_type == key and (a.respondents or a.ties)]
    people = network.engine_people
    graphs = [(a, symmetrised(directed(people, a.ties))) for a in answers]
    base = next(((a, g) for a, g in graphs if a.wave == BASELINE), None)
    latest = graphs[-1] if graphs and graphs[-1][0].wave != BASELINE else None
    sector = {p.id: p.sector for p in people}
    counts = [0, 0, 0, 0]
    fresh = None
    for index, found in ((0, base), (2, latest)):
        if found is not None:
            edges = list(found[1].edges)
            counts[index] = sum(1 for a, b in edges if sector[a] != sector[b])
            counts[index + 1] = len(edges)
    if base is not None and latest is not None:
        fresh = new_ties(people, base[1], set(base[0].respondents), latest[1]).cross_sector
    hidden_below = threshold if fresh is not None and hide(fresh, threshold) else 0
    respondents = min((len(a.respondents) for a, _ in graphs), default=0)
    headline = CohortHeadline(
        cohort=cohort,
        tie_wording=network.tie_labels.get(key or "", ""),
        respondents=respondents,
        baseline=percent(cross_share(people, base[1])) if base else "not asked",
        later_wave=WAVE_LABELS.get(latest[0].wave, "") if latest else "",
        later=percent(cross_share(people, latest[1])) if latest else "not asked yet",
        new_cross_sector=None if hidden_below else fresh,
        hidden_below=hidden_below or 0,
        baseline_ei=_ei(network, base[1]) if base else "none",
        later_ei=_ei(network, latest[1]) if latest else "none",
    )
    return headline, counts[0], counts[1], counts[2], counts[3]


def _ei(network: CohortNetwork, graph: nx.Graph[str]) -> str:
    """The whole network's E-I by sector, untested: the cohort's page gives its p-value."""
    value = ei_index(network.engine_people, graph, "sector", permutations=0).ei
    return "none" if value is None else f"{value:.2f}"


def programme_headline(programme: Programme, threshold: int | None) -> ProgrammeHeadline:
    """Each cohort that answered the network questions; outside staff, a cohort whose fewest
    respondents at a wave are under the threshold is left out (and counted as hidden).

    Only cohorts that asked the network questions can have answered them, so only theirs are
    read: a programme of many cohorts without the questions costs one query."""
    asked = Wave.objects.filter(network_questions__isnull=False).values("cohort_id")
    cohorts = list(
        Cohort.objects.filter(programme=programme, pk__in=asked).order_by("starts_on", "pk")
    )
    networks = networks_of(cohorts)
    shown, hidden = [], 0
    totals = [0, 0, 0, 0]
    for cohort in cohorts:
        network = networks[cohort.pk]
        if not any(a.respondents for a in network.answers):
            continue
        headline, *counts = _cohort(cohort, network, threshold)
        if hide(headline.respondents, threshold):
            hidden += 1
            continue
        shown.append(headline)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    return ProgrammeHeadline(
        cohorts=shown,
        hidden=hidden,
        crossing_at_baseline=totals[0] / totals[1] if totals[1] else None,
        crossing_later=totals[2] / totals[3] if totals[3] else None,
    )


def movement_figures(
    programme: Programme, threshold: int | None, today: dt.date
) -> list[MovementFigure]:
    """Network reach: the share of working ties across sectors at the latest survey."""
    headline = programme_headline(programme, threshold)
    share = headline.crossing_later
    return [
        MovementFigure(
            key="network_reach",
            label="Working ties that cross a sector boundary",
            value=percent(share) if share is not None else "not asked yet",
            number=round(share, 3) if share is not None else None,
            definition=(
                "Of the working ties participants named at their cohort's latest network "
                "survey, the share joining people of different sectors; at baseline it was "
                f"{percent(headline.crossing_at_baseline)}."
            ),
            as_of=today,
            hidden=share is None and headline.hidden > 0,
            order=60,
        )
    ]
