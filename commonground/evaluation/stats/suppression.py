"""Hiding aggregates built from so few people that individuals could be recognised."""

from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

DEFAULT_THRESHOLD = 5
MIN_RATERS_IN_GROUP = 3


class Counted(Protocol):
    @property
    def n(self) -> int: ...


Aggregate = TypeVar("Aggregate", bound=Counted)


@dataclass(frozen=True)
class Suppressed:
    """Stands in for an aggregate of fewer than `threshold` responses."""

    threshold: int
    message: str
    suppressed: Literal[True] = True


def suppress_small(aggregate: Aggregate, threshold: int | None) -> Aggregate | Suppressed:
    """The aggregate itself, or Suppressed if built from fewer than `threshold` responses.

    A threshold of None means the viewer may see everything (programme staff).
    """
    if threshold is not None and aggregate.n < threshold:
        return Suppressed(threshold, f"fewer than {threshold} responses")
    return aggregate


def hidden_with(part: Suppressed) -> Suppressed:
    """Stands in for a figure that, next to the ones shown, would give away a hidden part."""
    return Suppressed(part.threshold, f"hidden, as it would reveal a group of {part.message}")


def rater_group_visible(rater_type: str, n_raters: int, minimum: int = MIN_RATERS_IN_GROUP) -> bool:
    """Whether one participant's ratings from a group of raters may be shown to them.

    A line manager is known to the participant anyway; peers and direct
    reports stay anonymous only in groups of `minimum` or more.
    """
    return rater_type == "manager" or n_raters >= minimum


def suppress_rater_group(
    aggregate: Aggregate, rater_type: str, threshold: int | None
) -> Aggregate | Suppressed:
    """Like `suppress_small`, but never below the anonymity minimum for peers and reports."""
    if threshold is None or rater_type == "manager":
        return suppress_small(aggregate, threshold)
    return suppress_small(aggregate, max(threshold, MIN_RATERS_IN_GROUP))
