"""The applications list: filtered by status and paged in the database, at a fixed cost."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import Settings

from commonground.recruitment.models import Round, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant


def test_it_shows_only_the_status_chosen(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    make_applicant(first="Ada", status=Status.ENDORSED)
    make_applicant(first="Bea", status=Status.SUBMITTED)
    make_applicant(first="Cal", status=Status.SUBMITTED)
    url = reverse("recruitment:applications", args=[application_round.pk])
    body = world.client("staff").get(url, {"status": Status.SUBMITTED}).content.decode()
    assert "Bea Test" in body and "Cal Test" in body
    assert "Ada Test" not in body
    assert "2 applications" in body


def test_it_pages_the_applications_and_keeps_the_status_in_the_links(
    world: World,
    application_round: Round,
    make_applicant: MakeApplicant,
    settings: Settings,
) -> None:
    settings.PAGE_SIZE = 2
    for first in ("Ada", "Bea", "Cal"):
        make_applicant(first=first, status=Status.SUBMITTED)
    url = reverse("recruitment:applications", args=[application_round.pk])
    client = world.client("staff")
    first = client.get(url, {"status": Status.SUBMITTED}).content.decode()
    assert "Ada Test" in first and "Bea Test" in first and "Cal Test" not in first
    assert "3 applications, page 1 of 2" in first
    assert "?status=submitted&amp;page=2" in first
    second = client.get(url, {"status": Status.SUBMITTED, "page": "2"}).content.decode()
    assert "Cal Test" in second and "Ada Test" not in second


def test_an_unknown_status_shows_every_application(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    make_applicant(first="Ada", status=Status.ENDORSED)
    url = reverse("recruitment:applications", args=[application_round.pk])
    body = world.client("staff").get(url, {"status": "nonsense"}).content.decode()
    assert "Ada Test" in body


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_costs_the_same_whatever_the_number_of_applications(
    world: World,
    application_round: Round,
    make_applicant: MakeApplicant,
    django_assert_num_queries: DjangoAssertNumQueries,
    size: int,
) -> None:
    for _ in range(size):
        make_applicant(with_account=False)
    url = reverse("recruitment:applications", args=[application_round.pk])
    client = world.client("staff")
    client.get(url)
    # session, user, roles, person, the round; count, page, reviews
    with django_assert_num_queries(QUERIES):
        assert client.get(url, {"status": Status.ENDORSED}).status_code == 200


QUERIES = 8
