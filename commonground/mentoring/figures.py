"""Mentoring's figures for the board's movement dashboard: the pairs introduced this year and
since the programme began, each hidden when it is a small number."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from commonground.lib.small_numbers import count
from commonground.programmes.models import Programme
from commonground.programmes.movement import MovementFigure

from .models import Match, MatchStatus

INTRODUCED = (MatchStatus.PUBLISHED, MatchStatus.ENDED)


def movement_figures(
    programme: Programme, threshold: int | None, today: dt.date
) -> list[MovementFigure]:
    year_ago = today - dt.timedelta(days=365)
    totals = Match.objects.filter(
        request__enrolment__cohort__programme=programme,
        status__in=INTRODUCED,
        published_at__isnull=False,
    ).aggregate(
        ever=Count("pk"),
        this_year=Count("pk", filter=Q(published_at__date__gt=year_ago)),
    )
    found = []
    for key, label, number, definition, order in (
        (
            "mentoring_pairs_this_year",
            "Mentoring pairs this year",
            totals["this_year"],
            "Alumni introduced as mentors to participants in the last 12 months.",
            60,
        ),
        (
            "mentoring_pairs_since_start",
            "Mentoring pairs since the start",
            totals["ever"],
            "Every pair of an alumnus mentor and a participant the programme has introduced.",
            61,
        ),
    ):
        figure = count(int(number), threshold)
        found.append(
            MovementFigure(
                key=key,
                label=label,
                value=str(figure),
                number=figure.shown,
                definition=definition,
                as_of=today,
                hidden=figure.hidden,
                order=order,
            )
        )
    return found
