"""The directory in Django's admin: each list searches and filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from commonground.directory.models import Band, Post
from tests.conftest import World


@pytest.mark.parametrize(
    ("model", "params", "shown"),
    [
        ("organisation", {"q": "police"}, "Essex Police"),
        ("organisation", {"sector": "Local government"}, "Essex County Council"),
        ("person", {"q": "pat.participant"}, "pat.participant@example.org"),
        ("person", {"organisation__area": "Essex"}, "alex.alumnus@example.org"),
        ("post", {"q": "inspector"}, "0 posts"),
    ],
)
def test_the_admin_lists_search_and_filter(
    world: World, model: str, params: dict[str, str], shown: str
) -> None:
    url = reverse(f"admin:directory_{model}_changelist")
    response = world.client("admin").get(url, params)
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_the_admin_shows_a_persons_posts(world: World) -> None:
    Post.objects.create(
        person=world.participant_person,
        organisation=world.other_organisation,
        title="Chief Inspector",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2020, 4, 1),
    )
    url = reverse("admin:directory_person_change", args=[world.participant_person.pk])
    body = world.client("admin").get(url).content.decode()
    assert 'value="Chief Inspector"' in body
