# mypy: disable-error-code="union-attr"
# Results are Optional or possibly Suppressed; the assertions themselves fail the test if not.

"""Hiding figures built from few people."""

from commonground.evaluation.stats.agreement import agreement
from commonground.evaluation.stats.raters import RaterGroup
from commonground.evaluation.stats.summary import summarise
from commonground.lib.small_numbers import (
    Suppressed,
    rater_group_visible,
    suppress_rater_group,
    suppress_small,
)


def group(rater_type: str, n: int) -> RaterGroup:
    return RaterGroup(rater_type, n, n, 3.0, n, 0.5)


def test_it_hides_an_aggregate_of_fewer_than_five_by_default_message() -> None:
    hidden = suppress_small(summarise([3, 4, 5, 4]), 5)
    assert hidden == Suppressed(5, "fewer than 5 responses")


def test_it_shows_an_aggregate_of_exactly_the_threshold() -> None:
    summary = summarise([3, 4, 5, 4, 2])
    assert suppress_small(summary, 5) is summary


def test_it_uses_the_threshold_it_is_given() -> None:
    summary = agreement([4, 5, 3, 5, 4, 4], 5)
    assert isinstance(suppress_small(summary, 10), Suppressed)
    assert suppress_small(summary, 10).message == "fewer than 10 responses"


def test_it_shows_everything_to_programme_staff() -> None:
    summary = summarise([4])
    assert suppress_small(summary, None) is summary


def test_it_shows_a_line_manager_alone_but_peers_only_in_threes() -> None:
    assert rater_group_visible("manager", 1)
    assert not rater_group_visible("peer", 2)
    assert rater_group_visible("peer", 3)
    assert not rater_group_visible("direct_report", 2)


def test_it_never_lets_a_low_threshold_expose_fewer_than_three_peers() -> None:
    assert isinstance(suppress_rater_group(group("peer", 2), "peer", 2), Suppressed)
    assert isinstance(suppress_rater_group(group("others", 2), "others", 1), Suppressed)
    assert not isinstance(suppress_rater_group(group("manager", 2), "manager", 2), Suppressed)
    assert not isinstance(suppress_rater_group(group("peer", 2), "peer", None), Suppressed)
