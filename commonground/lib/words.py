"""Counts in plain English, "1 person", "2 people", for pages, emails, exports and commands alike.

Pure Python with no Django, so the grouping engine and the command-line tools use it too.
"""

from __future__ import annotations

IRREGULAR = {
    "activity": "activities",
    "is": "are",
    "person": "people",
    "person is": "people are",
    "this person": "these people",
    "was": "were",
}


def plural(number: int, singular: str, many: str | None = None) -> str:
    """The word for `number` of something: singular for exactly one, else its plural."""
    if number == 1:
        return singular
    return many or IRREGULAR.get(singular, f"{singular}s")


def count_of(number: int, singular: str, many: str | None = None) -> str:
    """A number and its word: count_of(1, "person") is "1 person", and of 3 "group" "3 groups"."""
    return f"{number} {plural(number, singular, many)}"


def period_of(days: int) -> str:
    """A number of days as people say it: "6 years" for 2190, "30 days" for 30."""
    if days >= 365 and days % 365 == 0:
        return count_of(days // 365, "year")
    return count_of(days, "day")
