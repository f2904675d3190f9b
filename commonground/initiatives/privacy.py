"""What the initiatives app holds about a person, for the subject access export."""

from __future__ import annotations

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import Initiative, Involvement, Story

PURPOSE = "To tell the partnership what alumni changed together, and who to ask about it."


def _involvements(person: Person) -> list[Row]:
    involvements = Involvement.objects.filter(person=person).select_related("initiative")
    return [
        {
            "Initiative": involvement.initiative.title,
            "Role": involvement.get_role_display(),
            "Started": involvement.initiative.started_on,
        }
        for involvement in involvements
    ]


def _stories(person: Person) -> list[Row]:
    stories = Story.objects.filter(author=person).select_related("initiative")
    return [
        {
            "Initiative": story.initiative.title,
            "Title": story.title,
            "What changed": story.what_changed,
            "For whom": story.for_whom,
            "Evidence": story.evidence,
            "Written": story.written_on,
        }
        for story in stories
    ]


def register_holdings() -> None:
    for key, title, models, rows in (
        (
            "initiatives.involvements",
            "Initiatives the person works on",
            (Initiative, Involvement),
            _involvements,
        ),
        ("initiatives.stories", "Stories the person wrote", (Story,), _stories),
    ):
        register(Holding(key, "Initiatives", title, PURPOSE, models, rows))
