"""Which counts are hidden, and that none can be worked out from a total shown beside it."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from commonground.evaluation.stats.summary import summarise
from commonground.lib.small_numbers import (
    Figure,
    Line,
    Suppressed,
    count,
    hide,
    suppress,
    suppress_parts,
)


def texts(line: Line) -> list[str]:
    return [str(cell) for cell in line.cells]


def test_it_hides_four_and_shows_five() -> None:
    assert hide(4, 5) and not hide(5, 5)
    assert str(count(4, 5)) == "fewer than 5"
    assert str(count(5, 5)) == "5"


def test_it_shows_zero_since_it_is_about_nobody() -> None:
    assert not hide(0, 5)
    assert str(count(0, 5)) == "0"
    assert count(0, 5).shown == 0


def test_it_shows_staff_every_figure() -> None:
    line = suppress([1, 2, 30], None)
    assert texts(line) == ["1", "2", "30"] and str(line.total) == "33"
    assert not line.suppressed


def test_a_page_and_the_api_read_the_same_decision() -> None:
    small = count(3, 5)
    assert (str(small), small.shown, small.hidden) == ("fewer than 5", None, True)
    assert (str(count(12, 5)), count(12, 5).shown) == ("12", 12)


def test_it_hides_the_next_smallest_count_beside_a_shown_total() -> None:
    line = suppress([20, 3, 9, 0, 14], 5)
    assert texts(line) == ["20", "fewer than 5", "not shown", "0", "14"]
    assert str(line.total) == "46"
    assert line.suppressed


def test_it_never_hides_a_zero_to_cover_a_small_count() -> None:
    line = suppress([0, 2, 8], 5)
    assert texts(line) == ["0", "fewer than 5", "not shown"]


def test_it_hides_more_while_the_hidden_counts_are_pinned_by_their_bounds() -> None:
    # Two hidden counts of 1 add up to 2, which only 1 + 1 can make.
    line = suppress([1, 1, 9, 30], 5)
    assert texts(line) == ["fewer than 5", "fewer than 5", "not shown", "30"]


def test_it_hides_the_total_when_no_count_is_left_to_hide() -> None:
    line = suppress([3, 0], 5)
    assert texts(line) == ["fewer than 5", "0"]
    assert (str(line.total), line.total.shown) == ("fewer than 5", None)
    line = suppress([4, 4], 5)  # 8 can only be 4 + 4
    assert texts(line) == ["fewer than 5", "fewer than 5"]
    assert (str(line.total), line.total.shown) == ("not shown", None)


def test_it_shows_a_line_with_nothing_small_in_full() -> None:
    line = suppress([5, 0, 12], 5)
    assert texts(line) == ["5", "0", "12"] and str(line.total) == "17"
    assert not line.suppressed


def test_a_figure_says_why_it_is_hidden() -> None:
    assert str(Figure(7, 5, "revealing")) == "not shown"
    assert Figure(7, 5, "revealing").shown is None


def test_parts_beside_a_pooled_whole_hide_the_next_smallest_part() -> None:
    parts = {
        "manager": summarise([3, 4, 4, 5, 3, 4]),
        "peer": summarise([4, 4]),
        "direct_report": summarise([2, 3, 4, 5, 5, 4, 3]),
    }
    shown, whole_hidden = suppress_parts(parts, 5, {"peer": 3, "direct_report": 3})
    assert shown["peer"] == Suppressed(5, "fewer than 5 responses")
    assert isinstance(shown["manager"], Suppressed)
    assert shown["manager"].message.startswith("hidden, as it would reveal")
    assert shown["direct_report"] is parts["direct_report"]
    assert not whole_hidden


def test_parts_are_all_shown_to_staff() -> None:
    parts = {"a": summarise([4]), "b": summarise([3, 4, 5, 4, 4])}
    assert suppress_parts(parts, None) == (parts, False)


lines = st.tuples(
    st.integers(min_value=3, max_value=7),
    st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=5),
)


@settings(deadline=None)
@given(lines)
def test_no_hidden_count_is_the_total_less_the_shown_counts(case: tuple[int, list[int]]) -> None:
    threshold, cells = case
    line = suppress(cells, threshold)
    hidden = [cell for cell in line.cells if cell.hidden]
    if line.total.hidden or not hidden:
        return
    left = line.total.value - sum(cell.value for cell in line.cells if not cell.hidden)
    assert len(hidden) >= 2
    assert all(cell.value != left for cell in hidden)


@settings(deadline=None)
@given(lines)
def test_no_hidden_count_can_be_pinned_from_what_a_reader_sees(
    case: tuple[int, list[int]],
) -> None:
    """A reader knows the total, the shown counts, that a small count lies between 1 and the
    threshold less one, and that a count hidden beside it is at least the threshold and at most
    the smallest count left shown. Every hidden count must still have two possible values."""
    threshold, cells = case
    line = suppress(cells, threshold)
    hidden = [i for i, cell in enumerate(line.cells) if cell.hidden]
    assert all(cell.value for cell in line.cells if cell.hidden)
    assert [c.value for c in line.cells if not c.hidden and hide(c.value, threshold)] == []
    if line.total.hidden or not hidden:
        return
    shown = [cell.value for cell in line.cells if not cell.hidden]
    left = line.total.value - sum(shown)
    ceiling = min((v for v in shown if v), default=left)
    ranges = [
        range(1, threshold) if line.cells[i].reason == "small" else range(threshold, ceiling + 1)
        for i in hidden
    ]
    possible: list[set[int]] = [set() for _ in hidden]
    for values in itertools.product(*ranges):
        if sum(values) == left:
            for seen, value in zip(possible, values, strict=True):
                seen.add(value)
    assert all(len(seen) >= 2 for seen in possible)


def test_the_statistics_engine_can_use_it_without_django() -> None:
    code = (
        "import sys, commonground.evaluation.stats, commonground.lib.small_numbers; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
