"""The progression report's figures on the board's movement dashboard: alumni now more senior,
with the interval, and the comparison with applicants who were not selected, all of them and
those scored just below the selection line."""

from __future__ import annotations

import datetime as dt

from commonground.programmes.models import Programme
from commonground.programmes.movement import MovementFigure

from .records import NEAR_LINE_POINTS, load
from .report import build

DEFINITION = (
    "Of the people who completed the programme and whose band when they started and now are "
    "known, the share whose most senior current post is on a more senior band of the "
    "programme's ladder than the post they held when their year began."
)
COMPARISON = (
    "The share of completers now more senior, less the same share among applicants who were "
    "not selected and never took a place, their band read at the start of the year they "
    "applied for. Newcombe's hybrid score interval. Not a causal effect: see the caveats in the "
    "progression report."
)
NEAR_LINE = (
    "As the difference from applicants not selected, against only those scored within {points} "
    "points below the lowest score offered a place in their round: the closest like-for-like "
    "group, and a small one. Newcombe's hybrid score interval. Not a causal effect."
)


def figures(programme: Programme, threshold: int | None, today: dt.date) -> list[MovementFigure]:
    report = build(load(programme, today), today, threshold)
    overall = report.overall
    comparison, near = report.comparisons
    return [
        MovementFigure(
            key="alumni_more_senior",
            label="Alumni now in a more senior role",
            value=overall.value,
            number=None if overall.interval is None else overall.interval.estimate,
            definition=DEFINITION,
            as_of=today,
            interval=overall.in_words,
            hidden=overall.hidden,
            order=20,
        ),
        MovementFigure(
            key="alumni_more_senior_than_applicants",
            label="Difference from applicants not selected",
            value=comparison.value,
            number=None if comparison.difference is None else comparison.difference.estimate,
            definition=COMPARISON,
            as_of=today,
            interval=comparison.interval_words,
            hidden=comparison.difference is None,
            order=21,
        ),
        MovementFigure(
            key="alumni_more_senior_than_near_line",
            label="Difference from applicants scored just below the selection line",
            value=near.value,
            number=None if near.difference is None else near.difference.estimate,
            definition=NEAR_LINE.format(points=NEAR_LINE_POINTS),
            as_of=today,
            interval=near.interval_words,
            hidden=near.difference is None,
            order=22,
        ),
    ]
