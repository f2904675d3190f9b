"""Initiatives on the board's movement dashboard: their figures, and a section with each one.

Counts of people (those involved) pass through `lib/small_numbers.py`; counts of initiatives and
organisations are not about people and are shown as they are. Only stories that everyone named
has agreed to appear. Each function runs a fixed number of queries whatever the programme's size.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.urls import reverse

from commonground.lib.charts import BarChart, figure
from commonground.lib.small_numbers import count, suppress
from commonground.lib.words import count_of
from commonground.programmes.models import EnrolmentStatus, Programme
from commonground.programmes.movement import (
    MovementChart,
    MovementFigure,
    MovementPart,
    MovementSection,
    MovementTable,
)

from .models import (
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativeStatus,
    Involvement,
    InvolvementRole,
    NamedPerson,
    Story,
    period_label,
)

ORDER = 40


def figures(programme: Programme, threshold: int | None, today: dt.date) -> list[MovementFigure]:
    """How many initiatives, how many alumni take part in them, and how many organisations."""
    initiatives = Initiative.objects.filter(programme=programme)
    under_way = initiatives.filter(status=InitiativeStatus.ACTIVE).count()
    total = initiatives.count()
    alumni = (
        Involvement.objects.filter(
            initiative__programme=programme,
            person__enrolments__cohort__programme=programme,
            person__enrolments__status=EnrolmentStatus.COMPLETED,
        )
        .values("person_id")
        .distinct()
        .count()
    )
    organisations = (
        initiatives.filter(organisations__isnull=False).values("organisations").distinct().count()
    )
    people = count(alumni, threshold)
    return [
        MovementFigure(
            key="initiatives",
            label="Initiatives alumni lead or take part in",
            value=str(total),
            number=total,
            definition=(
                "Joined-up pieces of work across organisations that the programme's alumni or "
                f"participants lead or take part in, as recorded by programme staff: {under_way} "
                f"under way and {total - under_way} ended."
            ),
            as_of=today,
            order=ORDER,
        ),
        MovementFigure(
            key="alumni_in_initiatives",
            label="Alumni involved in initiatives",
            value=str(people),
            number=people.shown,
            definition=(
                "People who completed the programme and lead or take part in at least one of "
                "its initiatives, each counted once."
            ),
            as_of=today,
            hidden=people.hidden,
            order=ORDER + 1,
        ),
        MovementFigure(
            key="initiative_organisations",
            label="Organisations working together in initiatives",
            value=str(organisations),
            number=organisations,
            definition=(
                "Organisations named as involved in at least one initiative, each counted once."
            ),
            as_of=today,
            order=ORDER + 2,
        ),
    ]


def indicator_chart(
    indicator: Indicator, values: list[IndicatorValue]
) -> tuple[BarChart, MovementTable]:
    """The indicator's values oldest first, as a chart and as the table beside it."""
    title = f"{indicator.name} ({indicator.unit})"
    chart = BarChart(
        title=title,
        rows=[(period_label(v.period_end), float(v.value)) for v in values],
        unit=indicator.unit,
    )
    table = MovementTable(
        caption=f"{title}: the figures",
        headers=("Period ending", indicator.unit.capitalize()),
        rows=[(f"{v.period_end:%-d %b %Y}", figure(float(v.value))) for v in values],
    )
    return chart, table


def trend(indicator: Indicator, values: list[IndicatorValue]) -> str:
    """The latest value beside the first, in words, and whether that is the way wanted."""
    if not values:
        return f"{indicator.name}: no values yet."
    first, last = values[0], values[-1]
    latest = (
        f"{indicator.name}: {figure(float(last.value))} {indicator.unit} in the period to "
        f"{last.period_end:%-d %B %Y}"
    )
    if len(values) == 1 or first.value == last.value:
        return latest + "."
    rose = last.value > first.value
    better = rose == indicator.higher_is_better
    return (
        f"{latest}, {'up' if rose else 'down'} from {figure(float(first.value))} in the period "
        f"to {first.period_end:%-d %B %Y} ({'the way wanted' if better else 'not the way wanted'})."
    )


def _people(involvements: list[Involvement], threshold: int | None) -> str:
    """Those leading and taking part beside their total, as one line of the small-number rule,
    so a hidden count cannot be worked out from the others."""
    leads = sum(1 for i in involvements if i.role == InvolvementRole.LEADS)
    line = suppress([leads, len(involvements) - leads], threshold)
    leading, taking_part = line.cells
    return (
        f"People of the programme involved: {line.total} "
        f"(leading it: {leading}; taking part: {taking_part})."
    )


def _part(initiative: Initiative, threshold: int | None) -> MovementPart:
    status = initiative.get_status_display().lower()
    sentences = [
        initiative.summary,
        f"{status.capitalize()}, started {initiative.started_on:%B %Y}.",
    ]
    sentences.append(_people(list(initiative.involvements.all()), threshold))
    organisations = [o.label for o in initiative.organisations.all()]
    if organisations:
        sentences.append(
            f"{count_of(len(organisations), 'organisation')} involved: {', '.join(organisations)}."
        )
    challenges = [c.title for c in initiative.challenges.all()]
    if challenges:
        sentences.append(
            "It grew out of the 100-day challenge"
            + ("s " if len(challenges) > 1 else " ")
            + ", ".join(f"“{title}”" for title in challenges)
            + "."
        )
    charts = []
    for indicator in initiative.indicators.all():
        values = list(indicator.values.all())
        if values:
            charts.append(
                MovementChart(trend(indicator, values), *indicator_chart(indicator, values))
            )
        else:
            sentences.append(trend(indicator, values))
    closing = []
    stories = list(initiative.stories.all())
    for story in (s for s in stories if s.usable):
        closing.append(f"Story, “{story.title}”: {story.what_changed} For whom: {story.for_whom}")
    waiting = sum(1 for s in stories if not s.usable)
    if waiting and threshold is None:
        closing.append(
            f"{count_of(waiting, 'story')} {'waits' if waiting == 1 else 'wait'} for the consent "
            "of someone named, so not shown to the board."
        )
    link = reverse("initiatives:initiative", args=[initiative.pk]) if threshold is None else ""
    return MovementPart(initiative.title, sentences, charts, closing, link)


def section(programme: Programme, threshold: int | None, today: dt.date) -> MovementSection | None:
    """Each initiative with its people, organisations, indicators and usable stories."""
    initiatives = list(
        Initiative.objects.filter(programme=programme)
        .prefetch_related(
            "organisations",
            "challenges",
            "involvements",
            Prefetch("indicators", Indicator.objects.prefetch_related("values")),
            Prefetch(
                "stories",
                Story.objects.prefetch_related(Prefetch("named_people", NamedPerson.objects.all())),
            ),
        )
        .order_by("status", "title", "pk")
    )
    if not initiatives:
        return None
    return MovementSection(
        key="initiatives",
        title="Initiatives and their outcomes",
        intro=(
            "The joined-up work the programme's alumni lead or take part in, with the indicators "
            "each one tracks and the stories told by the people involved. Stories appear only "
            "once everyone they name has agreed."
        ),
        parts=[_part(initiative, threshold) for initiative in initiatives],
        order=ORDER,
    )
