"""The year of a cohort at a glance, and what a participant has to do next, told by every app.

The home page lives in programmes, which sits below recruitment, grouping, challenges and
evaluation, so it never imports them. Each of those apps registers a part of the year here from
its `AppConfig.ready()` (in its own `year.py`): the steps it owns (the round, the groupings, the
survey waves, the showcase), what needs attention in them, counted, and the tasks waiting for a
participant (a survey to answer). Programmes registers its own part (cohort days, completion) the
same way. Every part answers for all the cohorts at once in a fixed number of queries, so the
home costs the same whatever the number of cohorts or people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.text import slugify

from commonground.lib.words import plural

from .models import Cohort


class Status(Enum):
    """Where a step of the year stands, with the words and tag the task list shows."""

    DONE = ("Done", "")
    IN_PROGRESS = ("In progress", "govuk-tag--light-blue")
    NOT_YET = ("Not yet", "")
    ATTENTION = ("Needs attention", "govuk-tag--red")

    def __init__(self, label: str, tag: str) -> None:
        self.label = label
        self.tag = tag

    @property
    def slug(self) -> str:
        return self.label.lower().replace(" ", "-")

    @property
    def status_class(self) -> str:
        """The task list's grey "cannot start yet" look, for steps not due yet."""
        return "govuk-task-list__status--cannot-start-yet" if self is Status.NOT_YET else ""


# Where each step sits in the year, so the task list reads in the order the year runs.
ROUND_OPENS = 10
ROUND_CLOSES = 20
SELECTION = 30
OFFERS = 40
COHORT_DAYS = 50
GROUPINGS = 60
SURVEYS = 70
SHOWCASE = 80
COMPLETION = 90


@dataclass(frozen=True)
class Step:
    """One step of a cohort's year: its status, a line about it, and the next thing to do."""

    cohort_id: int
    order: int
    title: str
    status: Status
    hint: str = ""
    link: str = ""  # the page where the next thing is done; empty when there is nothing to do
    action: str = ""  # the words of that link, when they say more than the title


@dataclass(frozen=True)
class Attention:
    """Something to act on in one cohort, counted: "4 participants at risk of not completing"."""

    cohort_id: int
    count: int
    singular: str  # "participant at risk of not completing"
    many: str  # "participants at risk of not completing"
    link: str
    kind: str = ""  # names the kind across cohorts when the words differ between them

    @property
    def words(self) -> str:
        return f"{self.count} {plural(self.count, self.singular, self.many)}"

    @property
    def slug(self) -> str:
        return self.kind or slugify(self.singular)


# The staff home names this many cohorts for each kind of attention; its own page has the rest.
FIRST_FEW = 3


@dataclass
class Concern:
    """One kind of attention across cohorts: every cohort it is found in, most first."""

    slug: str
    lines: list[tuple[Cohort, Attention]]

    @property
    def total(self) -> int:
        return sum(line.count for _, line in self.lines)

    @property
    def words(self) -> str:
        first = self.lines[0][1]
        return f"{self.total} {plural(self.total, first.singular, first.many)}"

    @property
    def first_few(self) -> list[tuple[Cohort, Attention]]:
        return self.lines[:FIRST_FEW]

    @property
    def more(self) -> int:
        return max(len(self.lines) - FIRST_FEW, 0)


@dataclass
class Findings:
    """What one part of the year says about a set of cohorts."""

    steps: list[Step] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    """Something waiting for a participant: a survey to answer, say."""

    title: str
    hint: str
    link: str
    due: dt.date | None = None


# The cohorts a part is asked about: a list, or a query, which a part filters by as a subquery.
Cohorts = Sequence[Cohort] | QuerySet[Cohort]
# A part: the cohorts (with their programme loaded) and the time now, to what it finds.
Part = Callable[[Cohorts, dt.datetime], Findings]
# What needs attention in these cohorts, without the steps: for the cohorts a page counts but does
# not show. A part that registers none is asked for its findings and its steps left unread.
AttentionPart = Callable[[Cohorts, dt.datetime], list[Attention]]
# Tasks: the participant's person id, their current cohorts' ids and the time now.
Tasks = Callable[[int, set[int], dt.datetime], list[Task]]
# A sponsor's tasks: their person id and the time now.
SponsorTasks = Callable[[int, dt.datetime], list[Task]]
# What is on for alumni: their person id, the ids of the programmes they completed, the time now.
AlumniNews = Callable[[int, set[int], dt.datetime], list[Task]]

_parts: dict[str, Part] = {}
_attention: dict[str, AttentionPart] = {}
_tasks: dict[str, Tasks] = {}
_sponsor_tasks: dict[str, SponsorTasks] = {}
_alumni_news: dict[str, AlumniNews] = {}


def register(
    name: str,
    part: Part | None = None,
    tasks: Tasks | None = None,
    sponsor_tasks: SponsorTasks | None = None,
    alumni_news: AlumniNews | None = None,
    attention: AttentionPart | None = None,
) -> None:
    """Register an app's part of the year and what it asks of participants and sponsors, once
    each, by the app's name."""
    if any(name in registry for registry in (_parts, _tasks, _sponsor_tasks, _alumni_news)):
        raise ImproperlyConfigured(f"A part of the year named {name!r} is already registered.")
    if part is not None:
        _parts[name] = part
    if attention is not None:
        _attention[name] = attention
    if tasks is not None:
        _tasks[name] = tasks
    if sponsor_tasks is not None:
        _sponsor_tasks[name] = sponsor_tasks
    if alumni_news is not None:
        _alumni_news[name] = alumni_news


@dataclass
class CohortYear:
    """One cohort's task list, or (from `concerns_in`) the things in it that need attention."""

    cohort: Cohort
    steps: list[Step]
    attention: list[Attention] = field(default_factory=list)

    @property
    def next_step(self) -> Step | None:
        """The first step, in the year's order, that needs attention or has something to do."""
        for wanted in (Status.ATTENTION, Status.IN_PROGRESS, Status.NOT_YET):
            for step in self.steps:
                if step.status is wanted and step.link:
                    return step
        return None


def cohort_years(cohorts: Cohorts, now: dt.datetime) -> list[CohortYear]:
    """Each cohort's task list, in the order given, from every registered part (what needs
    attention is `concerns_in`'s).

    Given a query rather than a list, each part sends it as a subquery, so however many cohorts
    it selects no query carries a list of their ids.
    """
    steps: dict[int, list[Step]] = {cohort.pk: [] for cohort in cohorts}
    if cohorts:
        for part in _parts.values():
            for step in part(cohorts, now).steps:
                steps[step.cohort_id].append(step)
    return [
        CohortYear(cohort, sorted(steps[cohort.pk], key=lambda step: step.order))
        for cohort in cohorts
    ]


def concerns_in(cohorts: QuerySet[Cohort], now: dt.datetime) -> list[Concern]:
    """What needs attention across these cohorts, as `concerns` finds it in their years, without
    building their steps. The cohorts are read once, and sent to each part as a subquery."""
    shown = list(cohorts)
    found: dict[int, list[Attention]] = {cohort.pk: [] for cohort in shown}
    if shown:
        for name, part in _parts.items():
            asked = _attention.get(name)
            lines = asked(cohorts, now) if asked else part(cohorts, now).attention
            for line in lines:
                if line.count:
                    found[line.cohort_id].append(line)
    return concerns([CohortYear(cohort, [], found[cohort.pk]) for cohort in shown])


def concerns(years: Sequence[CohortYear]) -> list[Concern]:
    """What needs attention across these years, by kind, in the order the kinds first appear;
    within a kind the cohorts with most first."""
    found: dict[str, list[tuple[Cohort, Attention]]] = {}
    for year in years:
        for line in year.attention:
            found.setdefault(line.slug, []).append((year.cohort, line))
    return [
        Concern(slug, sorted(lines, key=lambda pair: -pair[1].count))
        for slug, lines in found.items()
    ]


def participant_tasks(person_id: int, cohort_ids: set[int], now: dt.datetime) -> list[Task]:
    """Everything waiting for this participant, soonest due first."""
    found = [task for tasks in _tasks.values() for task in tasks(person_id, cohort_ids, now)]
    return sorted(found, key=lambda task: (task.due or dt.date.max, task.title))


def sponsor_tasks(person_id: int, now: dt.datetime) -> list[Task]:
    """Everything waiting for this sponsor (endorsements), soonest due first."""
    found = [task for tasks in _sponsor_tasks.values() for task in tasks(person_id, now)]
    return sorted(found, key=lambda task: (task.due or dt.date.max, task.title))


def alumni_news(person_id: int, programme_ids: set[int], now: dt.datetime) -> list[Task]:
    """What is on for alumni of these programmes (an open application round, say)."""
    found = [news for told in _alumni_news.values() for news in told(person_id, programme_ids, now)]
    return sorted(found, key=lambda task: (task.due or dt.date.max, task.title))
