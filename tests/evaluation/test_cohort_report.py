# mypy: disable-error-code="union-attr"
# Results are Optional or possibly Suppressed; the assertions themselves fail the test if not.

"""The whole cohort report, built from plain instrument and response objects."""

import dataclasses
import json

import pytest

from commonground.evaluation.stats.cohort_report import ReportOptions, cohort_report
from commonground.evaluation.stats.instrument import (
    FreeTextQuestion,
    Indicator,
    Instrument,
    Scale,
    Statement,
    Theme,
)
from commonground.evaluation.stats.multiple import holm_adjust
from commonground.evaluation.stats.paired import PairedComparison, compare_paired
from commonground.evaluation.stats.raters import RaterGroup
from commonground.evaluation.stats.responses import Response
from commonground.lib.small_numbers import Suppressed

AGREE = Scale.likert(("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"))
INSTRUMENT = Instrument(
    title="Test programme",
    themes=(
        Theme(
            "collab",
            "Collaboration",
            (Indicator("c1", "I", "They", AGREE), Indicator("c2", "I", "They", AGREE)),
        ),
        Theme(
            "change",
            "Leading change",
            (Indicator("l1", "I", "They", AGREE), Indicator("l2", "I", "They", AGREE)),
        ),
    ),
    statements=(Statement("learnt", "I learnt valuable things", AGREE, "reaction"),),
    free_text=(FreeTextQuestion("useful", "What was useful?"),),
)
BASELINE = [
    (2, 3, 3, 2),
    (1, 2, 2, 2),
    (3, 3, 4, 3),
    (2, 2, 3, 1),
    (3, 4, 2, 2),
    (2, 1, 3, 3),
    (1, 1, 2, 2),
    (4, 3, 3, 3),
]
END = [
    (4, 4, 3, 3),
    (2, 3, 3, 3),
    (4, 5, 4, 4),
    (3, 3, 3, 2),
    (4, 4, 4, 4),
    (3, 2, 3, 3),
    (2, 3, 3, 2),
    (4, 4, 5, 4),
]
LOOKING_BACK = [
    (1, 2, 2, 2),
    (1, 2, 2, 1),
    (2, 3, 3, 3),
    (2, 2, 2, 1),
    (2, 3, 2, 2),
    (2, 1, 2, 3),
    (1, 1, 1, 1),
    (3, 3, 3, 3),
]
IDS = ("c1", "c2", "l1", "l2")


def self_row(person: int, wave: str, values: tuple[int, ...], **extra: float) -> Response:
    ratings: dict[str, float] = dict(zip(IDS, values, strict=True)) | extra
    return Response(f"p{person}", wave, "self", "2025", ratings)


def responses() -> list[Response]:
    rows = []
    for person in range(8):
        rows.append(self_row(person, "baseline", BASELINE[person]))
        rows.append(self_row(person, "end", END[person], learnt=5 - person % 3))
        rows.append(self_row(person, "end_before", LOOKING_BACK[person]))
        rows.append(Response(f"p{person}", "end", "manager", "2025", {"c1": 3}))
        rows.append(Response(f"p{person}", "end", "peer", "2025", {"c1": 2} if person < 2 else {}))
    rows.append(Response("p0", "end", "self", "2024", {}, {"useful": "The learning sets."}))
    return rows


def test_each_indicator_change_is_the_paired_comparison_of_its_self_ratings() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None))
    c1 = report.indicators[0]
    expected = compare_paired(
        {("2025", f"p{i}"): BASELINE[i][0] for i in range(8)},
        {("2025", f"p{i}"): END[i][0] for i in range(8)},
    )
    assert c1.change == expected
    assert c1.by_wave["baseline"].mean == pytest.approx(sum(b[0] for b in BASELINE) / 8)


def test_holm_adjusts_across_the_indicators_and_separately_across_the_themes() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None))
    for family in (report.indicators, report.themes):
        raw = [m.change.t_test.p for m in family]
        assert [m.change_p_holm for m in family] == pytest.approx(holm_adjust(raw))


def test_a_theme_score_is_each_persons_mean_of_the_themes_indicators() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None))
    collab = report.themes[0]
    assert collab.by_wave["end"].mean == pytest.approx(sum((e[0] + e[1]) / 2 for e in END) / 8)


def test_response_shift_compares_baseline_with_the_end_look_back() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None))
    shift = report.indicators[0].response_shift
    assert isinstance(shift, PairedComparison)
    assert shift.mean_change == pytest.approx(
        sum(lb[0] - b[0] for lb, b in zip(LOOKING_BACK, BASELINE, strict=True)) / 8
    )
    assert report.indicators[0].retrospective_change.mean_change == pytest.approx(
        sum(e[0] - lb[0] for e, lb in zip(END, LOOKING_BACK, strict=True)) / 8
    )


def test_it_compares_self_with_manager_and_peers_at_the_end() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None))
    raters = report.indicators[0].raters
    assert raters["manager"].n == 8 and raters["manager"].mean == pytest.approx(3)
    assert raters["manager"].self_minus_others == pytest.approx(sum(e[0] for e in END) / 8 - 3)
    assert raters["peer"].n == 2


def test_it_reports_agreement_response_rates_and_comment_counts() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None))
    learnt = report.statements[0].by_wave["end"]
    assert (learnt.n, learnt.agreeing) == (8, 6)
    rates = {(r.wave, r.rater_type): r for r in report.response_rates}
    assert (rates["end", "peer"].invited, rates["end", "peer"].responded) == (8, 2)
    assert report.comments == {"useful": 1}
    assert report.cohorts == ("2024", "2025")


def test_it_hides_small_numbers_and_keeps_them_out_of_the_json() -> None:
    report = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=5))
    peers = report.indicators[0].raters["peer"]
    assert isinstance(peers, Suppressed) and peers.message == "fewer than 5 responses"
    # Beside all others pooled, the next smallest group is hidden so peers cannot be worked out.
    manager = report.indicators[0].raters["manager"]
    assert isinstance(manager, Suppressed) and manager.message.startswith(
        "hidden, as it would reveal"
    )
    assert isinstance(report.indicators[0].raters["others"], RaterGroup)
    assert isinstance(report.indicators[0].raters["self"], RaterGroup)
    hidden = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=9))
    assert isinstance(hidden.indicators[0].change, Suppressed)
    assert hidden.indicators[0].change_p_holm is None
    text = json.dumps(dataclasses.asdict(hidden.indicators[0]), allow_nan=False)
    shown = json.loads(text)
    small = {"threshold": 9, "message": "fewer than 9 responses", "suppressed": True}
    assert shown["change"] == small
    assert shown["raters"]["peer"] == shown["raters"]["manager"] == small
    assert list(shown["by_wave"].values()) == [small] * len(shown["by_wave"])


def test_it_copes_with_an_instrument_nobody_answered() -> None:
    report = cohort_report(INSTRUMENT, [], ReportOptions(threshold=None))
    assert report.participants == 0
    assert report.indicators[0].change.n == 0
    assert report.indicators[0].change_p_holm is None
    assert report.response_rates == ()


def test_it_hides_the_next_smallest_cohort_when_one_is_too_small_to_show() -> None:
    newcomer = [
        Response("q1", "baseline", "self", "2026", {"c1": 2}),
        Response("q1", "end", "self", "2026", {"c1": 4}),
    ]
    rows = [*responses(), *newcomer]
    report = cohort_report(INSTRUMENT, rows, ReportOptions(threshold=5))
    by_cohort = report.indicators[0].by_cohort
    assert by_cohort["2026"] == Suppressed(5, "fewer than 5 responses")
    assert isinstance(by_cohort["2025"], Suppressed)
    assert by_cohort["2025"].message.startswith("hidden, as it would reveal")
    assert isinstance(by_cohort["2024"], PairedComparison)  # nobody rated themselves there
    assert isinstance(report.indicators[0].change, PairedComparison)


def test_a_few_who_rose_stayed_or_fell_are_hidden_with_whatever_would_give_them_away() -> None:
    # Of the 8 pairs on the first indicator, 7 rose and 1 stayed the same.
    exact = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=None)).indicators[0]
    assert isinstance(exact.change, PairedComparison)
    assert (exact.change.improved, exact.change.same, exact.change.fell) == (7, 1, 0)
    shown = cohort_report(INSTRUMENT, responses(), ReportOptions(threshold=5)).indicators[0]
    assert isinstance(shown.change, PairedComparison) and shown.change.n == 8
    # One who stayed is too few; 7 who rose beside 8 pairs would give that one away.
    assert (shown.change.improved, shown.change.same, shown.change.fell) == (None, None, 0)
    assert shown.change.share_improved is None and shown.change.share_same is None
    assert shown.change.share_fell == 0
    text = json.dumps(dataclasses.asdict(shown.change), allow_nan=False)
    assert '"improved": null' in text and '"same": null' in text
