"""Who works with whom across boundaries: the figures of a roster network survey (networkx).

A tie is one person naming another on one question ("whom have you gone to for advice") at one
wave. The figures follow Hoppe and Reinelt's leadership-network evaluation (Leadership Quarterly
21, 2010): structure (size, density, reciprocity, components, isolates), the E-I index of
Krackhardt and Stern (Social Psychology Quarterly 51, 1988) with their permutation test, new
cross-boundary ties between waves, and Burt's brokerage measures (Structural Holes, 1992).

Missing answers: someone who did not answer names nobody, but others may still name them. The
directed figures (density, reciprocity) count only what respondents could have said; the
symmetrised figures (a tie if either names the other, used for E-I, components, brokerage and
new ties) keep the ties non-respondents receive, as Stork and Richards (1992) recommend, and the
report says how many did not answer.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

# Enough relabellings for a p-value to two decimal places, quick enough for a page; the pages
# and the command line use the same number and seed, so the same answers give the same p-value.
DEFAULT_PERMUTATIONS = 999
DEFAULT_SEED = 2010


@dataclass(frozen=True)
class NetworkPerson:
    """Someone on the roster; `groups` names the learning sets and teams they were in."""

    id: str
    organisation: str
    sector: str
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Tie:
    """`source` named `target` on one question."""

    source: str
    target: str


@dataclass(frozen=True)
class Structure:
    """`ties`, `density` and `reciprocity` read the network as directed (who named whom, over
    what respondents could have named); the symmetrised variant (a tie if either named the
    other, non-respondents' incoming ties kept) gives `symmetrised_ties`, `symmetrised_density`
    (over every pair of people), the components and the isolates."""

    people: int
    respondents: int
    ties: int
    density: float | None
    reciprocity: float | None
    components: int
    largest_component: int
    isolates: int
    symmetrised_ties: int = 0
    symmetrised_density: float | None = None


@dataclass(frozen=True)
class EIGroup:
    group: str
    members: int
    external: int
    internal: int
    ei: float | None


@dataclass(frozen=True)
class EIResult:
    """E-I over the symmetrised ties for one attribute (organisation or sector).

    `p_value` is the share of random relabellings (group sizes kept) whose E-I is at least the
    observed one: small means more cross-boundary than chance.
    """

    attribute: str
    external: int
    internal: int
    ei: float | None
    expected: float | None
    p_value: float | None
    permutations: int
    groups: tuple[EIGroup, ...]
    people: dict[str, float | None]


@dataclass(frozen=True)
class Broker:
    person: str
    constraint: float | None
    effective_size: float | None
    betweenness: float
    sectors_bridged: tuple[str, ...]


@dataclass(frozen=True)
class NewTies:
    """Symmetrised ties at `later` that were absent at `earlier`, counted by sector pair.

    A pair counts only if someone in it answered at `earlier`, so that its absence then was
    observed rather than unknown; `unobserved` counts the new pairs left out for that reason.
    """

    total: int
    cross_sector: int
    by_sector_pair: dict[str, int]
    unobserved: int
    pairs: tuple[tuple[str, str], ...] = field(repr=False, default=())


@dataclass(frozen=True)
class GroupingsEffect:
    """Share of new ties between people who shared a group, and the share random ties would
    give: pairs sharing a group among every pair that could have formed a new tie."""

    new_ties: int
    shared: int
    share: float | None
    expected: float | None


def directed(people: Sequence[NetworkPerson], ties: Iterable[Tie]) -> nx.DiGraph[str]:
    """The named ties among the roster; self-ties, repeats and unknown names are dropped."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for person in people:
        graph.add_node(person.id)
    for tie in ties:
        if tie.source != tie.target and tie.source in graph and tie.target in graph:
            graph.add_edge(tie.source, tie.target)
    return graph


def symmetrised(graph: nx.DiGraph[str]) -> nx.Graph[str]:
    """A tie between two people if either named the other."""
    undirected: nx.Graph[str] = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes))
    undirected.add_edges_from(graph.edges)
    return undirected


def structure(
    people: Sequence[NetworkPerson], graph: nx.DiGraph[str], respondents: set[str]
) -> Structure:
    respondents = respondents & {p.id for p in people}
    n = len(people)
    said = [(a, b) for a, b in graph.edges if a in respondents]
    possible = len(respondents) * (n - 1)
    both = [(a, b) for a, b in said if b in respondents]
    mutual = sum(1 for a, b in both if graph.has_edge(b, a))
    undirected = symmetrised(graph)
    components = list(nx.connected_components(undirected)) if n else []
    pairs = n * (n - 1) // 2
    return Structure(
        people=n,
        respondents=len(respondents),
        ties=graph.number_of_edges(),
        density=len(said) / possible if possible else None,
        reciprocity=mutual / len(both) if both else None,
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        isolates=sum(1 for node in undirected if undirected.degree(node) == 0),
        symmetrised_ties=undirected.number_of_edges(),
        symmetrised_density=undirected.number_of_edges() / pairs if pairs else None,
    )


def _ei(external: int, internal: int) -> float | None:
    total = external + internal
    return (external - internal) / total if total else None


def _whole_ei(edges: Sequence[tuple[int, int]], labels: np.ndarray) -> float | None:
    if not edges:
        return None
    ends = np.asarray(edges)
    internal = int(np.sum(labels[ends[:, 0]] == labels[ends[:, 1]]))
    return _ei(len(edges) - internal, internal)


def _permuted_ei(
    edges: Sequence[tuple[int, int]], labels: np.ndarray, rng: np.random.Generator, times: int
) -> np.ndarray:
    """Whole-network E-I under `times` random relabellings, all in one array operation."""
    shuffled = rng.permuted(np.tile(labels, (times, 1)), axis=1)
    ends = np.asarray(edges)
    internal = np.sum(shuffled[:, ends[:, 0]] == shuffled[:, ends[:, 1]], axis=1)
    result: np.ndarray = (len(edges) - 2 * internal) / len(edges)
    return result


def ei_index(
    people: Sequence[NetworkPerson],
    graph: nx.Graph[str],
    attribute: str,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> EIResult:
    """E-I by `attribute` ("organisation" or "sector") for the whole network, each group and
    each person, with the whole-network figure tested against `permutations` relabellings."""
    label_of = {p.id: str(getattr(p, attribute)) for p in people}
    ids = [p.id for p in people]
    index = {pid: i for i, pid in enumerate(ids)}
    names = sorted(set(label_of.values()))
    labels = np.array([names.index(label_of[pid]) for pid in ids], dtype=np.int64)
    edges = [(index[a], index[b]) for a, b in graph.edges]
    observed = _whole_ei(edges, labels)
    expected = p_value = None
    if observed is not None and permutations > 0:
        rng = np.random.default_rng(seed)
        draws = _permuted_ei(edges, labels, rng, permutations)
        expected = float(np.mean(draws))
        p_value = float((np.sum(draws >= observed - 1e-12) + 1) / (permutations + 1))
    internal = sum(1 for a, b in graph.edges if label_of[a] == label_of[b])
    return EIResult(
        attribute=attribute,
        external=graph.number_of_edges() - internal,
        internal=internal,
        ei=observed,
        expected=expected,
        p_value=p_value,
        permutations=permutations if observed is not None else 0,
        groups=tuple(_group_ei(name, label_of, graph) for name in names),
        people={pid: _person_ei(pid, label_of, graph) for pid in ids},
    )


def _group_ei(name: str, label_of: dict[str, str], graph: nx.Graph[str]) -> EIGroup:
    """Krackhardt and Stern's group E-I: ties inside the group against ties leaving it."""
    members = {pid for pid, label in label_of.items() if label == name}
    internal = external = 0
    for a, b in graph.edges:
        inside = (a in members) + (b in members)
        internal += inside == 2
        external += inside == 1
    return EIGroup(name, len(members), external, internal, _ei(external, internal))


def _person_ei(pid: str, label_of: dict[str, str], graph: nx.Graph[str]) -> float | None:
    neighbours = list(graph.neighbors(pid))
    internal = sum(1 for n in neighbours if label_of[n] == label_of[pid])
    return _ei(len(neighbours) - internal, internal)


def cross_share(people: Sequence[NetworkPerson], graph: nx.Graph[str]) -> float | None:
    """The share of ties that cross a sector boundary."""
    sector = {p.id: p.sector for p in people}
    if not graph.number_of_edges():
        return None
    crossing = sum(1 for a, b in graph.edges if sector[a] != sector[b])
    return crossing / graph.number_of_edges()


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def sector_pair(first: str, second: str) -> str:
    one, two = sorted((first, second))
    return f"{one} / {two}"


def new_ties(
    people: Sequence[NetworkPerson],
    earlier: nx.Graph[str],
    earlier_respondents: set[str],
    later: nx.Graph[str],
) -> NewTies:
    sector = {p.id: p.sector for p in people}
    before = {_pair(a, b) for a, b in earlier.edges}
    fresh = sorted(_pair(a, b) for a, b in later.edges if _pair(a, b) not in before)
    observed = [p for p in fresh if p[0] in earlier_respondents or p[1] in earlier_respondents]
    crossing = [(a, b) for a, b in observed if sector[a] != sector[b]]
    by_pair = Counter(sector_pair(sector[a], sector[b]) for a, b in crossing)
    return NewTies(
        total=len(observed),
        cross_sector=len(crossing),
        by_sector_pair=dict(sorted(by_pair.items())),
        unobserved=len(fresh) - len(observed),
        pairs=tuple(observed),
    )


def groupings_effect(
    people: Sequence[NetworkPerson],
    earlier: nx.Graph[str],
    earlier_respondents: set[str],
    fresh: NewTies,
) -> GroupingsEffect:
    groups = {p.id: p.groups for p in people}
    shares = sum(1 for a, b in fresh.pairs if groups[a] & groups[b])
    candidates = [
        (a, b)
        for a, b in itertools.combinations(sorted(groups), 2)
        if not earlier.has_edge(a, b) and (a in earlier_respondents or b in earlier_respondents)
    ]
    sharing = sum(1 for a, b in candidates if groups[a] & groups[b])
    return GroupingsEffect(
        new_ties=fresh.total,
        shared=shares,
        share=shares / fresh.total if fresh.total else None,
        expected=sharing / len(candidates) if candidates else None,
    )


def brokerage(people: Sequence[NetworkPerson], graph: nx.Graph[str]) -> tuple[Broker, ...]:
    """Burt's constraint and effective size, betweenness (normalised) and the sectors each
    person joins: their own and those of neighbours in other sectors, when they have any."""
    if not graph.number_of_edges():
        # networkx refuses a graph without ties; nobody then has a figure to give.
        return tuple(Broker(p.id, None, None, 0.0, ()) for p in people)
    constraint = nx.constraint(graph)
    effective = nx.effective_size(graph)
    between = nx.betweenness_centrality(graph, normalized=True)
    sector = {p.id: p.sector for p in people}
    brokers = []
    for person in people:
        others = {sector[n] for n in graph.neighbors(person.id)} - {person.sector}
        bridged = tuple(sorted(others | {person.sector})) if others else ()
        brokers.append(
            Broker(
                person=person.id,
                constraint=_finite(constraint.get(person.id)),
                effective_size=_finite(effective.get(person.id)),
                betweenness=float(between.get(person.id, 0.0)),
                sectors_bridged=bridged,
            )
        )
    return tuple(brokers)


def _finite(value: float | None) -> float | None:
    """networkx gives NaN for an isolate's constraint and effective size: no figure at all."""
    if value is None or value != value:
        return None
    return float(value)
