"""The API's read access to challenges: a cohort's list, and one challenge with its teams."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from commonground.accounts.models import ApiToken
from tests.challenges.helpers import Challenges
from tests.conftest import World


def _api(world: World, role: str, url: str) -> tuple[int, Any]:
    token = ApiToken.issue(world.users[role], "test")[1]
    response = world.client("anonymous").get(url, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json()


def test_the_api_lists_a_cohorts_challenges(world: World, made: Challenges) -> None:
    url = reverse("api:cohort-challenges", kwargs={"cohort_id": world.cohort.pk})
    status, body = _api(world, "participant", url)
    assert status == 200
    assert [item["title"] for item in body["items"]] == ["Hospital discharge", "Rough sleeping"]


def test_the_api_gives_a_challenge_with_its_teams(world: World, made: Challenges) -> None:
    url = reverse("api:challenge", kwargs={"challenge_id": made.past.pk})
    status, body = _api(world, "alumnus", url)
    assert status == 200
    team = body["teams"][0]
    assert team["name"] == "Knife crime team"
    assert team["members"][0]["name"] == "Alex Alumnus"
    assert team["showcase"]["presented"] is True
