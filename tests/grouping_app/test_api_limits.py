"""The grouping API refuses text longer than it can keep, and writes nothing."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from commonground.accounts.models import ApiToken
from commonground.grouping.models import Grouping
from commonground.programmes.models import Enrolment
from tests.conftest import World


def _post(world: World, body: dict[str, object]) -> tuple[int, str]:
    token = ApiToken.issue(world.users["staff"], "tests")[1]
    response = Client().post(
        reverse("api:cohort-groupings", kwargs={"cohort_id": world.cohort.pk}),
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code, response.content.decode()


def test_a_pair_reason_longer_than_200_characters_is_refused(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    first, second = cohort_of_twelve[1], cohort_of_twelve[2]
    pair = {"first": first.pk, "second": second.pk, "reason": "r" * 201}
    status, body = _post(world, {"name": "Spring sets", "group_count": 3, "pairs": [pair]})
    assert status == 422
    assert "at most 200 characters" in body
    assert not Grouping.objects.exists()


def test_a_name_longer_than_200_characters_is_refused(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    status, body = _post(world, {"name": "n" * 201, "group_count": 3})
    assert status == 422
    assert "at most 200 characters" in body
    assert not Grouping.objects.exists()
