"""The network's API: the directory with hidden fields as null, and alumni events."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from commonground.accounts.models import ApiToken
from tests.alumni.helpers import network
from tests.conftest import World


def _get(world: World, role: str, name: str, **params: Any) -> Any:
    token = ApiToken.issue(world.users[role], "test")[1]
    return Client().get(
        reverse(f"api:{name}", kwargs=params.pop("kwargs", {})),
        params,
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_directory_gives_each_field_only_to_whom_its_owner_chose(world: World) -> None:
    network(world)
    [row] = _get(world, "participant", "alumni-directory").json()["items"]
    assert row["name"] == "Alex Alumnus"
    assert row["expertise"] == ["domestic abuse", "joint commissioning"]
    assert row["places"] is None and row["email"] is None
    assert row["cohorts"][0]["name"] == "2024/25"
    [row] = _get(world, "staff", "alumni-directory").json()["items"]
    assert row["places"] == "Basildon" and row["email"] == "alex.alumnus@example.org"


def test_the_directory_searches_by_expertise_and_refuses_a_bad_filter(world: World) -> None:
    network(world)
    found = _get(world, "participant", "alumni-directory", expertise="public health").json()
    assert found["count"] == 0
    bad = _get(world, "participant", "alumni-directory", sector="Shipping")
    assert bad.status_code == 422


def test_events_list_with_the_numbers_coming(world: World) -> None:
    event = network(world).event
    [row] = _get(world, "alumnus", "alumni-events").json()["items"]
    assert row["title"] == "Alumni reunion" and row["going"] == 0 and row["capacity"] == 2
    assert _get(world, "outsider", "alumni-events").json()["items"] == []
    one = _get(world, "alumnus", "alumni-event", kwargs={"event_id": event.pk})
    assert one.json()["id"] == event.pk


def test_the_events_list_is_not_found_for_those_the_events_page_refuses(world: World) -> None:
    network(world)
    for role in ("board", "evaluator"):
        assert world.client(role).get(reverse("alumni:events")).status_code == 404
        assert _get(world, role, "alumni-events").status_code == 404
    assert _get(world, "sponsor", "alumni-events").status_code == 200
