"""The programme's own figure on the movement dashboard: how many have completed since the first
cohort, each person counted once, from the completion records (completed enrolments)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q

from commonground.lib.small_numbers import count

from .models import Cohort, EnrolmentStatus, Programme
from .movement import MovementFigure


def completed_since_first_cohort(
    programme: Programme, threshold: int | None, today: dt.date
) -> list[MovementFigure]:
    found = Cohort.objects.filter(programme=programme).aggregate(
        first=Min("starts_on"),
        people=Count(
            "enrolments__person",
            filter=Q(enrolments__status=EnrolmentStatus.COMPLETED),
            distinct=True,
        ),
    )
    people = count(found["people"], threshold)
    since = f"since the first cohort began in {found['first']:%B %Y}" if found["first"] else ""
    return [
        MovementFigure(
            key="completed",
            label=f"Completed the programme {since}".strip(),
            value=str(people),
            number=people.shown,
            definition=(
                f"People whose completion of {programme.name} is confirmed, in any cohort "
                f"{since or 'so far'}, each counted once. People who withdrew, deferred or are "
                "still on the programme are not counted."
            ),
            as_of=today,
            hidden=people.hidden,
            order=10,
        )
    ]
