"""The movement's figures for the board: what happens after the year, told by every app.

The board's movement dashboard (completed since the first cohort, alumni now more senior, mentoring
pairs, initiatives, network reach) lives below the apps that know each figure, so it never
imports them. Each app registers a provider here from its `AppConfig.ready()`; a provider answers
for one programme, as one viewer may see it, in a fixed number of queries, and returns the
figures it owns. Small numbers are the provider's to hide, through `lib/small_numbers.py`.

Beside the figures, an app may add a section of its own (initiatives and their indicators) with
`register_section`: plain headings, sentences, charts and tables, which the page and the PDF
draw alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from commonground.lib.charts import BarChart

from .models import Programme


@dataclass(frozen=True)
class MovementFigure:
    """One figure on the dashboard, with what it means, when it was true and how sure it is.

    `key` is stable: the API names the figure by it. `value` is what a page shows ("41%", "fewer
    than 5", "12"); `number` is the same figure for the API, None when hidden. `interval` says
    an estimate's 95% confidence interval in words ("95% CI 33% to 50%"), empty for a count.
    """

    key: str
    label: str
    value: str
    number: float | None
    definition: str
    as_of: dt.date
    interval: str = ""
    hidden: bool = False
    order: int = 100


Provider = Callable[[Programme, int | None, dt.date], list[MovementFigure]]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add an app's figures: `provider(programme, threshold, today)`; threshold None is staff."""
    if name in _providers:
        raise ImproperlyConfigured(f"Movement figures named {name!r} are already registered.")
    _providers[name] = provider


def movement_figures(
    programme: Programme, threshold: int | None, today: dt.date
) -> list[MovementFigure]:
    """Every registered figure for one programme, in the dashboard's order."""
    found = [
        figure
        for provider in _providers.values()
        for figure in provider(programme, threshold, today)
    ]
    return sorted(found, key=lambda figure: (figure.order, figure.key))


@dataclass(frozen=True)
class MovementTable:
    """A chart's figures, or any small table: the first column names each row."""

    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class MovementChart:
    """A chart with the same figures as a table, and a sentence saying what it shows."""

    note: str
    chart: BarChart
    table: MovementTable


@dataclass(frozen=True)
class MovementPart:
    """One item of a section (one initiative): a heading, sentences, charts with their tables,
    and sentences after them (its stories)."""

    heading: str
    sentences: list[str]
    charts: list[MovementChart]
    closing: list[str]
    link: str = ""  # where programme members read more; empty for board viewers


@dataclass(frozen=True)
class MovementSection:
    key: str
    title: str
    intro: str
    parts: list[MovementPart]
    order: int = 100


SectionProvider = Callable[[Programme, int | None, dt.date], MovementSection | None]

_sections: dict[str, SectionProvider] = {}


def register_section(name: str, provider: SectionProvider) -> None:
    """Add an app's section: `provider(programme, threshold, today)`, None when it has nothing."""
    if name in _sections:
        raise ImproperlyConfigured(f"A movement section named {name!r} is already registered.")
    _sections[name] = provider


def movement_sections(
    programme: Programme, threshold: int | None, today: dt.date
) -> list[MovementSection]:
    """Every registered section with something to say, in the dashboard's order."""
    found = [provider(programme, threshold, today) for provider in _sections.values()]
    return sorted((s for s in found if s is not None), key=lambda s: (s.order, s.key))
