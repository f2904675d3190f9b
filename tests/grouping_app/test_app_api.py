"""The grouping API with personal tokens: create, run, read, list; writes are for staff only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from commonground.accounts.models import ApiToken
from commonground.grouping.models import Grouping, PairRule, Status
from commonground.programmes.models import Enrolment
from tests.conftest import World

from .conftest import SAFETY_LIMIT


def _call(world: World, role: str, method: str, url: str, body: Any = None) -> Any:
    token = ApiToken.issue(world.users[role], "tests")[1]
    send = getattr(Client(), method)
    kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
    if body is not None:
        kwargs |= {"data": body, "content_type": "application/json"}
    return send(url, **kwargs)


def _create_url(world: World) -> str:
    return reverse("api:cohort-groupings", kwargs={"cohort_id": world.cohort.pk})


def test_staff_create_a_grouping_with_pairs_then_run_and_read_it(
    world: World,
    cohort_of_twelve: list[Enrolment],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    first, second = cohort_of_twelve[1], cohort_of_twelve[2]
    created = _call(
        world,
        "staff",
        "post",
        _create_url(world),
        {
            "name": "Spring sets",
            "group_count": 3,
            "time_limit": SAFETY_LIMIT,
            "pairs": [{"first": first.pk, "second": second.pk, "reason": "line manager"}],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["groups"] == []
    assert body["rules"]["spread"]["organisation"]["mode"] == "hard"
    assert PairRule.objects.get().reason == "line manager"
    run_url = reverse("api:grouping-run", kwargs={"grouping_id": body["id"]})
    with django_capture_on_commit_callbacks(execute=True):
        queued = _call(world, "staff", "post", run_url)
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    read = _call(
        world, "facilitator", "get", reverse("api:grouping", kwargs={"grouping_id": body["id"]})
    )
    grouping = read.json()
    assert grouping["status"] == "ready" and grouping["progress"] == 1.0
    members = [m for g in grouping["groups"] for m in g["members"]]
    assert sorted(m["enrolment_id"] for m in members) == sorted(e.pk for e in cohort_of_twelve)
    rules = grouping["explanation"]["rounds"][0]["rules"]
    assert any(r["rule"].startswith("keep apart") and r["met"] for r in rules)
    listed = _call(world, "facilitator", "get", _create_url(world)).json()
    assert [g["name"] for g in listed] == ["Spring sets"]


def test_a_bad_grouping_gets_422_with_plain_messages(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    response = _call(
        world,
        "staff",
        "post",
        _create_url(world),
        {"name": "Too many", "group_count": 50, "pairs": [{"first": 1, "second": 999999}]},
    )
    assert response.status_code == 422
    messages = {p["field"]: p["message"] for p in response.json()["detail"]}
    assert messages["group_count"] == (
        "There are 12 participants to group: choose at most 12 groups."
    )
    assert not Grouping.objects.exists()
    pairs = _call(
        world,
        "staff",
        "post",
        _create_url(world),
        {"name": "Pairs", "group_count": 3, "pairs": [{"first": 1, "second": 999999}]},
    )
    assert pairs.status_code == 422
    assert "two participants with a place in this cohort" in pairs.json()["detail"][0]["message"]


def test_facilitators_may_read_but_not_create_or_run(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    refused = _call(world, "facilitator", "post", _create_url(world), {"name": "x"})
    assert refused.status_code == 403
    grouping = Grouping.objects.create(cohort=world.cohort, name="Sets", group_count=3)
    run_url = reverse("api:grouping-run", kwargs={"grouping_id": grouping.pk})
    assert _call(world, "facilitator", "post", run_url).status_code == 403
    assert _call(world, "participant", "post", run_url).status_code == 404
    grouping.refresh_from_db()
    assert grouping.status == Status.DRAFT


def test_running_a_published_grouping_is_refused_with_the_reason(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    grouping = Grouping.objects.create(
        cohort=world.cohort, name="Sets", group_count=3, status=Status.PUBLISHED
    )
    response = _call(
        world, "staff", "post", reverse("api:grouping-run", kwargs={"grouping_id": grouping.pk})
    )
    assert response.status_code == 409
    assert "unpublish it before changing it" in response.json()["detail"][0]["message"]
