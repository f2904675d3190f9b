"""A year of mixing: several rounds of groups in which as few pairs as possible meet twice."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from commonground.lib.words import count_of, plural

from .designs import Rounds, design_rounds, zero_repeat_rounds
from .distance import default_weights, diversity_matrix
from .feasibility import broken_hard_rules
from .fewest_repeats import fewest_repeats, repeat_count
from .grouping import group_people
from .model import (
    DETERMINISTIC_TIME,
    GroupSizes,
    Participant,
    Pin,
    Rule,
    SolverSettings,
    default_rules,
)
from .problem import FloatArray, IntArray, SearchProblem
from .repeats import RepeatBound, repeat_bound
from .rules import build_problem, typical_pair
from .sizes import size_bounds

DESIGN_SEATINGS = 2000
# Proving a plan has the fewest repeats possible gets this many exact solves' effort: 12 people
# in threes over 5 rounds needs about 18 units of CP-SAT's clock (docs/grouping.md).
PROOF_SOLVES = 3
# Each round's search gets at least this many steps however many rounds share the effort.
LEAST_ROUND_STEPS = 1000
STOPPED_BY_TIME = (
    " The time limit cut the search short before its planned work was done, so a re-run on a"
    " busier or quieter machine may differ."
)


@dataclass(frozen=True)
class MixingPlan:
    """The groups of each round, how often pairs met again, and the least that was possible."""

    rounds: tuple[tuple[tuple[str, ...], ...], ...]
    repeated_pairs: int
    lower_bound: int
    colleagues_met: dict[str, int]
    organisations_met: dict[str, int]
    method: str
    summary: str
    bound_reason: str = ""
    stopped_by_time: bool = False


def repeat_lower_bound(people: int, lower: IntArray, upper: IntArray, rounds: int) -> int:
    """The fewest repeat meetings any plan can have (see repeats.repeat_bound for why)."""
    return repeat_bound(people, lower, upper, rounds).value


def plan_mixing(
    participants: Sequence[Participant],
    rounds: int,
    sizes: GroupSizes,
    rules: Sequence[Rule] | None = None,
    *,
    pins: Mapping[int, Sequence[Pin]] | None = None,
    diversity: Mapping[str, float] | None = None,
    settings: SolverSettings | None = None,
) -> MixingPlan:
    """Rounds avoiding repeated pairs, meeting as many colleagues and organisations as possible.

    `pins` maps a round (from 1) to the people staff placed by hand in that round's groups: a
    re-run keeps them there, as a pin does in a single grouping.
    """
    settings = settings or SolverSettings()
    started = time.monotonic()
    n = len(participants)
    lower, upper = size_bounds(n, groups=sizes.groups, target_size=sizes.target_size)
    if rules is None:
        rules = default_rules({name for p in participants for name in p.attributes})
    by_round = [list(rules) + list((pins or {}).get(r, ())) for r in range(1, rounds + 1)]
    weights = diversity if diversity is not None else default_weights(participants)
    bound = repeat_bound(n, lower, upper, rounds)
    design = _design(participants, lower, upper, rounds, by_round, weights, settings.seed)
    if design is not None:
        return _plan(participants, design[1], bound, design[0])
    # The search starts from the most rounds a design gives with no repeat, and keeps those.
    longest = _longest_design(n, lower, upper, rounds - 1)
    start = None
    if longest:
        start = _design(
            participants, lower, upper, longest, by_round[:longest], weights, settings.seed
        )
    fixed = [] if start is None else start[1]
    plan, cut = _search_rounds(
        participants, rounds, lower, upper, by_round, weights, settings, fixed
    )
    method = "round-by-round search"
    if start is not None:
        method = f"{start[0]} for the first {len(fixed)} rounds, then {method}"
    if settings.time_limit is not None:
        settings = replace(settings, time_limit=settings.time_limit - time.monotonic() + started)

    def problems() -> list[SearchProblem]:
        return [build_problem(participants, lower, upper, r, weights) for r in by_round]

    bound, plan, method, proof_cut = _proven(participants, plan, bound, method, problems, settings)
    return _plan(participants, plan, bound, method, stopped_by_time=cut or proof_cut)


def _proven(
    participants: Sequence[Participant],
    plan: Rounds,
    bound: RepeatBound,
    method: str,
    problems: Callable[[], Sequence[SearchProblem]],
    settings: SolverSettings,
) -> tuple[RepeatBound, Rounds, str, bool]:
    """For a small cohort whose plan has more repeats than the bound, CP-SAT's search of every
    plan: the fewest repeats possible when it finishes, and a plan with fewer if one exists and
    people can be seated on it meeting every hard rule. Also whether the wall clock cut it short.
    """
    n, found = len(participants), repeat_count(plan, len(participants))
    sizes = {len(members) for groups in plan for members in groups}
    if found <= bound.value or len(sizes) != 1:
        return bound, plan, method, False
    effort = PROOF_SOLVES * (settings.deterministic_time or DETERMINISTIC_TIME)
    fewest = fewest_repeats(
        n,
        sizes.pop(),
        len(plan),
        found=found,
        at_least=bound.value,
        seed=settings.seed,
        deterministic_time=effort,
        time_limit=settings.time_limit,
    )
    if fewest is None:
        return bound, plan, method, False
    if fewest.plan is not None:
        seated = _seated(fewest.plan, problems(), settings.seed)
        if seated is not None:
            plan, method = seated, f"{method}, then CP-SAT's search of every plan"
    if fewest.proven and fewest.value > bound.value:
        bound = RepeatBound(
            fewest.value,
            f"a search of every plan for {count_of(n, 'person', 'people')} in groups of "
            f"{len(plan[0][0])} over {count_of(len(plan), 'round')} finds none with fewer",
        )
    return bound, plan, method, fewest.stopped_by_time


def _seated(
    plan: Sequence[Sequence[Sequence[int]]], problems: Sequence[SearchProblem], seed: int
) -> list[list[list[int]]] | None:
    """People seated on a plan's places so every round meets its hard rules, or None."""
    rng = np.random.default_rng(seed)
    seating = np.arange(problems[0].size)
    for _ in range(DESIGN_SEATINGS):
        seated = [
            _renumbered([seating[list(members)].tolist() for members in groups], p.pinned_groups)
            for groups, p in zip(plan, problems, strict=True)
        ]
        if all(
            groups is not None and not broken_hard_rules(p, _assignment(groups))
            for groups, p in zip(seated, problems, strict=True)
        ):
            return [groups for groups in seated if groups is not None]
        seating = rng.permutation(problems[0].size)
    return None


def review_mixing(
    participants: Sequence[Participant],
    rounds: Sequence[Sequence[Sequence[str]]],
    sizes: GroupSizes,
    *,
    method: str = "as given",
) -> MixingPlan:
    """The same account of repeats, colleagues and organisations met for rounds as they stand
    (after moves by hand), against the lower bound for `sizes` over that many rounds."""
    n = len(participants)
    lower, upper = size_bounds(n, groups=sizes.groups, target_size=sizes.target_size)
    index = {p.id: i for i, p in enumerate(participants)}
    plan = [[[index[person] for person in members] for members in groups] for groups in rounds]
    return _plan(participants, plan, repeat_bound(n, lower, upper, len(rounds)), method)


def _design(
    participants: Sequence[Participant],
    lower: IntArray,
    upper: IntArray,
    rounds: int,
    rules: Sequence[Sequence[Rule]],
    weights: Mapping[str, float],
    seed: int,
) -> tuple[str, Rounds] | None:
    """A resolvable design's rounds, with people seated on its points so every hard rule holds.

    A round's groups may be numbered in any order, so pins are met by renumbering where they can.
    """
    if not np.all(lower == upper):
        return None
    found = zero_repeat_rounds(len(participants), int(lower[0]), rounds)
    if found is None:
        return None
    method, plan = found
    problems = [build_problem(participants, lower, upper, r, weights) for r in rules]
    # Every seating avoids repeats; keeping colleagues apart needs a lucky one, usually soon found.
    seated = _seated(plan, problems, seed)
    return None if seated is None else (method, seated)


def _longest_design(people: int, lower: IntArray, upper: IntArray, most: int) -> int:
    """The most rounds, up to `most`, that a known design gives with no pair meeting twice."""
    if not np.all(lower == upper):
        return 0
    size = int(lower[0])
    return next((r for r in range(most, 1, -1) if design_rounds(people, size, r)), 0)


def _renumbered(groups: list[list[int]], pinned: Mapping[int, int]) -> list[list[int]] | None:
    """The groups reordered so each pinned person's group has the number they are pinned to."""
    wanted: dict[int, int] = {}
    for g, members in enumerate(groups):
        targets = {pinned[i] for i in members if i in pinned}
        if len(targets) > 1:
            return None
        if targets:
            wanted[g] = targets.pop()
    if len(set(wanted.values())) < len(wanted):
        return None
    free = iter(sorted(set(range(len(groups))) - set(wanted.values())))
    order = {g: wanted[g] if g in wanted else next(free) for g in range(len(groups))}
    result: list[list[int]] = [[] for _ in groups]
    for g, members in enumerate(groups):
        result[order[g]] = members
    return result


def _assignment(groups: list[list[int]]) -> IntArray:
    assignment = np.empty(sum(len(members) for members in groups), dtype=np.int64)
    for g, members in enumerate(groups):
        assignment[members] = g
    return assignment


def _search_rounds(
    participants: Sequence[Participant],
    rounds: int,
    lower: IntArray,
    upper: IntArray,
    rules: Sequence[Sequence[Rule]],
    weights: Mapping[str, float],
    settings: SolverSettings,
    fixed: Rounds,
) -> tuple[Rounds, bool]:
    """Each round after the `fixed` ones maximises diversity with a heavy cost on pairs who met
    before and a bonus for organisations not yet met; a second sweep re-plans each of them
    against all the others. Also whether the wall clock cut any search short.

    The steps are shared out over the searches, so a plan costs about as much work as one
    grouping; the wall clock is a safety net over the whole plan.
    """
    n = len(participants)
    diversity = diversity_matrix(participants, weights)
    repeat_cost = 2.0 * float(diversity.sum(axis=1).max(initial=0.0)) + 1.0
    organisation = [str(p.value("organisation")) for p in participants]
    plan: list[IntArray] = [_assignment(groups) for groups in fixed]
    searched = range(len(fixed), rounds)
    steps = settings.max_iterations
    if steps is not None:
        steps = max(steps // (2 * len(searched)), LEAST_ROUND_STEPS)
    deadline = None if settings.time_limit is None else time.monotonic() + settings.time_limit
    cut = False
    for sweep, r in itertools.chain(((0, r) for r in searched), ((1, r) for r in searched)):
        left = None if deadline is None else max(deadline - time.monotonic(), 0.01)
        per_round = replace(settings, time_limit=left, max_iterations=steps, progress=None)
        others = plan[:r] + plan[r + 1 :] if sweep else plan
        met = _met(others, n)
        extra = -repeat_cost * met + typical_pair(diversity) * _new_organisations(
            others, organisation
        )
        solution = group_people(
            participants,
            lower,
            upper,
            rules[r],
            diversity=weights,
            settings=replace(per_round, seed=settings.seed + r),
            extra_pairs=extra,
        )[2]
        cut = cut or solution.stopped_by_time
        if sweep:
            plan[r] = solution.assignment
        else:
            plan.append(solution.assignment)
        if settings.progress is not None:
            done = sweep * len(searched) + r - len(fixed) + 1
            settings.progress(done / (2 * len(searched)), f"round {r + 1} planned")
    groups = [[np.flatnonzero(a == g).tolist() for g in range(lower.shape[0])] for a in plan]
    return groups, cut


def _met(plan: Sequence[IntArray], n: int) -> FloatArray:
    met = np.zeros((n, n))
    for assignment in plan:
        met += assignment[:, None] == assignment[None, :]
    np.fill_diagonal(met, 0.0)
    return met


def _new_organisations(plan: Sequence[IntArray], organisation: Sequence[str]) -> FloatArray:
    """Half a point for each side of a pair meeting an organisation they have not met yet."""
    codes = np.unique(organisation, return_inverse=True)[1]
    seen = np.zeros((len(organisation), int(codes.max(initial=0)) + 1), dtype=bool)
    for assignment in plan:
        for g in np.unique(assignment):
            members = np.flatnonzero(assignment == g)
            seen[np.ix_(members, codes[members])] = True
    fresh = ~seen[:, codes]
    return 0.5 * (fresh + fresh.T)


def _plan(
    participants: Sequence[Participant],
    plan: Rounds,
    bound: RepeatBound,
    method: str,
    *,
    stopped_by_time: bool = False,
) -> MixingPlan:
    n = len(participants)
    ids = [p.id for p in participants]
    times = np.zeros((n, n), dtype=np.int64)
    for groups in plan:
        for members in groups:
            times[np.ix_(members, members)] += 1
    np.fill_diagonal(times, 0)
    upper_pairs = np.triu(times, 1)
    repeated = int(np.maximum(upper_pairs - 1, 0).sum())
    organisation = [str(p.value("organisation")) for p in participants]
    organisations = {
        ids[i]: len({organisation[j] for j in np.flatnonzero(times[i])} - {organisation[i]})
        for i in range(n)
    }
    rounds = tuple(tuple(tuple(ids[i] for i in members) for members in groups) for groups in plan)
    most = int(upper_pairs.max(initial=0))
    return MixingPlan(
        rounds=rounds,
        repeated_pairs=repeated,
        lower_bound=bound.value,
        colleagues_met={ids[i]: int(np.count_nonzero(times[i])) for i in range(n)},
        organisations_met=organisations,
        method=method,
        summary=_summary(repeated, most, bound) + STOPPED_BY_TIME * stopped_by_time,
        bound_reason=bound.reason,
        stopped_by_time=stopped_by_time,
    )


def _summary(repeated: int, most: int, bound: RepeatBound) -> str:
    """ "No pair meets twice", or how many do against the fewest possible, in plain words."""
    if repeated == 0:
        return "No pair meets twice."
    if most == 2:
        found = f"{count_of(repeated, 'pair')} {plural(repeated, 'meets', 'meet')} twice"
    else:
        found = f"{count_of(repeated, 'repeat meeting')} (some pairs meet {most} times)"
    if repeated == bound.value:
        return f"{found}; this is the fewest possible: {bound.reason}."
    if bound.value == 0:
        return f"{found}; a plan with none is not ruled out."
    return (
        f"At least {count_of(bound.value, 'pair')} must meet twice ({bound.reason}); "
        f"this plan has {repeated}."
    )
