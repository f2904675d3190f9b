"""The API's initiative: its people, indicators with values, and only the usable stories."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from commonground.accounts.models import ApiToken
from tests.conftest import World
from tests.initiatives.helpers import Initiatives


def _get(world: World, role: str, pk: int) -> tuple[int, Any]:
    token = ApiToken.issue(world.users[role], "tests")[1]
    url = reverse("api:initiative", kwargs={"initiative_id": pk})
    response = Client().get(url, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json()


def test_an_alumnus_reads_the_initiative_with_its_values_and_usable_stories(
    world: World, made: Initiatives
) -> None:
    status, body = _get(world, "alumnus", made.initiative.pk)
    assert status == 200
    assert body["people"] == [{"name": "Alex Alumnus", "role": "leads"}]
    [indicator] = body["indicators"]
    assert [v["value"] for v in indicator["values"]] == [42.0, 37.0, 30.5]
    assert [s["title"] for s in body["stories"]] == ["One front door"]


def test_outsiders_do_not_learn_it_exists(world: World, made: Initiatives) -> None:
    assert _get(world, "board", made.initiative.pk)[0] == 404
    assert _get(world, "board", made.initiative.pk + 1000)[0] == 404
