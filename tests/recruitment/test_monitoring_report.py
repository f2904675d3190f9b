"""Equality monitoring reaches staff only as totals, with small groups hidden."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonground.recruitment.models import EqualityResponse, Round
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant

CELL = '</th><td class="govuk-table__cell govuk-table__cell--numeric">'


def _report(world: World, application_round: Round) -> str:
    url = reverse("recruitment:equality_report", args=[application_round.pk])
    return world.client("staff").get(url).content.decode()


def test_small_groups_are_shown_as_fewer_than_five(world: World, application_round: Round) -> None:
    for _ in range(6):
        EqualityResponse.objects.create(round=application_round, sex="female", age_band="35_44")
    EqualityResponse.objects.create(round=application_round, sex="male", age_band="45_54")
    body = _report(world, application_round)
    assert f"Male{CELL}fewer than 5</td>" in body
    assert f"Not answered{CELL}0</td>" in body
    assert f"45 to 54{CELL}fewer than 5</td>" in body


def test_no_small_group_is_the_responses_less_the_groups_shown(
    world: World, application_round: Round
) -> None:
    for _ in range(6):
        EqualityResponse.objects.create(round=application_round, sex="female")
    EqualityResponse.objects.create(round=application_round, sex="male")
    body = _report(world, application_round)
    # Seven responses beside "Female 6" would tell everyone there is one man.
    assert "Responses: 7." in body
    assert f"Male{CELL}fewer than 5</td>" in body
    assert f"Female{CELL}not shown</td>" in body
    assert f"Not answered{CELL}0</td>" in body
    # Nobody answered the age question, which a reader may know: all seven is no small group.
    assert f"Not answered{CELL}7</td>" in body


def test_the_responses_are_hidden_when_nothing_else_could_hide_a_small_group(
    world: World, application_round: Round
) -> None:
    for _ in range(3):
        EqualityResponse.objects.create(round=application_round, sex="female")
    assert "Responses: fewer than 5." in _report(world, application_round)


def test_the_applications_page_runs_the_same_queries_for_more_applications(
    world: World,
    application_round: Round,
    make_applicant: MakeApplicant,
    django_assert_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    client = world.client("staff")
    url = reverse("recruitment:applications", args=[application_round.pk])
    client.get(url)
    make_applicant()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        make_applicant()
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
