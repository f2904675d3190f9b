"""One person's career as the progression report sees it, worked out from their posts alone.

No queries here: the report's loader (`records.py`) hands in each person's posts, the day their
year (or, for an applicant, the year they applied for) began, and the day they completed it (for
an applicant, the day that year ended), and gets back where they started on the seniority
ladder, where they are now, and how long after completing they first moved up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from commonground.directory.models import Band

DAYS_A_YEAR = 365.25


@dataclass(frozen=True)
class Held:
    """A post as the report needs it: its band, its dates, and the last day its holder said it
    was still right (the yearly question answered yes, or an edit), if they ever did."""

    band: str
    started_on: dt.date
    ended_on: dt.date | None
    known_on: dt.date | None = None


@dataclass(frozen=True)
class Career:
    """Where a person started and is now on the ladder (rank 0 is most senior; None when not
    known); the years from completing to their first more senior post, if any; and the years
    from completing to the last day their record is known to be right."""

    start_rank: int | None
    now_rank: int | None
    moved_up_after: float | None
    followed_for: float

    @property
    def known(self) -> bool:
        return self.start_rank is not None and self.now_rank is not None

    @property
    def more_senior_now(self) -> bool:
        return self.known and self.now_rank < self.start_rank  # type: ignore[operator]


def _years(start: dt.date, end: dt.date) -> float:
    return max((end - start).days, 0) / DAYS_A_YEAR


def _most_senior(posts: Sequence[Held]) -> int | None:
    return min((Band.rank(post.band) for post in posts), default=None)


def last_known(posts: Sequence[Held], today: dt.date) -> dt.date | None:
    """The last day the record is known to be right: a post began or ended, its holder confirmed
    it or changed it. Never after today (a post can be entered with a future end)."""
    days = [
        day
        for post in posts
        for day in (post.started_on, post.ended_on, post.known_on)
        if day is not None
    ]
    return min(max(days), today) if days else None


def career(
    posts: Sequence[Held],
    start: dt.date,
    completed: dt.date,
    today: dt.date,
    band_at_start: str = "",
) -> Career:
    """Rank at `start` (the post held that day, else the band they gave then), rank now (the
    posts they still hold), and the first post begun after `start` on a more senior band,
    counted from `completed`. A move up during the year itself counts as at completion (0)."""
    held_then = [
        p for p in posts if p.started_on <= start and (p.ended_on is None or p.ended_on >= start)
    ]
    start_rank = _most_senior(held_then)
    if start_rank is None and band_at_start:
        start_rank = Band.rank(band_at_start)
    now_rank = _most_senior([p for p in posts if p.ended_on is None])
    moved_up_after = None
    if start_rank is not None:
        later = sorted(
            (p for p in posts if p.started_on > start and Band.rank(p.band) < start_rank),
            key=lambda p: p.started_on,
        )
        if later:
            moved_up_after = _years(completed, later[0].started_on)
    # Not moved up yet: censored on the last day the record is known to be right, because a
    # record nobody has touched since says nothing about whether they have moved up since.
    known_until = last_known(posts, today) or completed
    return Career(start_rank, now_rank, moved_up_after, _years(completed, known_until))
