"""The whole cohort evaluation report as plain data, from an instrument and its responses."""

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from commonground.evaluation.stats.agreement import Agreement, agreement
from commonground.evaluation.stats.instrument import Instrument, Theme
from commonground.evaluation.stats.multiple import holm_adjust
from commonground.evaluation.stats.paired import PairedComparison, compare_pairs
from commonground.evaluation.stats.raters import OTHERS, RaterGroup, compare_rater_table
from commonground.evaluation.stats.report_input import Pairs, ReportInput
from commonground.evaluation.stats.response_rates import ResponseRate
from commonground.evaluation.stats.responses import WAVES, Response
from commonground.evaluation.stats.summary import Summary, summarise
from commonground.evaluation.stats.theme_scores import theme_score
from commonground.evaluation.stats.trends import change_by_cohort_of
from commonground.lib.small_numbers import (
    DEFAULT_THRESHOLD,
    MIN_RATERS_IN_GROUP,
    Suppressed,
    hidden_with,
    suppress,
    suppress_parts,
    suppress_rater_group,
    suppress_small,
)

Score = Callable[[Mapping[str, float]], float | None]


@dataclass(frozen=True)
class ReportOptions:
    """Choices behind a report; threshold None shows every number (programme staff only)."""

    threshold: int | None = DEFAULT_THRESHOLD
    before_wave: str = "baseline"
    after_wave: str = "end"
    retrospective_wave: str = "end_before"
    rater_wave: str = "end"
    top_boxes: int = 2
    min_theme_share: float = 0.5
    confidence: float = 0.95


@dataclass(frozen=True)
class MeasureResult:
    """What the self-ratings and 360 ratings say about one indicator or theme.

    `change` runs from the before wave to the after wave (baseline to end);
    `response_shift` from baseline to the retrospective "before" rating given
    at the end (negative: people now think they started lower than they
    said); `retrospective_change` from that "before" to "now" at the end.
    `change_p_holm` is the t-test p adjusted across the report's indicators
    (or across its themes).
    """

    id: str
    title: str
    theme_id: str
    by_wave: dict[str, Summary | Suppressed]
    change: PairedComparison | Suppressed
    change_p_holm: float | None
    response_shift: PairedComparison | Suppressed
    retrospective_change: PairedComparison | Suppressed
    raters: dict[str, RaterGroup | Suppressed]
    by_cohort: dict[str, PairedComparison | Suppressed]


@dataclass(frozen=True)
class StatementResult:
    """Agreement with one reaction or outcome statement at each wave it was asked."""

    id: str
    wording: str
    kind: str
    by_wave: dict[str, Agreement | Suppressed]


@dataclass(frozen=True)
class CohortReport:
    """The answer to "did it work?" for one cohort (or several, compared)."""

    title: str
    options: ReportOptions
    cohorts: tuple[str, ...]
    participants: int
    indicators: tuple[MeasureResult, ...]
    themes: tuple[MeasureResult, ...]
    statements: tuple[StatementResult, ...]
    response_rates: tuple[ResponseRate, ...]
    comments: dict[str, int]


@dataclass(frozen=True)
class _Measure:
    id: str
    title: str
    theme_id: str
    score: Score


@dataclass(frozen=True)
class _Computed:
    measure: _Measure
    by_wave: dict[str, Summary]
    change: PairedComparison
    response_shift: PairedComparison
    retrospective_change: PairedComparison
    raters: dict[str, RaterGroup]
    by_cohort: dict[str, PairedComparison]


def cohort_report(
    instrument: Instrument, responses: Iterable[Response], options: ReportOptions | None = None
) -> CohortReport:
    """Compute every figure of the report, hiding small numbers as `options.threshold` asks."""
    options = options or ReportOptions()
    return report_from(instrument, gather(instrument, responses, options), options)


def gather(
    instrument: Instrument, responses: Iterable[Response], options: ReportOptions
) -> ReportInput:
    """What the report needs from the responses, in one pass (they may be streamed)."""
    indicators, themes = _measures(instrument, options)
    return ReportInput.of(
        [m.score for m in (*indicators, *themes)],
        [s.id for s in instrument.statements],
        options.rater_wave,
        responses,
    )


def report_from(
    instrument: Instrument, gathered: ReportInput, options: ReportOptions
) -> CohortReport:
    """The report from responses gathered with `gather` (or fed one by one to its result)."""
    indicators, themes = _measures(instrument, options)
    return CohortReport(
        title=instrument.title,
        options=options,
        cohorts=tuple(sorted(gathered.cohorts)),
        participants=gathered.participant_count,
        indicators=_family(indicators, 0, gathered, options),
        themes=_family(themes, len(indicators), gathered, options),
        statements=tuple(
            _statement(s.id, s.wording, s.kind, s.scale.maximum, gathered, options)
            for s in instrument.statements
        ),
        response_rates=gathered.response_rates(),
        comments={q.id: gathered.comments[q.id] for q in instrument.free_text},
    )


def _measures(
    instrument: Instrument, options: ReportOptions
) -> tuple[list[_Measure], list[_Measure]]:
    """The indicators, then the themes; `ReportInput` keeps their scores in this order."""
    indicators = [
        _Measure(i.id, i.self_wording, theme.id, _indicator_score(i.id))
        for theme in instrument.themes
        for i in theme.indicators
    ]
    themes = [
        _Measure(t.id, t.title, t.id, _theme_score(t, options.min_theme_share))
        for t in instrument.themes
    ]
    return indicators, themes


def _indicator_score(indicator_id: str) -> Score:
    return lambda ratings: ratings.get(indicator_id)


def _theme_score(theme: Theme, min_share: float) -> Score:
    ids = [i.id for i in theme.indicators]
    return lambda ratings: theme_score(ratings, ids, min_share)


def _family(
    measures: Sequence[_Measure], first: int, gathered: ReportInput, options: ReportOptions
) -> tuple[MeasureResult, ...]:
    """Results for a family of measures, with Holm's adjustment across the family."""
    computed = [_compute(m, first + n, gathered, options) for n, m in enumerate(measures)]
    p_values = [c.change.t_test.p if c.change.t_test else None for c in computed]
    adjusted = holm_adjust(p_values)
    return tuple(_present(c, p, options.threshold) for c, p in zip(computed, adjusted, strict=True))


def _compute(
    measure: _Measure, index: int, gathered: ReportInput, options: ReportOptions
) -> _Computed:
    by_wave = {}
    for wave in WAVES:
        values = gathered.wave_scores(wave, index)
        if values is not None:
            by_wave[wave] = summarise(values)
    confidence = options.confidence

    def compared(first: str, second: str) -> PairedComparison:
        return _compare(gathered.pairs(first, second, index), confidence)

    before, after = options.before_wave, options.after_wave
    change = gathered.pairs(before, after, index)
    return _Computed(
        measure=measure,
        by_wave=by_wave,
        change=_compare(change, confidence),
        response_shift=compared(before, options.retrospective_wave),
        retrospective_change=compared(options.retrospective_wave, after),
        raters=compare_rater_table(*gathered.rater_table(index)),
        by_cohort=change_by_cohort_of(gathered.cohort_names, change, confidence),
    )


def _compare(pairs: Pairs, confidence: float) -> PairedComparison:
    return compare_pairs(pairs.before, pairs.after, pairs.n_incomplete, confidence)


def _hide_directions(
    change: PairedComparison | Suppressed, threshold: int | None
) -> PairedComparison | Suppressed:
    """How many rose, stayed and fell are counts beside the pairs shown: a few who fell, say,
    are hidden, with whatever else would give them away."""
    if threshold is None or isinstance(change, Suppressed):
        return change
    counts = (change.improved or 0, change.same or 0, change.fell or 0)
    line = suppress(counts, threshold)
    if not line.suppressed:
        return change
    improved, same, fell = (None if cell.hidden else cell.value for cell in line.cells)
    return dataclasses.replace(
        change,
        improved=improved,
        same=same,
        fell=fell,
        share_improved=change.share_improved if improved is not None else None,
        share_same=change.share_same if same is not None else None,
        share_fell=change.share_fell if fell is not None else None,
    )


def _present(computed: _Computed, p_holm: float | None, threshold: int | None) -> MeasureResult:
    measure = computed.measure
    by_cohort, overall_hidden = suppress_parts(computed.by_cohort, threshold)
    change = _hide_directions(suppress_small(computed.change, threshold), threshold)
    if overall_hidden and not isinstance(change, Suppressed):
        change = hidden_with(next(p for p in by_cohort.values() if isinstance(p, Suppressed)))
    return MeasureResult(
        id=measure.id,
        title=measure.title,
        theme_id=measure.theme_id,
        by_wave={w: suppress_small(s, threshold) for w, s in computed.by_wave.items()},
        change=change,
        change_p_holm=None if isinstance(change, Suppressed) else p_holm,
        response_shift=suppress_small(computed.response_shift, threshold),
        retrospective_change=suppress_small(computed.retrospective_change, threshold),
        raters=_hide_raters(computed.raters, threshold),
        by_cohort=by_cohort,
    )


def _hide_raters(
    groups: dict[str, RaterGroup], threshold: int | None
) -> dict[str, RaterGroup | Suppressed]:
    """Hide small rater groups, and beside the pooled "others" whatever would give them away."""
    parts = {t: g for t, g in groups.items() if t not in ("self", OTHERS)}
    minimum = {t: MIN_RATERS_IN_GROUP for t in parts if t != "manager"}
    shown, pooled_hidden = suppress_parts(parts, threshold, minimum)
    hidden = [g for g in shown.values() if isinstance(g, Suppressed)]
    result: dict[str, RaterGroup | Suppressed] = dict(shown)
    if "self" in groups:
        result["self"] = suppress_rater_group(groups["self"], "self", threshold)
    if OTHERS in groups:
        others = suppress_rater_group(groups[OTHERS], OTHERS, threshold)
        if pooled_hidden and not isinstance(others, Suppressed):
            others = hidden_with(hidden[0])
        result[OTHERS] = others
    return {t: result[t] for t in groups}


def _statement(
    statement_id: str,
    wording: str,
    kind: str,
    scale_maximum: float,
    gathered: ReportInput,
    options: ReportOptions,
) -> StatementResult:
    by_wave: dict[str, Agreement | Suppressed] = {}
    for wave in WAVES:
        answers = gathered.statement_answers(statement_id, wave)
        if answers:
            summary = agreement(answers, scale_maximum, options.top_boxes)
            by_wave[wave] = suppress_small(summary, options.threshold)
    return StatementResult(statement_id, wording, kind, by_wave)
