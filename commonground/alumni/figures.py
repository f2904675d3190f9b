"""The network's figures for the board's movement dashboard: alumni in the network, and asks
answered. Small numbers are hidden through lib/small_numbers.py."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from commonground.lib.small_numbers import count
from commonground.programmes.models import EnrolmentStatus, Programme
from commonground.programmes.movement import MovementFigure

from .models import Post, PostKind, Profile


def provider(programme: Programme, threshold: int | None, today: dt.date) -> list[MovementFigure]:
    """Two figures in two queries."""
    joined = (
        Profile.objects.filter(
            listed=True,
            person__enrolments__cohort__programme=programme,
            person__enrolments__status=EnrolmentStatus.COMPLETED,
        )
        .values("person_id")
        .distinct()
        .count()
    )
    asks = Post.objects.filter(
        programme=programme, kind=PostKind.ASK, hidden_at__isnull=True
    ).aggregate(
        total=Count("pk", distinct=True),
        answered=Count("pk", distinct=True, filter=Q(replies__isnull=False)),
    )
    in_network = count(joined, threshold)
    total, answered = count(asks["total"], threshold), count(asks["answered"], threshold)
    share_hidden = total.hidden or answered.hidden or not asks["total"]
    share = "" if share_hidden else f" ({round(100 * asks['answered'] / asks['total'])}%)"
    return [
        MovementFigure(
            key="alumni_in_network",
            label="Alumni in the network",
            value=str(in_network),
            number=in_network.shown,
            definition=(
                "Alumni who completed the programme and chose to be listed in the alumni directory."
            ),
            as_of=today,
            hidden=in_network.hidden,
            order=60,
        ),
        MovementFigure(
            key="asks_answered",
            label="Asks answered",
            value=f"{answered} of {total}{share}",
            number=answered.shown,
            definition=(
                "Asks for help posted to the alumni network that at least one person answered, "
                "of all asks posted (hidden posts left out)."
            ),
            as_of=today,
            hidden=answered.hidden or total.hidden,
            order=61,
        ),
    ]
