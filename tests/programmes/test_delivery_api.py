"""The API gives a participant their calendar and staff a cohort's completion status."""

from __future__ import annotations

from django.urls import reverse

from commonground.accounts.models import ApiToken
from tests.conftest import World


def _get(world: World, role: str, url: str) -> object:
    token = ApiToken.issue(world.users[role], "test")[1]
    return world.client("anonymous").get(url, headers={"Authorization": f"Bearer {token}"}).json()


def test_a_participant_gets_their_calendar(world: World) -> None:
    body = _get(world, "participant", reverse("api:my-calendar"))
    assert isinstance(body, list)
    assert [(entry["title"], entry["cancelled"]) for entry in body] == [
        ("Leading in complexity", False)
    ]


def test_staff_get_each_participants_completion(world: World) -> None:
    body = _get(world, "staff", reverse("api:cohort-completion", args=[world.cohort.pk]))
    assert isinstance(body, list)
    assert body[0]["name"] == "Pat Participant"
    assert body[0]["meets_rules"] is False
    assert body[0]["rules"][0]["rule"] == "At least 80% of counted activities attended"
