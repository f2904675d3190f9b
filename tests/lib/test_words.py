"""Counted words read right for one and for many, in code and in templates alike."""

from __future__ import annotations

from django.template import Context, Template

from commonground.lib.words import count_of, period_of, plural


def test_it_counts_regular_and_irregular_words() -> None:
    assert count_of(1, "participant") == "1 participant"
    assert count_of(0, "participant") == "0 participants"
    assert count_of(2, "person") == "2 people"
    assert count_of(3, "activity") == "3 activities"
    assert count_of(4, "child", "children") == "4 children"


def test_it_gives_the_word_alone_for_verbs() -> None:
    assert plural(1, "is") == "is"
    assert plural(5, "is") == "are"
    assert plural(2, "meets", "meet") == "meet"


def test_templates_count_with_the_same_words() -> None:
    page = Template(
        '{{ one|count_of:"person" }}; {{ many|count_of:"person" }}; '
        '{{ many|count_of:"activity was,activities were" }}; {{ one|plural:"meets,meet" }}'
    ).render(Context({"one": 1, "many": 3}))
    assert page == "1 person; 3 people; 3 activities were; meets"


def test_retention_periods_read_as_people_say_them() -> None:
    assert [period_of(days) for days in (2190, 365, 1095, 730, 30, 400, 1)] == [
        "6 years",
        "1 year",
        "3 years",
        "2 years",
        "30 days",
        "400 days",
        "1 day",
    ]
