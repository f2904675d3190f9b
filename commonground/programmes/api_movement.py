"""The API's read access to the board's movement dashboard: every figure by its key, or one.

The same figures as the page (`dashboard.py`): a hidden figure's `number` is null with `hidden`
true, for board viewers and evaluators.
"""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from .dashboard import dashboard
from .movement import MovementFigure

router = Router()


class FigureOut(Schema):
    key: str
    label: str
    value: str
    number: float | None
    hidden: bool
    interval: str
    definition: str
    as_of: dt.date


class MovementOut(Schema):
    programme: str
    as_of: dt.date
    threshold: int | None
    figures: dict[str, FigureOut]


def _out(figure: MovementFigure) -> FigureOut:
    return FigureOut(
        key=figure.key,
        label=figure.label,
        value=figure.value,
        number=None if figure.hidden else figure.number,
        hidden=figure.hidden,
        interval=figure.interval,
        definition=figure.definition,
        as_of=figure.as_of,
    )


@router.get(
    "/programmes/{slug}/movement",
    response=MovementOut,
    url_name="programme-movement",
    operation_id="get_programme_movement",
    tags=["Movement"],
    summary="Every figure on a programme's movement dashboard, by key",
)
def programme_movement(request: HttpRequest, slug: str) -> MovementOut:
    """For the programme's staff, facilitators, evaluators and board viewers; small numbers are
    hidden from the last two (`number` null, `hidden` true)."""
    board = dashboard(request, slug, sections=False)
    return MovementOut(
        programme=board.programme.slug,
        as_of=board.today,
        threshold=board.threshold,
        figures={figure.key: _out(figure) for figure in board.figures},
    )


@router.get(
    "/programmes/{slug}/movement/{key}",
    response=FigureOut,
    url_name="programme-movement-figure",
    operation_id="get_programme_movement_figure",
    tags=["Movement"],
    summary="One figure of a programme's movement dashboard",
)
def programme_movement_figure(request: HttpRequest, slug: str, key: str) -> FigureOut:
    board = dashboard(request, slug, sections=False)
    for figure in board.figures:
        if figure.key == key:
            return _out(figure)
    raise Http404("No figure has that key.")
