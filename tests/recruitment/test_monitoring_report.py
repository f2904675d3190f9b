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


def test_small_groups_are_shown_as_fewer_than_five(world: World, round: Round) -> None:
    for _ in range(6):
        EqualityResponse.objects.create(round=round, sex="female")
    EqualityResponse.objects.create(round=round, sex="male")
    body = (
        world.client("staff")
        .get(reverse("recruitment:equality_report", args=[round.pk]))
        .content.decode()
    )
    assert "Responses: 7." in body
    cell = '</th><td class="govuk-table__cell govuk-table__cell--numeric">'
    assert f"Female{cell}6</td>" in body
    assert f"Male{cell}fewer than 5</td>" in body


def test_the_applications_page_runs_the_same_queries_for_more_applications(
    world: World,
    round: Round,
    make_applicant: MakeApplicant,
    django_assert_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    client = world.client("staff")
    url = reverse("recruitment:applications", args=[round.pk])
    client.get(url)
    make_applicant()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        make_applicant()
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
