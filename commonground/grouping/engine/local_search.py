"""Iterated tabu search for large cohorts and benchmark instances, in the manner of Lai and Hao."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .effort import PRICED_PAIRS_PER_STEP_PER_PERSON
from .model import Progress
from .neighbourhood import Neighbourhood
from .problem import IntArray, SearchProblem
from .sizes import most_pairs_sizes

IMPROVEMENT = 1e-9
# Steps a person may not return to a group they left, drawn afresh each step.
TENURE = (5, 18)
TENURE_BLOCK = 1024
# Steps without progress, per person, before perturbing: deeper tabu runs beat more frequent
# perturbation on RanReal n = 120 (depths 2, 6, 15 and 40 compared at equal step counts).
DEPTH = 15.0
# Compiled work (steps, see `tabu_kernel.tabu_steps`) between checks of the budget, the clock and
# progress: a few milliseconds.
SLICE = 1024


@dataclass(frozen=True)
class SearchOutcome:
    """The best assignment found, its search objective, and why the search stopped."""

    assignment: IntArray
    value: float
    iterations: int
    stopped_by_time: bool


@dataclass
class _Budget:
    """Stops the search at an iteration count or a time limit, whichever comes first."""

    time_limit: float | None
    max_iterations: int | None
    progress: Progress | None
    started: float
    iterations: int = 0
    last_report: float = 0.0

    def spent(self) -> bool:
        if self.max_iterations is not None and self.iterations >= self.max_iterations:
            return True
        return self.timed_out()

    def timed_out(self) -> bool:
        if self.time_limit is None:
            return False
        return time.perf_counter() - self.started >= self.time_limit

    def report(self, best: float) -> None:
        now = time.perf_counter()
        if self.progress is None or now - self.last_report < 0.5:
            return
        self.last_report = now
        fraction = 0.0
        if self.time_limit is not None:
            fraction = (now - self.started) / self.time_limit
        if self.max_iterations:
            fraction = max(fraction, self.iterations / self.max_iterations)
        self.progress(min(fraction, 1.0), f"local search: best {best:.3f}")


def random_assignment(problem: SearchProblem, rng: np.random.Generator) -> IntArray:
    """The sizes holding most pairs, pinned people in their groups, everyone else shuffled."""
    n, m = problem.size, problem.groups
    pinned_counts = np.bincount(
        np.array(list(problem.pinned_groups.values()), dtype=np.int64), minlength=m
    )
    sizes = most_pairs_sizes(n, np.maximum(problem.lower, pinned_counts), problem.upper)
    if sizes is None:
        raise ValueError("no group sizes fit the bounds and the pinned people")
    free_places = np.repeat(np.arange(m), sizes - pinned_counts)
    rng.shuffle(free_places)
    assignment = np.empty(n, dtype=np.int64)
    unpinned = [i for i in range(n) if i not in problem.pinned_groups]
    assignment[unpinned] = free_places
    for person, group in problem.pinned_groups.items():
        assignment[person] = group
    return assignment


def search(
    problem: SearchProblem,
    *,
    seed: int,
    time_limit: float | None = None,
    max_iterations: int | None = None,
    progress: Progress | None = None,
    start: IntArray | None = None,
) -> SearchOutcome:
    """Alternate tabu search with small random perturbations, keeping the best grouping seen.

    `max_iterations` makes the search repeatable on any machine; `time_limit` (seconds) bounds
    the wall clock. Give at least one.
    """
    if time_limit is None and max_iterations is None:
        raise ValueError("give a time limit or an iteration count, or the search never stops")
    rng = np.random.default_rng(seed)
    budget = _Budget(time_limit, max_iterations, progress, time.perf_counter())
    first = random_assignment(problem, rng) if start is None else start
    state = Neighbourhood(problem, first)
    best, best_value = state.assignment.copy(), state.value
    depth = max(50, int(DEPTH * problem.size))
    tabu_search = _CompiledTabuSearch(state).run if compiled(problem) else _tabu_search
    while not budget.spent():
        found, found_value = tabu_search(state, rng, budget, depth)
        if found_value > best_value + IMPROVEMENT:
            best, best_value = found, found_value
        elif rng.random() < 0.5:
            state = Neighbourhood(problem, best)
        budget.report(best_value)
        _perturb(state, rng)
    return SearchOutcome(best, best_value, budget.iterations, budget.timed_out())


def _tabu_search(
    state: Neighbourhood, rng: np.random.Generator, budget: _Budget, depth: int
) -> tuple[IntArray, float]:
    """Take the best non-tabu move or swap each step; stop after `depth` steps without progress."""
    n, m = state.problem.size, state.problem.groups
    tabu_until = np.zeros((n, m), dtype=np.int64)
    best, best_value = state.assignment.copy(), state.value
    since_best = 0
    step = 0
    while since_best < depth and not budget.spent():
        step += 1
        budget.iterations += 1
        moves, swaps = state.gains()
        aspiration = best_value - state.value + IMPROVEMENT
        a = state.assignment
        tabu_moves = tabu_until > step
        moves = np.where(tabu_moves & (moves <= aspiration), -np.inf, moves)
        towards = tabu_moves[:, a]
        swaps[(towards | towards.T) & (swaps <= aspiration)] = -np.inf
        best_move = int(np.argmax(moves))
        best_swap = int(np.argmax(swaps))
        move_gain = float(moves.flat[best_move])
        swap_gain = float(swaps.flat[best_swap])
        if move_gain == -np.inf and swap_gain == -np.inf:
            break
        tenure = int(rng.integers(TENURE[0], TENURE[1]))
        if move_gain >= swap_gain:
            person, group = divmod(best_move, m)
            tabu_until[person, a[person]] = step + tenure
            state.move(person, group)
            state.value += move_gain
        else:
            first, second = divmod(best_swap, n)
            tabu_until[first, a[first]] = step + tenure
            tabu_until[second, a[second]] = step + tenure
            state.swap(first, second)
            state.value += swap_gain
        if state.value > best_value + IMPROVEMENT:
            best, best_value = state.assignment.copy(), state.value
            since_best = 0
        else:
            since_best += 1
    return best, best_value


def compiled(problem: SearchProblem) -> bool:
    """Whether the compiled inner loop searches this problem: pair scores (symmetric), per-person
    terms, pins and size bounds; rules on whole groups keep the numpy steps."""
    if problem.isolation or problem.worst_group_weight:
        return False
    weights = problem.pair_scores
    if problem.hard_penalties is not None:
        weights = weights + problem.hard_penalties
    return bool(np.array_equal(weights, weights.T))


class _CompiledTabuSearch:
    """`_tabu_search` for pair scores and per-person terms alone, in compiled code, run a slice of
    steps at a time so that the budget, the wall-clock safety net and progress are checked
    between slices."""

    def __init__(self, state: Neighbourhood) -> None:
        from . import tabu_kernel  # numba loads only when a search runs

        problem, n, m = state.problem, state.problem.size, state.problem.groups
        self.kernel = tabu_kernel.tabu_steps
        self.weights = np.ascontiguousarray(state.weights, dtype=np.float64)
        unary = np.zeros((n, m)) if problem.unary is None else problem.unary
        self.unary = np.ascontiguousarray(unary, dtype=np.float64)
        self.lower = np.ascontiguousarray(problem.lower, dtype=np.int64)
        self.upper = np.ascontiguousarray(problem.upper, dtype=np.int64)
        self.movable = np.ascontiguousarray(state.movable)
        self.tabu_until = np.zeros((n, m), dtype=np.int64)
        self.pairs_per_step = PRICED_PAIRS_PER_STEP_PER_PERSON * n

    def run(
        self, state: Neighbourhood, rng: np.random.Generator, budget: _Budget, depth: int
    ) -> tuple[IntArray, float]:
        self.tabu_until.fill(0)
        tenures = rng.integers(TENURE[0], TENURE[1], size=TENURE_BLOCK)
        counters = np.zeros(2, dtype=np.int64)
        values = np.array([state.value, state.value])
        best = state.assignment.copy()
        sums = np.ascontiguousarray(state.sums)
        sizes = state.sizes.astype(np.int64)
        ended = False
        while not ended and not budget.spent():
            left = (
                SLICE
                if budget.max_iterations is None
                else budget.max_iterations - budget.iterations
            )
            work, ended = self.kernel(
                self.weights,
                self.unary,
                self.lower,
                self.upper,
                self.movable,
                state.assignment,
                sums,
                sizes,
                self.tabu_until,
                tenures,
                counters,
                values,
                best,
                depth,
                self.pairs_per_step,
                min(SLICE, left),
            )
            budget.iterations += work
            budget.report(float(values[1]))
        state.sums, state.sizes, state.value = sums, sizes, float(values[0])
        return best, float(values[1])


def _perturb(state: Neighbourhood, rng: np.random.Generator) -> None:
    """A few random swaps between movable people in different groups."""
    movable = np.flatnonzero(state.movable)
    if movable.size < 2:
        return
    for _ in range(int(rng.integers(2, max(3, state.problem.size // 20) + 1))):
        first, second = rng.choice(movable, size=2, replace=False)
        if state.assignment[first] != state.assignment[second]:
            state.swap(int(first), int(second))
    state.value = state.evaluate()


def warm_up() -> None:
    """Compile the search's inner loop now (numba keeps it in its cache), so that the first
    grouping after an install does not spend seconds in the compiler: `make install` calls this,
    and a deployment should too (`python -m commonground.grouping.engine.warm_up`)."""
    rng = np.random.default_rng(0)
    scores = rng.random((6, 6))
    problem = SearchProblem(
        pair_scores=(scores + scores.T) / 2,
        lower=np.array([3, 3], dtype=np.int64),
        upper=np.array([3, 3], dtype=np.int64),
    )
    search(problem, seed=0, max_iterations=10)
