"""What the progression report works out about a person, for the subject access export: their
moves on the seniority ladder, read from the posts the directory holds."""

from __future__ import annotations

import itertools

from commonground.directory.models import Band, Person, Post
from commonground.lib.personal_data import Holding, Row, register


def _moves(person: Person) -> list[Row]:
    posts = list(
        Post.objects.filter(person=person, held_alongside=False)
        .select_related("organisation")
        .order_by("started_on", "pk")
    )
    return [
        {
            "From": f"{before.title}, {before.organisation.name}",
            "To": f"{after.title}, {after.organisation.name}",
            "On": after.started_on,
            "Move": _move(before.band, after.band),
        }
        for before, after in itertools.pairwise(posts)
    ]


def _move(before: str, after: str) -> str:
    if Band.rank(after) < Band.rank(before):
        return "More senior"
    if Band.rank(after) > Band.rank(before):
        return "Less senior"
    return "Same band"


def register_holdings() -> None:
    register(
        Holding(
            "progression.moves",
            "Progression",
            "Moves on the seniority ladder",
            "To count, without names, how many leaders move into more senior roles after the "
            "programme.",
            (),
            _moves,
        )
    )
