"""The numeric form of a grouping problem that every solver works on."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class IsolationTerm:
    """People who must not be the only one of their kind in a group: a cost per such group."""

    flagged: BoolArray
    penalty: float
    label: str
    hard: bool


@dataclass(frozen=True)
class Apart:
    """Two people who must never share a group."""

    first: int
    second: int
    label: str


@dataclass(frozen=True)
class Together:
    """Two people who must share a group."""

    first: int
    second: int
    label: str


@dataclass(frozen=True)
class AtMostOne:
    """People of whom each group may hold at most one (colleagues from one organisation)."""

    members: tuple[int, ...]
    label: str


@dataclass(frozen=True)
class NotAlone:
    """People of whom each group holds none or at least two."""

    members: tuple[int, ...]
    label: str


@dataclass(frozen=True)
class MeanWithin:
    """Every group's mean of a number stays within a tolerance of the cohort's mean."""

    values: tuple[float, ...]
    tolerance: float
    label: str


@dataclass(frozen=True)
class Pinned:
    """A person staff placed by hand in one group."""

    person: int
    group: int
    label: str


HardConstraint = Apart | Together | AtMostOne | NotAlone | MeanWithin | Pinned


@dataclass(frozen=True)
class SearchProblem:
    """Pair scores to maximise within groups, size bounds per group, and the rules in numeric form.

    `pair_scores` is the objective (diversity plus weighted rules); `hard_penalties` only steer
    the local search towards meeting hard rules, which `hard` states exactly for CP-SAT and checks.
    """

    pair_scores: FloatArray
    lower: IntArray
    upper: IntArray
    unary: FloatArray | None = None
    hard_penalties: FloatArray | None = None
    isolation: tuple[IsolationTerm, ...] = ()
    hard: tuple[HardConstraint, ...] = ()
    diversity: FloatArray | None = None
    worst_group_weight: float = 0.0
    pinned_groups: dict[int, int] = field(default_factory=dict)
    # A bound on diversity from the attributes behind it, tighter than one from pairs alone.
    diversity_limit: float | None = None

    @property
    def size(self) -> int:
        return int(self.pair_scores.shape[0])

    @property
    def groups(self) -> int:
        return int(self.lower.shape[0])

    def diversity_scores(self) -> FloatArray:
        return self.pair_scores if self.diversity is None else self.diversity

    def group_diversity(self, assignment: IntArray) -> FloatArray:
        """The diversity inside each group: the sum of its pair distances."""
        return within_group_sums(self.diversity_scores(), assignment, self.groups)

    def score(self, assignment: IntArray) -> float:
        """The objective of a full assignment, recomputed from scratch."""
        total = float(within_group_sums(self.pair_scores, assignment, self.groups).sum())
        if self.unary is not None:
            total += float(self.unary[np.arange(self.size), assignment].sum())
        for term in self.isolation:
            if not term.hard:
                counts = np.bincount(assignment[term.flagged], minlength=self.groups)
                total -= term.penalty * int(np.count_nonzero(counts == 1))
        if self.worst_group_weight:
            total += self.worst_group_weight * float(self.group_diversity(assignment).min())
        return total


def within_group_sums(scores: FloatArray, assignment: IntArray, groups: int) -> FloatArray:
    """For each group, the sum of scores over the pairs it holds."""
    onehot = np.zeros((assignment.shape[0], groups))
    onehot[np.arange(assignment.shape[0]), assignment] = 1.0
    sums: FloatArray = 0.5 * ((scores @ onehot) * onehot).sum(axis=0)
    return sums
