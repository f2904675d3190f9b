"""How participants rate themselves against their manager, peers and direct reports."""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

import numpy as np

OTHERS = "others"


@dataclass(frozen=True)
class Rating:
    """One rater's answer about one participant."""

    participant: Hashable
    rater_type: str
    value: float


@dataclass(frozen=True)
class RaterGroup:
    """The ratings one type of rater gave, and how far self-ratings sit above them.

    `n` counts ratings (one per rater), `participants` the people rated.
    `self_minus_others` is, over the `n_matched` participants who also rated
    themselves, the mean of (own rating - this group's mean rating of them):
    positive means participants rate themselves higher than this group does.
    It is None for the self group itself.
    """

    rater_type: str
    n: int
    participants: int
    mean: float | None
    n_matched: int
    self_minus_others: float | None


def compare_raters(ratings: Iterable[Rating]) -> dict[str, RaterGroup]:
    """Summarise each rater type present, plus every non-self rater pooled as "others"."""
    by_type: dict[str, dict[Hashable, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in ratings:
        by_type[r.rater_type][r.participant].append(r.value)
        if r.rater_type != "self":
            by_type[OTHERS][r.participant].append(r.value)
    own = {p: fmean(v) for p, v in by_type.get("self", {}).items()}
    return {t: _group(t, by_participant, own) for t, by_participant in by_type.items()}


def _group(
    rater_type: str, by_participant: dict[Hashable, list[float]], own: dict[Hashable, float]
) -> RaterGroup:
    values = [v for vs in by_participant.values() for v in vs]
    gaps = (
        []
        if rater_type == "self"
        else [own[p] - fmean(vs) for p, vs in by_participant.items() if p in own]
    )
    return RaterGroup(
        rater_type=rater_type,
        n=len(values),
        participants=len(by_participant),
        mean=fmean(values) if values else None,
        n_matched=len(gaps),
        self_minus_others=fmean(gaps) if gaps else None,
    )


def compare_rater_table(
    who: np.ndarray, codes: np.ndarray, types: Sequence[str], values: np.ndarray
) -> dict[str, RaterGroup]:
    """`compare_raters` of the ratings given as columns: `who` (the participant's number),
    `codes` (the rater type's index in `types`) and `values`, one position per rating, in the
    order given. Each group is worked out with numpy from per-participant counts and sums
    rather than rating by rating; the means agree with `compare_raters`'s to floating-point
    tolerance and the groups come in the same order."""
    size = int(who.max()) + 1 if who.size else 0
    first_seen: dict[str, int] = {}
    for code in dict.fromkeys(codes.tolist()):
        first_seen[types[code]] = int(np.argmax(codes == code))
    others = [at for t, at in first_seen.items() if t != "self"]
    if others:
        first_seen[OTHERS] = min(others)
    own_sums = own_counts = None
    if "self" in first_seen:
        mine = codes == types.index("self")
        own_counts = np.bincount(who[mine], minlength=size)
        own_sums = np.bincount(who[mine], weights=values[mine], minlength=size)
    groups = {}
    # Python's sort is stable: "others" comes just after the first type it pools.
    for rater_type in sorted(first_seen, key=lambda t: (first_seen[t], t == OTHERS)):
        if rater_type == OTHERS:
            chosen = codes != (types.index("self") if "self" in types else -1)
        else:
            chosen = codes == types.index(rater_type)
        groups[rater_type] = _group_of(
            rater_type, who[chosen], values[chosen], size, own_sums, own_counts
        )
    return groups


def _group_of(
    rater_type: str,
    who: np.ndarray,
    values: np.ndarray,
    size: int,
    own_sums: np.ndarray | None,
    own_counts: np.ndarray | None,
) -> RaterGroup:
    counts = np.bincount(who, minlength=size)
    rated = counts > 0
    gaps: list[float] = []
    if rater_type != "self" and own_sums is not None and own_counts is not None:
        sums = np.bincount(who, weights=values, minlength=size)
        matched = rated & (own_counts > 0)
        gaps = (own_sums[matched] / own_counts[matched] - sums[matched] / counts[matched]).tolist()
    return RaterGroup(
        rater_type=rater_type,
        n=int(values.size),
        participants=int(rated.sum()),
        mean=math.fsum(values.tolist()) / values.size if values.size else None,
        n_matched=len(gaps),
        self_minus_others=math.fsum(gaps) / len(gaps) if gaps else None,
    )
