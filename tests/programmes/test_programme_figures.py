"""A programme's figures as the board sees them: nothing about fewer than 5 people follows from
them, by subtracting a column from its total or completers from participants."""

from __future__ import annotations

from dataclasses import dataclass

from commonground.programmes.figures import programme_table


@dataclass(frozen=True)
class Counts:
    pk: int
    participants: int
    completed: int
    finished: bool = True


YEARS = [Counts(1, 43, 40), Counts(2, 44, 44), Counts(3, 45, 38), Counts(4, 46, 30, False)]


def test_completers_that_would_give_away_a_few_non_completers_are_hidden() -> None:
    table = programme_table(YEARS, threshold=5)
    first = table.cohorts[0]
    # 43 took part and 40 completed would show that 3 did not.
    assert str(first.participants) == "43" and str(first.completed) == "not shown"
    assert first.completion_rate == "Not shown (small numbers)"
    # With one cohort's completers hidden beside a shown total, another is hidden too.
    shown = [c.completed for c in table.cohorts]
    assert sum(1 for figure in shown if figure.hidden) >= 2
    assert str(table.completed) == "152"
    # 7 of the third cohort did not complete: enough to show.
    assert str(table.cohorts[2].completed) in ("38", "not shown")


def test_the_programme_total_of_completers_is_hidden_when_few_did_not_complete() -> None:
    table = programme_table([Counts(1, 20, 18), Counts(2, 30, 30)], threshold=5)
    assert str(table.participants) == "50"
    assert table.completed.hidden


def test_staff_see_every_figure() -> None:
    table = programme_table(YEARS, threshold=None)
    assert [str(c.completed) for c in table.cohorts] == ["40", "44", "38", "30"]
    assert table.cohorts[0].completion_rate == "93%"
