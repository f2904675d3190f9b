"""A quick, always valid upper bound on the objective, for the gap reported with large groupings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .distance import is_numeric, numbers
from .model import Participant
from .problem import FloatArray, IntArray, SearchProblem
from .sizes import most_pairs_sizes


def upper_bound(problem: SearchProblem) -> float:
    """Pair scores at best, plus each person's best group score, plus the worst group at best."""
    bound = pair_bound(problem.pair_scores, problem.lower, problem.upper)
    if problem.diversity_limit is not None:
        rules = problem.pair_scores - problem.diversity_scores()
        by_attribute = problem.diversity_limit + pair_bound(rules, problem.lower, problem.upper)
        bound = min(bound, by_attribute)
    if problem.unary is not None:
        bound += float(problem.unary.max(axis=1).sum())
    if problem.worst_group_weight:
        bound += problem.worst_group_weight * diversity_bound(problem) / problem.groups
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


def diversity_bound(problem: SearchProblem) -> float:
    """The better of the two valid bounds on diversity alone: by pairs, and by attribute."""
    bound = pair_bound(problem.diversity_scores(), problem.lower, problem.upper)
    if problem.diversity_limit is not None:
        bound = min(bound, problem.diversity_limit)
    return bound


def attribute_bound(
    participants: Sequence[Participant],
    weights: Mapping[str, float],
    lower: IntArray,
    upper: IntArray,
) -> float | None:
    """A bound on diversity taken one attribute at a time, each spread as evenly as it can be.

    For a category, a group of s people holding c_v of each value has (s^2 - sum of c_v^2) / 2
    pairs that differ, so the most any grouping can reach is with the most-pairs sizes and each
    value dealt out evenly over the groups; no grouping can do better on every attribute at once.
    For a number, the pair bound of that attribute's own distances. None when sizes cannot fit.
    """
    n = len(participants)
    sizes = most_pairs_sizes(n, lower, upper)
    if sizes is None or n == 0:
        return None
    m = int(sizes.shape[0])
    total = 0.0
    for attribute, weight in weights.items():
        if is_numeric(participants, attribute):
            values = numbers(participants, attribute)
            spread = float(values.max() - values.min())
            if spread > 0:
                distances = np.abs(values[:, None] - values[None, :]) / spread
                total += weight * pair_bound(distances, lower, upper)
            continue
        labels = [str(p.value(attribute)) for p in participants]
        counts = np.unique(labels, return_counts=True)[1]
        quotient, remainder = np.divmod(counts, m)
        same = remainder * (quotient + 1) ** 2 + (m - remainder) * quotient**2
        total += weight * float((sizes**2).sum() - same.sum()) / 2
    return total
