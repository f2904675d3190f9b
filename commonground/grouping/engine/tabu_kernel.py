"""The tabu search's inner loop compiled by numba: every move and swap priced one at a time from
the running sums, a few microseconds a step where the numpy step takes tens.

Imported only when a search runs (numba takes about a second to import and no page needs it);
`cache=True` keeps the compiled code beside this file, so it is compiled once per install.
"""

from __future__ import annotations

import numba
import numpy as np

from .problem import BoolArray, FloatArray, IntArray

IMPROVEMENT = 1e-9
NOTHING, MOVE, SWAP = 0, 1, 2


@numba.njit(cache=True, nogil=True)
def tabu_steps(
    weights: FloatArray,
    unary: FloatArray,
    lower: IntArray,
    upper: IntArray,
    movable: BoolArray,
    assignment: IntArray,
    sums: FloatArray,
    sizes: IntArray,
    tabu_until: IntArray,
    tenures: IntArray,
    counters: IntArray,
    values: FloatArray,
    best_assignment: IntArray,
    depth: int,
    pairs_per_step: int,
    max_work: int,
) -> tuple[int, bool]:
    """Take the best non-tabu move or swap until `depth` steps pass without a new best grouping,
    or until `max_work` is done: a step counts one, and `pairs_per_step` swaps priced count one
    more (on instances whose bounds pass over few swaps a step costs several times more).

    `assignment`, `sums` (each person's summed pair score with each group) and `sizes` change in
    place; `counters` holds the step number and the steps since the best, `values` the current
    and best objective, `best_assignment` the best grouping of this run, so that a run cut into
    several calls carries on where it stopped. Returns the work done and whether the run ended
    (no progress for `depth` steps, or no move left).
    """
    n, m = sums.shape
    sizes_fixed = np.all(lower == upper)
    prices = np.empty((n, m))
    twice_weights = 2.0 * weights
    least_weight = _least_pair(twice_weights)
    # Scratch space for pricing the swaps, allocated once per call rather than once per step.
    group_best, bounds = np.empty((m, m)), np.empty(n)
    members, starts = np.empty(n, dtype=np.int64), np.empty(m + 1, dtype=np.int64)
    step, since_best = counters[0], counters[1]
    value, best_value = values[0], values[1]
    taken, work = 0, 0
    priced = np.zeros(1, dtype=np.int64)
    ended = False
    while work < max_work:
        if since_best >= depth:
            ended = True
            break
        step += 1
        taken += 1
        aspiration = best_value - value + IMPROVEMENT
        _price_moves(unary, movable, assignment, sums, prices)
        gain, kind, first, second = -np.inf, NOTHING, -1, -1
        if not sizes_fixed:
            gain, kind, first, second = _best_move(
                prices, lower, upper, assignment, sizes, tabu_until, step, aspiration
            )
        _members_by_group(assignment, members, starts)
        gain, kind, first, second = _best_swap(
            prices,
            twice_weights,
            least_weight,
            assignment,
            members,
            starts,
            group_best,
            bounds,
            priced,
            tabu_until,
            step,
            aspiration,
            gain,
            kind,
            first,
            second,
        )
        if kind == NOTHING:
            ended = True
            break
        tenure = tenures[step % tenures.shape[0]]
        if kind == MOVE:
            tabu_until[first, assignment[first]] = step + tenure
            _move(weights, assignment, sums, sizes, first, second)
        else:
            home, other = assignment[first], assignment[second]
            tabu_until[first, home] = step + tenure
            tabu_until[second, other] = step + tenure
            _move(weights, assignment, sums, sizes, first, other)
            _move(weights, assignment, sums, sizes, second, home)
        value += gain
        if value > best_value + IMPROVEMENT:
            best_value = value
            best_assignment[:] = assignment
            since_best = 0
        else:
            since_best += 1
        work = taken + priced[0] // pairs_per_step
    counters[0], counters[1] = step, since_best
    values[0], values[1] = value, best_value
    return work, ended


@numba.njit(cache=True, nogil=True)
def _price_moves(
    unary: FloatArray,
    movable: BoolArray,
    assignment: IntArray,
    sums: FloatArray,
    prices: FloatArray,
) -> None:
    """prices[i, g]: the gain of moving person i to group g, sizes aside; -inf for a pinned
    person or one's own group, so that pricing a swap needs no other test."""
    n, m = prices.shape
    for i in range(n):
        home = assignment[i]
        own = sums[i, home] + unary[i, home]
        for g in range(m):
            price = sums[i, g] + unary[i, g] - own
            if g == home or not movable[i]:
                price = -np.inf
            prices[i, g] = price


@numba.njit(cache=True, nogil=True)
def _best_move(
    prices: FloatArray,
    lower: IntArray,
    upper: IntArray,
    assignment: IntArray,
    sizes: IntArray,
    tabu_until: IntArray,
    step: int,
    aspiration: float,
) -> tuple[float, int, int, int]:
    """The best move within the size bounds that is not tabu, or that gives a new best."""
    best, kind, person, group = -np.inf, NOTHING, -1, -1
    n, m = prices.shape
    for i in range(n):
        home = assignment[i]
        if sizes[home] <= lower[home]:
            continue
        for g in range(m):
            gain = prices[i, g]
            if sizes[g] >= upper[g] or gain <= best:
                continue
            if tabu_until[i, g] > step and gain <= aspiration:
                continue
            best, kind, person, group = gain, MOVE, i, g
    return best, kind, person, group


@numba.njit(cache=True, nogil=True)
def _best_swap(
    prices: FloatArray,
    twice_weights: FloatArray,
    least_weight: float,
    assignment: IntArray,
    members: IntArray,
    starts: IntArray,
    group_best: FloatArray,
    bounds: FloatArray,
    priced: IntArray,
    tabu_until: IntArray,
    step: int,
    aspiration: float,
    best: float,
    kind: int,
    first: int,
    second: int,
) -> tuple[float, int, int, int]:
    """The best swap that beats `best` (a move) and is not tabu, or gives a new best grouping;
    `priced` counts the swaps priced.

    Swapping i with j of group g gains prices[i, g] + prices[j, a[i]] - 2 w[i, j]: at most i's
    move to g plus the best move to i's group among g's people, less the least pair score. People,
    and then their groups, whose bound cannot beat the best found so far are passed over.
    """
    n, m = prices.shape
    group_best[:, :] = -np.inf
    for i in range(n):
        for g in range(m):
            group_best[assignment[i], g] = max(group_best[assignment[i], g], prices[i, g])
    for i in range(n):
        bound = -np.inf
        for g in range(m):
            bound = max(bound, prices[i, g] + group_best[g, assignment[i]])
        bounds[i] = bound - least_weight
    # The person of the best bound first, for a good swap to measure the others by.
    leader = int(np.argmax(bounds))
    for rank in range(-1, n):
        i = leader if rank < 0 else rank
        if bounds[i] <= best or rank == leader:
            continue
        home = assignment[i]
        for g in range(m):
            price = prices[i, g]
            if price + group_best[g, home] - least_weight <= best:
                continue
            priced[0] += starts[g + 1] - starts[g]
            for k in range(starts[g], starts[g + 1]):
                j = members[k]
                gain = price + prices[j, home] - twice_weights[i, j]
                if gain <= best:
                    continue
                if (tabu_until[i, g] > step or tabu_until[j, home] > step) and gain <= aspiration:
                    continue
                best, kind, first, second = gain, SWAP, i, j
    return best, kind, first, second


@numba.njit(cache=True, nogil=True)
def _least_pair(scores: FloatArray) -> float:
    """The least score between two different people (the diagonal, never a pair, left out)."""
    least = np.inf
    for i in range(scores.shape[0]):
        for j in range(scores.shape[0]):
            if i != j:
                least = min(least, scores[i, j])
    return least


@numba.njit(cache=True, nogil=True)
def _members_by_group(assignment: IntArray, members: IntArray, starts: IntArray) -> None:
    """The people of group g are members[starts[g]:starts[g + 1]], in order."""
    m = starts.shape[0] - 1
    starts[:] = 0
    for person in range(assignment.shape[0]):
        starts[assignment[person] + 1] += 1
    for g in range(m):
        starts[g + 1] += starts[g]
    for person in range(assignment.shape[0]):
        members[starts[assignment[person]]] = person
        starts[assignment[person]] += 1
    # Each start has moved on to the next group's start: shift them back.
    for g in range(m, 0, -1):
        starts[g] = starts[g - 1]
    starts[0] = 0


@numba.njit(cache=True, nogil=True)
def _move(
    weights: FloatArray,
    assignment: IntArray,
    sums: FloatArray,
    sizes: IntArray,
    person: int,
    group: int,
) -> None:
    old = assignment[person]
    for k in range(sums.shape[0]):
        # The pair scores are symmetric (`local_search.compiled` sees to it): a row reads faster.
        score = weights[person, k]
        sums[k, old] -= score
        sums[k, group] += score
    sizes[old] -= 1
    sizes[group] += 1
    assignment[person] = group
