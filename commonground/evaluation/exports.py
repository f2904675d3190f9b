"""The evaluators' export: every answer of a programme, pseudonymised, read row by row.

No names, emails or free text (which may name people) leave in this file. Unless the asker is
programme staff, peers' and direct reports' answers about one participant in one wave leave only
in groups large enough to keep each rater anonymous, as on the reports. Knowing a group's size
needs every answer first, so the answers are read twice, each time as a stream: once to count
the groups (a counter per participant, wave and rater type, far fewer than the answers), once
to write the rows. Memory does not grow with the answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from django.http import HttpRequest

from commonground.evaluation import stats
from commonground.exports.registry import Params, Sheet, register
from commonground.lib.access import Level, load_viewer, require
from commonground.lib.small_numbers import rater_group_visible
from commonground.programmes.models import Cohort, Role

from .access import report_programme
from .adapters import pseudonym, stats_instrument, stats_responses
from .reports import answers, report_version

CHUNK = 2000
FIXED_HEADERS = ["respondent", "wave", "rater_type", "cohort"]

Group = tuple[str, str, str]


@dataclass
class _Groups:
    """How many rows, and how many with answers, each participant's wave and rater type has."""

    rows: Counter[Group] = field(default_factory=Counter)
    answered: Counter[Group] = field(default_factory=Counter)

    def visible(self, group: Group, exact: bool) -> bool:
        return exact or rater_group_visible(group[2], self.answered[group])


def _responses(cohort_ids: list[int]) -> Iterator[stats.Response]:
    stored = answers(cohort_ids).order_by("wave__opens_on", "pk").iterator(chunk_size=CHUNK)
    for row in stored:
        yield from stats_responses([row])


def _plain(value: float | None) -> object:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def programme_answers(request: HttpRequest, params: Params) -> Sheet:
    """For programme staff (every answer) and the programme's evaluators (rater groups hidden
    below the threshold)."""
    programme = report_programme(request, params["programme"])
    viewer = load_viewer(request)
    level = viewer.programme_level(programme.pk)
    if not viewer.has_role(programme.pk, Role.EVALUATOR):
        require(level, Level.WRITE)
    exact = level >= Level.WRITE
    groups = _Groups()

    @cache
    def cohort_ids() -> list[int]:
        return list(
            Cohort.objects.filter(programme=programme)
            .order_by("starts_on", "pk")
            .values_list("pk", flat=True)
        )

    @cache
    def instrument() -> stats.Instrument | None:
        version = report_version(cohort_ids())
        return stats_instrument(version) if version else None

    def questions() -> list[str]:
        found = instrument()
        if found is None:
            return []
        return [i.id for i in found.indicators] + [s.id for s in found.statements]

    def count() -> int:
        if instrument() is None:
            return 0
        for response in _responses(cohort_ids()):
            group = (response.respondent, response.wave, response.rater_type)
            groups.rows[group] += 1
            if response.ratings:
                groups.answered[group] += 1
        return sum(n for group, n in groups.rows.items() if groups.visible(group, exact))

    def rows() -> Iterator[list[object]]:
        if instrument() is None:
            return
        asked = questions()
        for response in _responses(cohort_ids()):
            group = (response.respondent, response.wave, response.rater_type)
            if not groups.visible(group, exact):
                continue
            code = pseudonym(int(response.respondent))
            fixed: list[object] = [code, response.wave, response.rater_type, response.cohort]
            yield fixed + [_plain(response.ratings.get(q)) for q in asked]

    return Sheet(
        f"Evaluation {programme.name}",
        f"evaluation-{programme.slug}",
        lambda: FIXED_HEADERS + questions(),
        rows,
        count,
    )


def register_exports() -> None:
    register("evaluation.answers", programme_answers)
