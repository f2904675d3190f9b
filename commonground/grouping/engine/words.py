"""Counts in plain English: "1 person", "2 people", "in 1 group"."""

from __future__ import annotations

IRREGULAR = {"person": "people", "person is": "people are", "is": "are", "was": "were"}


def plural(number: int, singular: str, many: str | None = None) -> str:
    """The word for `number` of something: singular for exactly one, else its plural."""
    if number == 1:
        return singular
    return many or IRREGULAR.get(singular, f"{singular}s")


def count(number: int, singular: str, many: str | None = None) -> str:
    """A number and its word: count(1, "person") is "1 person", count(3, "group") "3 groups"."""
    return f"{number} {plural(number, singular, many)}"
