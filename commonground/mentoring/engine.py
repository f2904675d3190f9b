"""Matches mentees to mentors, as a minimum-cost flow solved to a proven optimum.

Plain Python (no Django): the app hands it plain records and saves what it returns, so it is
tested against brute force and benchmarked without a database.

The rules. Hard: a mentor never comes from the mentee's own organisation, is never their line
manager or anyone else in their chain, is never a pair that has already said the match was not
working, and takes no more mentees than their capacity. Weighted: first as many mentees matched as
the hard rules allow, then the best total fit, where each pair scores for the expertise the mentor
shares with what the mentee wants help with, for coming from a different sector, and for the
mentee's sector being one the mentor would like to mentor.

Why a flow: mentees to mentors with capacities is a transportation problem, whose linear
programme has integral optimal vertices, so OR-Tools' network simplex returns an exact optimum
with integer costs and says so (status OPTIMAL), in a fixed number of steps for a given input and
with no time limit. Matching as many as possible comes first by giving every matched pair a bonus
larger than the best possible sum of all the fit scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Weights:
    """Points a pair scores: per shared area of expertise, for a different sector, and for the
    mentee's sector being one the mentor would rather mentor."""

    expertise: int = 10
    other_sector: int = 6
    preferred_sector: int = 3


@dataclass(frozen=True)
class Mentor:
    id: int
    person_id: int
    name: str
    organisation_id: int | None
    organisation: str
    sector: str
    capacity: int  # mentees they may still take, after the pairs kept fixed
    expertise: frozenset[str] = frozenset()
    prefers_sectors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Mentee:
    id: int
    person_id: int
    name: str
    organisation_id: int | None
    organisation: str
    sector: str
    needs: frozenset[str] = frozenset()
    chain: frozenset[int] = frozenset()  # person ids of their line manager and chain


@dataclass(frozen=True)
class Problem:
    mentees: Sequence[Mentee]
    mentors: Sequence[Mentor]
    weights: Weights = Weights()
    # (mentee id, mentor id) pairs that said the match was not working: never paired again.
    excluded: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class Pair:
    mentee_id: int
    mentor_id: int
    score: int
    explanation: str  # "shares expertise in commissioning; different sector: ..."


@dataclass(frozen=True)
class Unmatched:
    mentee_id: int
    reason: str  # "no mentor outside Essex Police has capacity: the 3 who could are full"


@dataclass(frozen=True)
class Solution:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    score: int  # the sum of the pairs' scores
    optimal: bool  # the solver proved no assignment matches more, or as many with a better fit
    arcs: int = 0  # eligible (mentee, mentor) pairs the solver chose among
    details: dict[str, int] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        return len(self.pairs)


def barrier(mentee: Mentee, mentor: Mentor, excluded: frozenset[tuple[int, int]]) -> str:
    """Why this mentor may never mentor this mentee, or "" when they may."""
    if mentor.person_id == mentee.person_id:
        return "the same person"
    if mentee.organisation_id is not None and mentor.organisation_id == mentee.organisation_id:
        return "same organisation"
    if mentor.person_id in mentee.chain:
        return "in their line management chain"
    if (mentee.id, mentor.id) in excluded:
        return "said the match was not working"
    return ""


def score(mentee: Mentee, mentor: Mentor, weights: Weights) -> int:
    shared = len(mentee.needs & mentor.expertise)
    return (
        weights.expertise * shared
        + (weights.other_sector if mentee.sector != mentor.sector else 0)
        + (weights.preferred_sector if mentee.sector in mentor.prefers_sectors else 0)
    )


def _listed(words: Iterable[str]) -> str:
    items = sorted(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def explain(mentee: Mentee, mentor: Mentor) -> str:
    """The pair's fit in the programme's words."""
    shared = mentee.needs & mentor.expertise
    parts = [f"shares expertise in {_listed(shared)}" if shared else "no shared expertise"]
    if mentee.sector != mentor.sector:
        parts.append(
            f"different sectors: mentor in {mentor.sector.lower()}, "
            f"mentee in {mentee.sector.lower()}"
        )
    else:
        parts.append(f"same sector ({mentee.sector.lower()}), different organisation")
    if mentee.sector in mentor.prefers_sectors:
        parts.append(f"{mentor.name} would like to mentor someone from {mentee.sector.lower()}")
    return "; ".join(parts)


def _why_unmatched(mentee: Mentee, problem: Problem) -> str:
    if not problem.mentors:
        return "no mentor has volunteered yet"
    barriers = [barrier(mentee, mentor, problem.excluded) for mentor in problem.mentors]
    eligible = sum(1 for found in barriers if not found)
    outside = (
        f"outside {mentee.organisation}" if mentee.organisation else "from another organisation"
    )
    if not eligible:
        beyond = (
            " and their line management chain"
            if "in their line management chain" in barriers
            else ""
        )
        return f"no mentor {outside}{beyond} has volunteered"
    # With as many matched as possible, a mentee is left only when every mentor who could take
    # them is full.
    who = "the one who could is" if eligible == 1 else f"all {eligible} who could are"
    return f"no mentor {outside} has capacity: {who} full"


def solve(problem: Problem) -> Solution:
    """The best assignment, proven optimal, with each pair explained and each mentee left out
    given a reason."""
    mentees = sorted(problem.mentees, key=lambda mentee: mentee.id)
    mentors = sorted(problem.mentors, key=lambda mentor: mentor.id)
    weights = problem.weights
    best_pair = weights.expertise * max((len(m.needs) for m in mentees), default=0)
    best_pair += weights.other_sector + weights.preferred_sector
    bonus = best_pair * len(mentees) + 1

    # Nodes: 0 source, 1 sink, 2 "left unmatched", then mentees, then mentors.
    # Imported here rather than with the module: its library is 27 MB that only a process
    # matching mentors needs (see lib.lazy_modules; a compiled module cannot load lazily).
    from ortools.graph.python import min_cost_flow

    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink, left = 0, 1, 2
    first_mentee = 3
    first_mentor = first_mentee + len(mentees)
    candidates: dict[int, tuple[int, int, int]] = {}
    for i, mentee in enumerate(mentees):
        flow.add_arc_with_capacity_and_unit_cost(source, first_mentee + i, 1, 0)
        flow.add_arc_with_capacity_and_unit_cost(first_mentee + i, left, 1, 0)
        for j, mentor in enumerate(mentors):
            if mentor.capacity <= 0 or barrier(mentee, mentor, problem.excluded):
                continue
            fit = score(mentee, mentor, weights)
            arc = flow.add_arc_with_capacity_and_unit_cost(
                first_mentee + i, first_mentor + j, 1, -(bonus + fit)
            )
            candidates[arc] = (i, j, fit)
    for j, mentor in enumerate(mentors):
        flow.add_arc_with_capacity_and_unit_cost(first_mentor + j, sink, max(mentor.capacity, 0), 0)
    flow.add_arc_with_capacity_and_unit_cost(left, sink, len(mentees), 0)
    flow.set_node_supply(source, len(mentees))
    flow.set_node_supply(sink, -len(mentees))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"The matching could not be solved (status {status}).")

    pairs: list[Pair] = []
    matched: set[int] = set()
    for arc, (i, j, fit) in candidates.items():
        if flow.flow(arc):
            mentee, mentor = mentees[i], mentors[j]
            pairs.append(Pair(mentee.id, mentor.id, fit, explain(mentee, mentor)))
            matched.add(mentee.id)
    unmatched = [
        Unmatched(mentee.id, _why_unmatched(mentee, problem))
        for mentee in mentees
        if mentee.id not in matched
    ]
    pairs.sort(key=lambda pair: pair.mentee_id)
    return Solution(
        pairs=pairs,
        unmatched=unmatched,
        score=sum(pair.score for pair in pairs),
        optimal=True,
        arcs=len(candidates),
        details={"nodes": flow.num_nodes(), "arcs": flow.num_arcs()},
    )
