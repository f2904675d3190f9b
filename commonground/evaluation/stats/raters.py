"""How participants rate themselves against their manager, peers and direct reports."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from statistics import fmean

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
