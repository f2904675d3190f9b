"""The Kaplan-Meier curve against the textbook table for the 6-MP arm of Freireich's trial
(Gehan 1965; Kleinbaum and Klein, Survival Analysis, chapter 2)."""

from commonground.progression.survival import Follow, kaplan_meier

WEEKS = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
RELAPSED = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def test_it_matches_the_textbook_table() -> None:
    steps = kaplan_meier([Follow(w, bool(r)) for w, r in zip(WEEKS, RELAPSED, strict=True)])
    table = [(s.years, s.at_risk, s.moved_up, round(s.not_yet, 4)) for s in steps]
    assert table == [
        (6, 21, 3, 0.8571),
        (7, 17, 1, 0.8067),
        (10, 15, 1, 0.7529),
        (13, 12, 1, 0.6902),
        (16, 11, 1, 0.6275),
        (22, 7, 1, 0.5378),
        (23, 6, 1, 0.4482),
    ]


def test_people_not_yet_moved_up_are_censored_not_counted_as_never() -> None:
    # One of two moved up at year 1; the other is followed only half a year, so is not at risk.
    steps = kaplan_meier([Follow(1.0, True), Follow(0.5, False)])
    assert [(s.at_risk, s.moved_up, s.share_moved_up) for s in steps] == [(1, 1, 1.0)]


def test_nobody_moved_up_gives_no_steps() -> None:
    assert kaplan_meier([Follow(2.0, False)]) == []
