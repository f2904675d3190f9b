"""A grouping under local search, with running sums that price every move and swap at once."""

from __future__ import annotations

import numpy as np

from .problem import BoolArray, FloatArray, IntArray, SearchProblem

NOT_ALLOWED = -np.inf


class Neighbourhood:
    """The current assignment and, per person and group, the sum of their pair scores with it.

    Keeping `sums[i, g]` up to date costs O(n) per change and makes the gain of moving any person
    to any group, or swapping any two people, a handful of array operations over all candidates.
    """

    def __init__(self, problem: SearchProblem, assignment: IntArray) -> None:
        self.problem = problem
        n, m = problem.size, problem.groups
        self.weights = problem.pair_scores
        if problem.hard_penalties is not None:
            self.weights = problem.pair_scores + problem.hard_penalties
        self.people = np.arange(n)
        self.upper_triangle = np.triu(np.ones((n, n), dtype=bool), k=1)
        self.movable = np.ones(n, dtype=bool)
        self.movable[list(problem.pinned_groups)] = False
        self.all_movable = bool(self.movable.all())
        self.sizes_fixed = bool(np.all(problem.lower == problem.upper))
        self.assignment = assignment.copy()
        onehot = np.zeros((n, m))
        onehot[self.people, assignment] = 1.0
        self.sums: FloatArray = self.weights @ onehot
        self.sizes = np.bincount(assignment, minlength=m)
        self.flag_counts = [
            np.bincount(assignment[t.flagged], minlength=m) for t in problem.isolation
        ]
        self.diversity = problem.diversity_scores()
        self.diversity_sums: FloatArray = self.diversity @ onehot
        self.group_diversity = 0.5 * (self.diversity_sums * onehot).sum(axis=0)
        self.value = self.evaluate()
        # The n x n swap prices are rewritten in place each step. A fresh array each step is, from
        # about 130 people up, a fresh memory mapping each step: at 240 people the kernel's work
        # of mapping and zeroing those pages took longer than the search itself.
        self.twice_weights = 2.0 * self.weights
        self.towards_buffer: FloatArray = np.empty((n, n))
        self.swaps_buffer: FloatArray = np.empty((n, n))

    def evaluate(self) -> float:
        """The search objective (rules' penalties included) of the current assignment."""
        a = self.assignment
        total = 0.5 * float(self.sums[self.people, a].sum())
        if self.problem.unary is not None:
            total += float(self.problem.unary[self.people, a].sum())
        for term, counts in zip(self.problem.isolation, self.flag_counts, strict=True):
            total -= term.penalty * int(np.count_nonzero(counts == 1))
        if self.problem.worst_group_weight:
            total += self.problem.worst_group_weight * float(self.group_diversity.min())
        return total

    def move(self, person: int, group: int) -> None:
        old = int(self.assignment[person])
        column = self.weights[:, person]
        self.sums[:, old] -= column
        self.sums[:, group] += column
        self.sizes[old] -= 1
        self.sizes[group] += 1
        for term, counts in zip(self.problem.isolation, self.flag_counts, strict=True):
            if term.flagged[person]:
                counts[old] -= 1
                counts[group] += 1
        if self.problem.worst_group_weight:
            self.group_diversity[old] -= self.diversity_sums[person, old]
            self.group_diversity[group] += self.diversity_sums[person, group]
            self.diversity_sums[:, old] -= self.diversity[:, person]
            self.diversity_sums[:, group] += self.diversity[:, person]
        self.assignment[person] = group

    def swap(self, first: int, second: int) -> None:
        first_group = int(self.assignment[first])
        self.move(first, int(self.assignment[second]))
        self.move(second, first_group)

    def gains(self) -> tuple[FloatArray, FloatArray]:
        """The change of objective for every move (n x m) and every swap (n x n, i < j).

        The swaps array is this neighbourhood's own buffer, overwritten by the next call.
        """
        a = self.assignment
        totals = self.sums if self.problem.unary is None else self.sums + self.problem.unary
        own = totals[self.people, a]
        moves = totals - own[:, None]
        towards = np.take(totals, a, axis=1, out=self.towards_buffer)
        towards -= own[:, None]
        swaps = np.add(towards, towards.T, out=self.swaps_buffer)
        swaps -= self.twice_weights
        for term, counts in zip(self.problem.isolation, self.flag_counts, strict=True):
            self._add_isolation(term.flagged, term.penalty, counts, moves, swaps)
        if self.problem.worst_group_weight:
            self._add_worst_group(moves, swaps)
        return self._mask_moves(moves), self._mask_swaps(swaps)

    def _add_isolation(
        self,
        flagged: BoolArray,
        penalty: float,
        counts: IntArray,
        moves: FloatArray,
        swaps: FloatArray,
    ) -> None:
        # A group with exactly one flagged person costs `penalty`; a move changes two counts.
        alone = (counts == 1).astype(float)
        leaving = -penalty * ((counts - 1 == 1) - alone)
        arriving = -penalty * ((counts + 1 == 1) - alone)
        change = np.where(flagged[:, None], leaving[self.assignment][:, None] + arriving, 0.0)
        moves += change
        towards = change[:, self.assignment]
        both = flagged[:, None] & flagged[None, :]
        swaps += np.where(both, 0.0, towards + towards.T)

    def _add_worst_group(self, moves: FloatArray, swaps: FloatArray) -> None:
        a = self.assignment
        weight = self.problem.worst_group_weight
        current = self.group_diversity
        lowest = float(current.min())
        others = self._lowest_excluding()
        own = self.diversity_sums[self.people, a]
        left = current[a] - own
        joined = current[None, :] + self.diversity_sums
        moves += weight * (np.minimum(np.minimum(others[a], left[:, None]), joined) - lowest)
        towards = self.diversity_sums[:, a]
        left_pair = current[a][:, None] - own[:, None] + towards.T - self.diversity
        right_pair = current[a][None, :] - own[None, :] + towards - self.diversity
        worst = np.minimum(np.minimum(others[a][:, a], left_pair), right_pair)
        swaps += weight * (worst - lowest)

    def _lowest_excluding(self) -> FloatArray:
        """For each pair of groups, the lowest diversity among all the other groups."""
        m = self.problem.groups
        padded = np.concatenate([self.group_diversity, [np.inf, np.inf, np.inf]])
        order = np.argsort(padded, kind="stable")[:3]
        rows = np.arange(m)[:, None]
        cols = np.arange(m)[None, :]
        result = np.full((m, m), padded[order[2]])
        for rank in (1, 0):
            free = (rows != order[rank]) & (cols != order[rank])
            result = np.where(free, padded[order[rank]], result)
        return result

    def _mask_moves(self, moves: FloatArray) -> FloatArray:
        if self.sizes_fixed:
            return np.full_like(moves, NOT_ALLOWED)
        a = self.assignment
        p = self.problem
        valid = (self.sizes[a] > p.lower[a])[:, None] & (self.sizes < p.upper)[None, :]
        valid &= self.movable[:, None]
        valid[self.people, a] = False
        return np.where(valid, moves, NOT_ALLOWED)

    def _mask_swaps(self, swaps: FloatArray) -> FloatArray:
        a = self.assignment
        valid = self.upper_triangle & (a[:, None] != a[None, :])
        valid &= self.movable[:, None] & self.movable[None, :]
        np.copyto(swaps, NOT_ALLOWED, where=~valid)
        return swaps
