"""Builds the evaluation reports from stored answers with the statistics library.

Every report runs a fixed number of queries: the waves, the instrument version (four), the
answers. Numbers are computed by `stats.cohort_report`; this module only gathers and arranges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from statistics import fmean

from django.db.models import QuerySet

from commonground.evaluation import stats
from commonground.lib.small_numbers import rater_group_visible
from commonground.programmes.models import Cohort, Enrolment

from .adapters import load_version
from .choices import LOOKED_BACK_LABEL, rater_group_label
from .models import (
    RATER_TYPE_LABELS,
    FreeTextQuestion,
    InstrumentVersion,
    Relationship,
    SurveyResponse,
    Wave,
    WaveKind,
)


def answers(cohort_ids: Iterable[int]) -> QuerySet[SurveyResponse]:
    return SurveyResponse.objects.filter(wave__cohort_id__in=list(cohort_ids)).select_related(
        "wave", "enrolment__cohort"
    )


def report_version(cohort_ids: Sequence[int]) -> InstrumentVersion | None:
    """The version the latest wave asked: its questions are the report's rows."""
    wave = Wave.objects.filter(cohort_id__in=cohort_ids).order_by("-opens_on", "-pk").first()
    return load_version(wave.version_id) if wave else None


# The participant's own report


@dataclass(frozen=True)
class OwnRow:
    """One theme or indicator in a participant's report: a value (or None) under each column."""

    title: str
    is_theme: bool
    values: list[float | None]


@dataclass(frozen=True)
class OwnReport:
    columns: list[str]
    rater_wave: str | None
    hidden_groups: list[tuple[str, int]]
    rows: list[OwnRow]
    answered_waves: int


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def own_report(enrolment: Enrolment, instrument: stats.Instrument) -> OwnReport:
    """Now against before against baseline, and how others see them, theme by theme.

    Peers and direct reports appear only as groups of 3 or more raters; a line manager is known
    to the participant anyway.
    """
    rows = list(
        SurveyResponse.objects.filter(enrolment=enrolment, submitted_at__isnull=False)
        .select_related("wave")
        .order_by("wave__opens_on", "pk")
    )
    own = {r.wave.kind: r for r in rows if r.rater_type == "self"}
    waves = [k for k in WaveKind.values if k in own]
    raters = [r for r in rows if r.rater_type != "self"]
    rater_wave = _rater_wave(raters)
    by_type: dict[str, list[SurveyResponse]] = defaultdict(list)
    for r in raters:
        if r.wave.kind == rater_wave:
            by_type[r.rater_type].append(r)
    shown = [
        t
        for t in ("manager", "peer", "direct_report")
        if t in by_type and rater_group_visible(t, len(by_type[t]))
    ]
    before = own[WaveKind.END].before_ratings if WaveKind.END in own else {}

    def values(score: Callable[[Mapping[str, float]], float | None]) -> list[float | None]:
        return [
            *[score(own[w].ratings) for w in waves],
            score(before) if before else None,
            *[_mean(score(r.ratings) for r in by_type[t]) for t in shown],
        ]

    out: list[OwnRow] = []
    for theme in instrument.themes:
        ids = [i.id for i in theme.indicators]
        out.append(OwnRow(theme.title, True, values(partial(_theme, ids=ids))))
        for indicator in theme.indicators:
            out.append(
                OwnRow(indicator.self_wording, False, values(partial(_one, key=indicator.id)))
            )
    columns = [
        *[WaveKind(w).label for w in waves],
        LOOKED_BACK_LABEL,
        *[_group_label(t, len(by_type[t])) for t in shown],
    ]
    return OwnReport(
        columns=columns,
        rater_wave=WaveKind(rater_wave).label if rater_wave else None,
        hidden_groups=[
            (RATER_TYPE_LABELS[t], len(rs)) for t, rs in by_type.items() if t not in shown
        ],
        rows=out,
        answered_waves=len(waves),
    )


def _theme(ratings: Mapping[str, float], ids: list[str]) -> float | None:
    return stats.theme_score(ratings, ids)


def _one(ratings: Mapping[str, float], key: str) -> float | None:
    return ratings.get(key)


def _group_label(rater_type: str, n: int) -> str:
    label = rater_group_label(rater_type, n)
    return label if rater_type == Relationship.MANAGER else f"{label} ({n})"


def _rater_wave(raters: list[SurveyResponse]) -> str | None:
    """The latest wave raters answered: the end, or the baseline until the end is in."""
    kinds = {r.wave.kind for r in raters}
    for kind in (WaveKind.END, WaveKind.BASELINE, WaveKind.MID):
        if kind in kinds:
            return str(kind)
    return None


# Free-text answers, for programme staff only


@dataclass(frozen=True)
class FreeTextAnswer:
    wave: str
    rater: str
    text: str


@dataclass(frozen=True)
class FreeTextQuestionAnswers:
    wording: str
    answers: list[FreeTextAnswer]


def free_text_answers(cohort: Cohort) -> list[FreeTextQuestionAnswers]:
    """Every free-text answer given about a cohort's participants, question by question.

    For programme staff only: free text may name people, so it never reaches the board,
    evaluators or their exports. Shown without the respondent's name. Two queries.
    """
    rows = list(
        SurveyResponse.objects.filter(
            wave__cohort=cohort, submitted_at__isnull=False, rater_type__in=list(RATER_TYPE_LABELS)
        )
        .order_by("wave__opens_on", "rater_type", "pk")
        .values_list("wave__kind", "rater_type", "version_id", "comments")
    )
    questions = FreeTextQuestion.objects.filter(
        version_id__in={version for _, _, version, _ in rows}
    ).order_by("version__number", "position", "pk")
    wording = {q.key: q.wording for q in questions}
    found: dict[str, list[FreeTextAnswer]] = {key: [] for key in wording}
    for kind, rater, _, comments in rows:
        for key, text in (comments or {}).items():
            if isinstance(text, str) and text.strip() and key in found:
                found[key].append(
                    FreeTextAnswer(WaveKind(kind).label, RATER_TYPE_LABELS[rater], text.strip())
                )
    return [FreeTextQuestionAnswers(wording[k], a) for k, a in found.items() if a]
