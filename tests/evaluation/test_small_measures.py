"""Theme scores, agreement, self against others, response rates and cohort trends."""

import pytest

from commonground.evaluation.stats.agreement import agreement
from commonground.evaluation.stats.raters import OTHERS, Rating, compare_raters
from commonground.evaluation.stats.response_rates import response_rates
from commonground.evaluation.stats.responses import Response
from commonground.evaluation.stats.theme_scores import theme_score
from commonground.evaluation.stats.trends import change_by_cohort


def test_a_theme_score_is_the_mean_of_the_answered_indicators() -> None:
    assert theme_score({"a": 2, "b": 4, "c": 3}, ["a", "b", "c", "d"]) == pytest.approx(3)


def test_a_theme_score_needs_the_minimum_share_answered() -> None:
    assert theme_score({"a": 2}, ["a", "b", "c"], min_share=0.5) is None
    assert theme_score({"a": 2, "b": 3}, ["a", "b", "c"], min_share=0.5) == pytest.approx(2.5)
    assert theme_score({}, ["a"], min_share=0) is None


def test_agreement_counts_the_top_two_boxes() -> None:
    result = agreement([1, 2, 3, 4, 5, 5, 4, 3], scale_maximum=5)
    assert (result.n, result.agreeing) == (8, 4)
    assert result.percent_agreeing == pytest.approx(50)
    assert result.mean == pytest.approx(27 / 8)


def test_agreement_top_boxes_can_be_changed() -> None:
    assert agreement([3, 4, 5], scale_maximum=5, top_boxes=1).agreeing == 1
    assert agreement([3, 4, 5], scale_maximum=5, top_boxes=3).agreeing == 3


def test_agreement_with_no_answers_has_no_percentage() -> None:
    assert agreement([], 5).percent_agreeing is None


def test_it_compares_self_ratings_with_each_rater_group() -> None:
    ratings = [
        Rating("ann", "self", 5),
        Rating("ann", "manager", 3),
        Rating("ann", "peer", 4),
        Rating("ann", "peer", 2),
        Rating("bob", "self", 3),
        Rating("bob", "peer", 4),
        Rating("cat", "peer", 1),
    ]
    groups = compare_raters(ratings)
    assert groups["self"].n == 2 and groups["self"].self_minus_others is None
    assert groups["manager"].self_minus_others == pytest.approx(2)
    peers = groups["peer"]
    assert (peers.n, peers.participants, peers.n_matched) == (4, 3, 2)
    assert peers.mean == pytest.approx(11 / 4)
    # ann: 5 - mean(4, 2) = 2; bob: 3 - 4 = -1; cat has no self-rating.
    assert peers.self_minus_others == pytest.approx(0.5)
    assert groups[OTHERS].n == 5


def test_response_rates_count_every_participant_as_asked_to_self_assess() -> None:
    responses = [
        Response("ann", "baseline", "self", ratings={"a": 3}),
        Response("bob", "baseline", "self", ratings={"a": 4}),
        Response("ann", "end", "self", ratings={"a": 4}),
        Response("ann", "end", "peer", ratings={"a": 4}),
        Response("ann", "end", "peer"),
    ]
    rates = {(r.wave, r.rater_type): r for r in response_rates(responses)}
    assert (rates["end", "self"].invited, rates["end", "self"].responded) == (2, 1)
    assert rates["end", "peer"].rate == pytest.approx(0.5)
    assert ("baseline", "peer") not in rates


def test_change_by_cohort_keeps_each_cohort_apart() -> None:
    before = {("2024", "p1"): 2, ("2024", "p2"): 3, ("2025", "p1"): 1}
    after = {("2024", "p1"): 3, ("2024", "p2"): 5, ("2025", "p1"): 4}
    changes = change_by_cohort(before, after)
    assert list(changes) == ["2024", "2025"]
    assert changes["2024"].mean_change == pytest.approx(1.5)
    assert changes["2025"].n == 1
