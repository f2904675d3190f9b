"""The network figures, worked out by hand on small networks and checked against networkx and
brute force on random ones."""

import itertools
import random

import networkx as nx
import pytest

from commonground.evaluation.stats.network import (
    NetworkPerson,
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
from commonground.evaluation.stats.network_map import draw_map, layout, sector_marks
from commonground.evaluation.stats.network_report import shown_pairs

# Four people: a and b in the council, c in the police, d in health (d never answered).
PEOPLE = [
    NetworkPerson("a", "Essex County Council", "Local government", frozenset({"set1"})),
    NetworkPerson("b", "Essex County Council", "Local government", frozenset({"set2"})),
    NetworkPerson("c", "Essex Police", "Police", frozenset({"set1"})),
    NetworkPerson("d", "Mid Essex NHS", "Health", frozenset({"set2"})),
]
ANSWERED = {"a", "b", "c"}
TIES = [Tie("a", "b"), Tie("b", "a"), Tie("a", "c"), Tie("c", "d"), Tie("a", "a"), Tie("a", "z")]


def test_structure_counts_only_what_respondents_could_say() -> None:
    graph = directed(PEOPLE, TIES)
    shape = structure(PEOPLE, graph, ANSWERED)
    assert shape.ties == 4  # the self-tie and the unknown name are dropped
    # 4 ties named by 3 respondents, each of whom could name 3 others.
    assert shape.density == pytest.approx(4 / 9)
    # Ties between respondents: a-b, b-a, a-c; a-b both ways.
    assert shape.reciprocity == pytest.approx(2 / 3)
    assert (shape.components, shape.largest_component, shape.isolates) == (1, 4, 0)
    assert shape.respondents == 3
    # Symmetrised, d's tie from c counts though d never answered: a-b, a-c, c-d of 6 pairs.
    assert shape.symmetrised_ties == 3
    assert shape.symmetrised_density == pytest.approx(3 / 6)


def test_an_isolate_is_a_component_of_its_own() -> None:
    people = [*PEOPLE, NetworkPerson("e", "Essex Fire", "Fire", frozenset())]
    shape = structure(people, directed(people, TIES), ANSWERED)
    assert (shape.components, shape.isolates) == (2, 1)


def test_ei_by_sector_by_hand() -> None:
    graph = symmetrised(directed(PEOPLE, TIES))
    # Symmetrised ties: a-b (internal), a-c, c-d (external): E-I = (2 - 1) / 3.
    result = ei_index(PEOPLE, graph, "sector", permutations=200, seed=1)
    assert (result.external, result.internal) == (2, 1)
    assert result.ei == pytest.approx(1 / 3)
    council = next(g for g in result.groups if g.group == "Local government")
    assert (council.members, council.internal, council.external) == (2, 1, 1)
    assert council.ei == 0
    # a: b inside, c outside; b: a inside; c: a and d outside; d: c outside.
    assert result.people == {"a": 0, "b": -1, "c": 1, "d": 1}
    assert cross_share(PEOPLE, graph) == pytest.approx(2 / 3)


def test_the_permutation_test_is_seeded_and_finds_a_wholly_crossing_network() -> None:
    # Two sectors of ten, every tie across: E-I is 1, which few random labellings reach.
    people = [NetworkPerson(f"p{i}", f"org{i}", "A" if i < 10 else "B") for i in range(20)]
    ties = [Tie(f"p{i}", f"p{j}") for i in range(10) for j in range(10, 20) if (i + j) % 3 == 0]
    graph = symmetrised(directed(people, ties))
    first = ei_index(people, graph, "sector", permutations=500, seed=7)
    again = ei_index(people, graph, "sector", permutations=500, seed=7)
    assert first.ei == 1
    assert first.p_value == again.p_value
    assert first.p_value is not None and first.p_value < 0.01
    assert first.expected is not None and -0.2 < first.expected < 0.3


def test_the_permutation_p_value_matches_every_relabelling_counted_by_hand() -> None:
    # Six people, three in each sector, ties a-d, b-e, c-f, a-b: E-I (3 - 1) / 4 = 0.5.
    people = [NetworkPerson(x, x, "A" if x in "abc" else "B") for x in "abcdef"]
    ties = [Tie("a", "d"), Tie("b", "e"), Tie("c", "f"), Tie("a", "b")]
    graph = symmetrised(directed(people, ties))
    exact = []
    for group in itertools.combinations("abcdef", 3):
        sector = {x: x in group for x in "abcdef"}
        external = sum(1 for t in ties if sector[t.source] != sector[t.target])
        exact.append((2 * external - len(ties)) / len(ties))
    share = sum(1 for ei in exact if ei >= 0.5) / len(exact)
    result = ei_index(people, graph, "sector", permutations=20000, seed=3)
    assert result.ei == pytest.approx(0.5)
    assert result.p_value == pytest.approx(share, abs=0.02)
    assert result.expected == pytest.approx(sum(exact) / len(exact), abs=0.02)


def test_new_ties_count_only_pairs_observed_at_baseline() -> None:
    before = symmetrised(directed(PEOPLE, [Tie("a", "b")]))
    after = symmetrised(directed(PEOPLE, [Tie("a", "b"), Tie("a", "c"), Tie("b", "d")]))
    # Only a answered at baseline: b-d's absence then was never observed.
    fresh = new_ties(PEOPLE, before, {"a"}, after)
    assert (fresh.total, fresh.cross_sector, fresh.unobserved) == (1, 1, 1)
    assert fresh.by_sector_pair == {"Local government / Police": 1}


def test_no_sector_pair_of_new_ties_can_be_worked_out_outside_staff() -> None:
    counts = {"A / B": 7, "A / C": 3, "B / C": 9}
    assert shown_pairs(counts, None) == counts
    # 3 is under five, and 19 less 7 and 9 would give it away: 7 goes too.
    assert shown_pairs(counts, 5) == {"B / C": 9}
    assert shown_pairs({"A / B": 6, "A / C": 8}, 5) == {"A / B": 6, "A / C": 8}
    # Two fours beside their total of eight would each be pinned to four: nothing is shown.
    assert shown_pairs({"A / B": 4, "A / C": 4}, 5) == {}


def test_groupings_share_against_random_expectation() -> None:
    before = symmetrised(directed(PEOPLE, [Tie("a", "b")]))
    after = symmetrised(directed(PEOPLE, [Tie("a", "c"), Tie("b", "d"), Tie("c", "d")]))
    fresh = new_ties(PEOPLE, before, {"a", "b", "c", "d"}, after)
    effect = groupings_effect(PEOPLE, before, {"a", "b", "c", "d"}, fresh)
    # New: a-c (set1), b-d (set2), c-d (none): 2 of 3 shared a group.
    assert (effect.new_ties, effect.shared) == (3, 2)
    assert effect.share == pytest.approx(2 / 3)
    # Untied pairs at baseline: ac, ad, bc, bd, cd; sharing a group: ac, bd.
    assert effect.expected == pytest.approx(2 / 5)


def test_brokerage_of_a_star_by_hand() -> None:
    people = [NetworkPerson("hub", "o", "Police")] + [
        NetworkPerson(f"s{i}", f"o{i}", s) for i, s in enumerate(["Health", "Fire", "Health"])
    ]
    graph = symmetrised(directed(people, [Tie("hub", f"s{i}") for i in range(3)]))
    hub = brokerage(people, graph)[0]
    # Three unconnected contacts: effective size 3, constraint 3 * (1/3)^2, betweenness 1.
    assert hub.effective_size == pytest.approx(3)
    assert hub.constraint == pytest.approx(1 / 3)
    assert hub.betweenness == pytest.approx(1)
    assert hub.sectors_bridged == ("Fire", "Health", "Police")


def _random_network(seed: int) -> tuple[list[NetworkPerson], list[Tie]]:
    rng = random.Random(seed)
    people = [
        NetworkPerson(f"p{i}", f"org{rng.randrange(6)}", rng.choice("ABCD")) for i in range(25)
    ]
    ties = [Tie(a.id, b.id) for a, b in itertools.permutations(people, 2) if rng.random() < 0.12]
    return people, ties


@pytest.mark.parametrize("seed", range(5))
def test_random_networks_agree_with_networkx_and_brute_force(seed: int) -> None:
    people, ties = _random_network(seed)
    graph = directed(people, ties)
    everyone = {p.id for p in people}
    shape = structure(people, graph, everyone)
    assert shape.density == pytest.approx(nx.density(graph))
    assert shape.reciprocity == pytest.approx(nx.reciprocity(graph))
    assert shape.components == nx.number_weakly_connected_components(graph)
    assert shape.isolates == nx.number_of_isolates(graph)
    undirected = symmetrised(graph)
    result = ei_index(people, undirected, "organisation", permutations=0)
    org = {p.id: p.organisation for p in people}
    pairs = {frozenset((t.source, t.target)) for t in ties}
    external = sum(1 for pair in pairs if len({org[x] for x in pair}) == 2)
    assert result.ei == pytest.approx((2 * external - len(pairs)) / len(pairs))
    assert shape.symmetrised_ties == undirected.number_of_edges()
    assert shape.symmetrised_density == pytest.approx(nx.density(undirected))
    for person in people:
        mine = [pair for pair in pairs if person.id in pair]
        out = sum(1 for pair in mine if len({org[x] for x in pair}) == 2)
        expected = (2 * out - len(mine)) / len(mine) if mine else None
        assert result.people[person.id] == pytest.approx(expected)
    for group in result.groups:
        members = {p.id for p in people if p.organisation == group.group}
        touching = [pair for pair in pairs if pair & members]
        inside = sum(1 for pair in touching if pair <= members)
        assert (group.internal, group.external) == (inside, len(touching) - inside)
    constraint = nx.constraint(undirected)
    effective = nx.effective_size(undirected)
    between = nx.betweenness_centrality(undirected)
    for broker in brokerage(people, undirected):
        assert broker.betweenness == pytest.approx(between[broker.person])
        if undirected.degree(broker.person):
            assert broker.constraint == pytest.approx(constraint[broker.person])
            assert broker.effective_size == pytest.approx(effective[broker.person])
        else:
            assert broker.constraint is None and broker.effective_size is None


def test_maps_keep_each_person_in_place_across_waves() -> None:
    before = symmetrised(directed(PEOPLE, [Tie("a", "b")]))
    after = symmetrised(directed(PEOPLE, TIES))
    positions = layout(PEOPLE, [before, after])
    assert positions == layout(PEOPLE, [before, after])
    picture = draw_map(PEOPLE, after, positions, "End of programme <map>")
    assert picture.startswith("<svg") and "End of programme &lt;map&gt;" in picture
    assert picture.count("<line") == 3
    # Every sector has its own letter, shape and colour in the legend.
    assert sector_marks(PEOPLE) == {
        "Health": ("#0072B2", "circle", "H"),
        "Local government": ("#D55E00", "square", "L"),
        "Police": ("#009E73", "diamond", "P"),
    }
    for sector in ("Health", "Local government", "Police"):
        assert f">{sector}</text>" in picture


def test_a_network_without_ties_or_people_gives_no_figures() -> None:
    empty = symmetrised(directed([], []))
    assert brokerage([], empty) == ()
    assert structure([], directed([], []), set()).density is None
    alone = symmetrised(directed(PEOPLE, []))
    assert [b.constraint for b in brokerage(PEOPLE, alone)] == [None] * 4
    assert ei_index(PEOPLE, alone, "sector").ei is None
    assert cross_share(PEOPLE, alone) is None
