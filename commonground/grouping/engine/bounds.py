"""A quick, always valid upper bound on the objective, for the gap reported with large groupings."""

from __future__ import annotations

import numpy as np

from .problem import FloatArray, IntArray, SearchProblem
from .sizes import most_pairs_sizes


def upper_bound(problem: SearchProblem) -> float:
    """Pair scores at best, plus each person's best group score, plus the worst group at best."""
    bound = pair_bound(problem.pair_scores, problem.lower, problem.upper)
    if problem.unary is not None:
        bound += float(problem.unary.max(axis=1).sum())
    if problem.worst_group_weight:
        diversity = pair_bound(problem.diversity_scores(), problem.lower, problem.upper)
        bound += problem.worst_group_weight * diversity / problem.groups
    return bound


def pair_bound(scores: FloatArray, lower: IntArray, upper: IntArray) -> float:
    """The smaller of two bounds on the sum of scores over pairs sharing a group.

    Each person has at most (largest size - 1) group-mates, so half the sum over people of their
    best such scores; and no grouping holds more pairs than the most-pairs size profile, so the
    sum of that many best pair scores.
    """
    n = scores.shape[0]
    positive = np.maximum(scores, 0.0)
    mates = int(upper.max()) - 1
    best_rows = -np.sort(-positive, axis=1)[:, :mates]
    by_person = 0.5 * float(best_rows.sum())
    sizes = most_pairs_sizes(n, lower, upper)
    if sizes is None:
        return by_person
    pairs = int((sizes * (sizes - 1) // 2).sum())
    best_pairs = -np.sort(-positive[np.triu_indices(n, 1)])[:pairs]
    return min(by_person, float(best_pairs.sum()))
