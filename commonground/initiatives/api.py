"""The API's read access to initiatives: one initiative with its people, indicators and values,
and the stories that may be used in reports.

Scoped as the pages are: the programme's staff, facilitators, participants and alumni, and the
people involved, may read an initiative.
"""

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema

from commonground.api.pagination import RowId
from commonground.directory.api import OrganisationRef

from .access import get_initiative
from .models import Indicator, Initiative, Involvement, NamedPerson, Story

router = Router()


class InvolvedOut(Schema):
    name: str
    role: str

    @staticmethod
    def resolve_name(obj: Involvement) -> str:
        return obj.person.name


class ValueOut(Schema):
    period_end: dt.date
    value: float
    note: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    definition: str
    higher_is_better: bool
    values: list[ValueOut]

    @staticmethod
    def resolve_values(obj: Indicator) -> Any:
        return obj.values.all()


class StoryOut(Schema):
    id: int
    title: str
    what_changed: str
    for_whom: str
    evidence: str
    written_on: dt.date


class InitiativeOut(Schema):
    id: int
    programme: str
    title: str
    summary: str
    status: str
    started_on: dt.date
    organisations: list[OrganisationRef]
    challenge_ids: list[int]
    people: list[InvolvedOut]
    indicators: list[IndicatorOut]
    stories: list[StoryOut]

    @staticmethod
    def resolve_programme(obj: Initiative) -> str:
        return obj.programme.slug

    @staticmethod
    def resolve_organisations(obj: Initiative) -> Any:
        return obj.organisations.all()

    @staticmethod
    def resolve_challenge_ids(obj: Initiative) -> list[int]:
        return [challenge.pk for challenge in obj.challenges.all()]

    @staticmethod
    def resolve_people(obj: Initiative) -> Any:
        return obj.involvements.all()

    @staticmethod
    def resolve_indicators(obj: Initiative) -> Any:
        return obj.indicators.all()

    @staticmethod
    def resolve_stories(obj: Initiative) -> list[Story]:
        """Only the stories everyone named has agreed to: the ones usable in reports."""
        return [story for story in obj.stories.all() if story.usable]


@router.get(
    "/initiatives/{initiative_id}",
    response=InitiativeOut,
    url_name="initiative",
    operation_id="get_initiative",
    tags=["Initiatives"],
    summary="Get one initiative with its indicators and usable stories",
)
def initiative(request: HttpRequest, initiative_id: RowId) -> Initiative:
    found = get_initiative(request, initiative_id).initiative
    return (
        Initiative.objects.select_related("programme")
        .prefetch_related(
            "organisations",
            "challenges",
            Prefetch("involvements", Involvement.objects.select_related("person")),
            Prefetch("indicators", Indicator.objects.prefetch_related("values")),
            Prefetch(
                "stories",
                Story.objects.prefetch_related(Prefetch("named_people", NamedPerson.objects.all())),
            ),
        )
        .get(pk=found.pk)
    )
