"""Someone who withdrew or deferred has left the cohort: its people, calendar and team are closed
to them, while their own record stays theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import ApiToken
from commonground.challenges.models import TeamUpdate
from commonground.programmes.models import EnrolmentStatus
from tests.challenges.helpers import challenges
from tests.conftest import World

LEFT = [EnrolmentStatus.WITHDRAWN, EnrolmentStatus.DEFERRED]


def _leave(world: World, status: str) -> None:
    world.enrolment.status = status
    world.enrolment.left_on = timezone.localdate()
    world.enrolment.save()


@pytest.mark.parametrize("status", LEFT)
def test_the_cohort_page_and_its_activities_are_closed_to_someone_who_left(
    world: World, status: str
) -> None:
    client = world.client("participant")
    assert client.get(reverse("programmes:cohort", args=[world.cohort.pk])).status_code == 200
    _leave(world, status)
    assert client.get(reverse("programmes:cohort", args=[world.cohort.pk])).status_code == 404
    assert client.get(reverse("programmes:activity", args=[world.activity.pk])).status_code == 404


@pytest.mark.parametrize("status", LEFT)
def test_the_api_gives_someone_who_left_none_of_the_cohorts_people(
    world: World, status: str
) -> None:
    secret = ApiToken.issue(world.users["participant"], "tests")[1]
    url = reverse("api:cohort-enrolments", kwargs={"cohort_id": world.cohort.pk})
    headers = {"Authorization": f"Bearer {secret}"}
    assert world.client("anonymous").get(url, headers=headers).status_code == 200
    _leave(world, status)
    assert world.client("anonymous").get(url, headers=headers).status_code == 404


def test_someone_who_withdrew_no_longer_sees_or_posts_to_their_team(world: World) -> None:
    team = challenges(world).team
    client = world.client("participant")
    assert client.get(reverse("challenges:team", args=[team.pk])).status_code == 200
    _leave(world, EnrolmentStatus.WITHDRAWN)
    assert client.get(reverse("challenges:team", args=[team.pk])).status_code == 404
    response = client.post(
        reverse("challenges:update_new", args=[team.pk]), {"text": "Still here."}
    )
    assert response.status_code == 404
    assert not TeamUpdate.objects.filter(team=team).exists()


def test_someone_who_withdrew_keeps_their_own_record_and_calendar(world: World) -> None:
    _leave(world, EnrolmentStatus.WITHDRAWN)
    client = world.client("participant")
    own = client.get(reverse("directory:person", args=[world.participant_person.pk]))
    assert own.status_code == 200
    assert world.cohort.name in own.content.decode()
    calendar = client.get(reverse("programmes:my_calendar"))
    assert calendar.status_code == 200
    assert world.activity.title not in calendar.content.decode()
