"""The one place that decides which figures about people are hidden, and how a hidden one reads.

No aggregate of fewer than `threshold` people (the `SMALL_NUMBER_THRESHOLD` setting, 5 by
default) leaves programme staff. Everything here is plain Python with the threshold passed in,
so the statistics engine (which never imports Django) uses it as the pages and the API do; a
threshold of None means the viewer sees every figure, as programme staff do.

The rules, applied everywhere:

- Primary: a count from 1 to threshold - 1 is hidden ("fewer than 5" on a page, null with
  `suppressed: true` in the API).
- Zero is shown. A zero tells nobody anything about a person, since there is no one in it;
  this is the usual practice in statistical disclosure control, and hiding it would only make
  an empty cohort look like a small one.
- Secondary: a line of counts (the cohorts of a programme, the answers to one monitoring
  question) is shown beside its total, and the total less the shown counts is the sum of the
  hidden ones. So while any hidden count could still be worked out from that sum (one hidden
  cell alone, or several pinned by their bounds: a hidden small count is 1 to threshold - 1, a
  count hidden beside it is at least the threshold and at most the smallest count left
  shown), the smallest count still shown, other than zero, is hidden too ("not shown"). If
  no count is left to hide, the total is hidden instead.
- A rate or a mean is shown only when every count it is built from is shown.
- Aggregates beside a pooled whole (rater groups beside all raters, cohorts beside the
  programme's change) follow the same line rule on the number of people in each.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, Protocol, TypeVar

DEFAULT_THRESHOLD = 5
# Peers and direct reports rating one participant stay anonymous only in groups this large.
MIN_RATERS_IN_GROUP = 3

SMALL: Final = "small"
REVEALING: Final = "revealing"
Reason = Literal["", "small", "revealing"]


def hide(count: int, threshold: int | None) -> bool:
    """Whether a count is too small to show on its own: zero is shown, and so is all for staff."""
    return threshold is not None and 0 < count < threshold


@dataclass(frozen=True)
class Figure:
    """A count as one viewer may see it; `str()` is what a page shows, `shown` what the API does."""

    value: int
    threshold: int | None = None
    reason: Reason = ""

    @property
    def hidden(self) -> bool:
        return bool(self.reason)

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value

    def __str__(self) -> str:
        if self.reason == SMALL:
            return f"fewer than {self.threshold}"
        if self.reason == REVEALING:
            return "not shown"
        return str(self.value)


def count(value: int, threshold: int | None) -> Figure:
    """A count shown on its own, with no total or parts beside it."""
    return Figure(value, threshold, SMALL if hide(value, threshold) else "")


@dataclass(frozen=True)
class Line:
    """Counts shown beside their total, each as the viewer may see it."""

    cells: tuple[Figure, ...]
    total: Figure

    @property
    def suppressed(self) -> bool:
        return self.total.hidden or any(cell.hidden for cell in self.cells)


def suppress(cells: Sequence[int], threshold: int | None, revealing: Collection[int] = ()) -> Line:
    """The counts and their total (their sum) with small ones hidden, and enough more that none
    of those can be worked out from the total less the counts shown.

    `revealing` names counts (by position) that would give away a small figure shown elsewhere,
    such as a cohort's completers beside its participants: they are hidden whatever their size.
    """
    return _suppress(cells, [threshold] * len(cells), threshold, revealing)


def _suppress(
    cells: Sequence[int],
    limits: Sequence[int | None],
    threshold: int | None,
    revealing: Collection[int] = (),
) -> Line:
    """`suppress` where each count has its own threshold (`limits`), never below `threshold`."""
    total = count(sum(cells), threshold)
    pairs = zip(cells, limits, strict=True)
    reasons: list[Reason] = [SMALL if hide(c, t) else "" for c, t in pairs]
    if threshold is not None:
        for i in revealing:
            reasons[i] = reasons[i] or (REVEALING if cells[i] else "")
    if threshold is not None and not total.hidden:
        while _recoverable(cells, reasons, limits):
            candidates = [i for i, c in enumerate(cells) if c and not reasons[i]]
            if not candidates:
                total = Figure(total.value, threshold, REVEALING)
                break
            reasons[min(candidates, key=lambda i: cells[i])] = REVEALING
    figures = (Figure(c, t, r) for c, t, r in zip(cells, limits, reasons, strict=True))
    return Line(tuple(figures), total)


def _recoverable(
    cells: Sequence[int], reasons: Sequence[Reason], limits: Sequence[int | None]
) -> bool:
    """Whether the shown total pins any hidden count to one value, given what a reader knows:
    a small count lies between 1 and its threshold less one, a count hidden beside it between
    its threshold and the smallest count left shown."""
    hidden = [i for i, r in enumerate(reasons) if r]
    if not hidden:
        return False
    left_shown = [c for c, r in zip(cells, reasons, strict=True) if c and not r]
    room = sum(cells[i] for i in hidden)
    ceiling = min(left_shown, default=room)
    bounds = []
    for i in hidden:
        limit = limits[i] or 1
        bounds.append((1, limit - 1) if reasons[i] == SMALL else (limit, ceiling))
    lowest = sum(low for low, _ in bounds)
    highest = sum(high for _, high in bounds)
    for low, high in bounds:
        least = max(low, room - (highest - high))
        most = min(high, room - (lowest - low))
        if least >= most:
            return True
    return False


def suppress_table(rows: Sequence[Sequence[int]], threshold: int | None) -> list[Line]:
    """Each column of a table as a line beside its column total (rows are aligned records)."""
    columns = list(zip(*rows, strict=True)) if rows else []
    return [suppress(column, threshold) for column in columns]


# Aggregates (a mean, a change, an agreement share) carry the number of people behind them.


class Counted(Protocol):
    @property
    def n(self) -> int: ...


Aggregate = TypeVar("Aggregate", bound=Counted)
Key = TypeVar("Key")


@dataclass(frozen=True)
class Suppressed:
    """Stands in for a hidden aggregate; the API and exports carry it as `suppressed: true`."""

    threshold: int
    message: str
    suppressed: Literal[True] = True


def suppress_small(aggregate: Aggregate, threshold: int | None) -> Aggregate | Suppressed:
    """The aggregate itself, or Suppressed if built from fewer than `threshold` responses."""
    if threshold is not None and aggregate.n < threshold:
        return Suppressed(threshold, f"fewer than {threshold} responses")
    return aggregate


def hidden_with(part: Suppressed) -> Suppressed:
    """Stands in for a figure that, next to the ones shown, would give away a hidden part."""
    return Suppressed(part.threshold, f"hidden, as it would reveal a group of {part.message}")


def suppress_parts(
    parts: Mapping[Key, Aggregate], threshold: int | None, minimum: Mapping[Key, int] | None = None
) -> tuple[dict[Key, Aggregate | Suppressed], bool]:
    """Parts of a pooled whole that is shown too, and whether the whole must be hidden as well.

    A part is hidden below `threshold`, or below its own `minimum` where that is higher; then
    the line rule on the parts' counts hides the next smallest parts, or the whole.
    """
    if threshold is None:
        return dict(parts), False
    keys = list(parts)
    limits = [max(threshold, (minimum or {}).get(k, 0)) for k in keys]
    line = _suppress([parts[k].n for k in keys], limits, threshold)
    shown: dict[Key, Aggregate | Suppressed] = {}
    for key, limit, cell in zip(keys, limits, line.cells, strict=True):
        if cell.reason == SMALL:
            shown[key] = Suppressed(limit, f"fewer than {limit} responses")
        elif cell.reason == REVEALING:
            shown[key] = hidden_with(Suppressed(threshold, f"fewer than {threshold} responses"))
        else:
            shown[key] = parts[key]
    return shown, line.total.hidden


def rater_group_visible(rater_type: str, n_raters: int, minimum: int = MIN_RATERS_IN_GROUP) -> bool:
    """Whether one participant's ratings from a group of raters may be shown to them.

    The participant and their line manager are known anyway; peers and direct reports stay anonymous
    only in groups of `minimum` or more.
    """
    return rater_type in ("self", "manager") or n_raters >= minimum


def suppress_rater_group(
    aggregate: Aggregate, rater_type: str, threshold: int | None
) -> Aggregate | Suppressed:
    """Like `suppress_small`, but never below the anonymity minimum for peers and reports."""
    if threshold is None or rater_type == "manager":
        return suppress_small(aggregate, threshold)
    return suppress_small(aggregate, max(threshold, MIN_RATERS_IN_GROUP))


def threshold_for(exact: bool) -> int | None:
    """None for a viewer who sees every figure, else the site's `SMALL_NUMBER_THRESHOLD`.

    Django is imported here rather than at the top so the statistics engine can use the rest.
    """
    from django.conf import settings

    threshold: int = settings.SMALL_NUMBER_THRESHOLD
    return None if exact else threshold
