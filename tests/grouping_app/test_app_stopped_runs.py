"""A run whose worker died: after BACKGROUND_RUN_STALE_SECONDS without a heartbeat it shows as
failed with a plain message, and staff may run it again on the page and through the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import ApiToken
from commonground.grouping.models import Grouping, Status
from commonground.lib.heartbeat import STOPPED_MESSAGE
from tests.conftest import World

Make = Callable[..., Grouping]


def _died(grouping: Grouping, seconds_ago: int, status: str = Status.RUNNING) -> None:
    """As a worker leaves a run when it is killed: under way, last heard of `seconds_ago`."""
    Grouping.objects.filter(pk=grouping.pk).update(
        status=status, heartbeat_at=timezone.now() - dt.timedelta(seconds=seconds_ago)
    )


def test_a_run_without_a_heartbeat_shows_as_stopped_and_runs_again(
    world: World, make_grouping: Make, cohort_of_twelve: Any, settings: Any
) -> None:
    settings.BACKGROUND_RUN_STALE_SECONDS = 120
    grouping = make_grouping()
    _died(grouping, 121)
    client = world.client("staff")
    page = client.get(grouping.get_absolute_url()).content.decode()
    assert STOPPED_MESSAGE in page
    grouping.refresh_from_db()
    assert grouping.status == Status.FAILED
    response = client.post(reverse("grouping:grouping_run", args=[grouping.pk]), follow=True)
    assert "wait until it finishes" not in response.content.decode()
    grouping.refresh_from_db()
    assert grouping.status != Status.FAILED and grouping.error_message == ""


def test_a_run_that_beat_recently_is_left_running(
    world: World, make_grouping: Make, cohort_of_twelve: Any, settings: Any
) -> None:
    settings.BACKGROUND_RUN_STALE_SECONDS = 120
    grouping = make_grouping()
    _died(grouping, 60)
    client = world.client("staff")
    client.get(grouping.get_absolute_url())
    grouping.refresh_from_db()
    assert grouping.status == Status.RUNNING
    edit = client.get(reverse("grouping:grouping_edit", args=[grouping.pk]), follow=True)
    assert "This grouping is running: wait until it finishes." in edit.content.decode()


def test_the_api_runs_a_stopped_run_again_instead_of_answering_409(
    world: World,
    make_grouping: Make,
    cohort_of_twelve: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.BACKGROUND_RUN_STALE_SECONDS = 120
    grouping = make_grouping()
    _died(grouping, 500, status=Status.QUEUED)
    token = ApiToken.issue(world.users["staff"], "tests")[1]
    url = reverse("api:grouping-run", kwargs={"grouping_id": grouping.pk})
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = Client().post(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 202, response.content
    assert response.json()["status"] == Status.QUEUED
    assert len(queued) == 1


def test_the_running_task_beats_as_it_reports_progress(
    world: World, make_grouping: Make, cohort_of_twelve: Any, run_now: Any
) -> None:
    grouping = make_grouping(time_limit=1)
    before = timezone.now()
    done = run_now(grouping)
    assert done.status == Status.READY
    assert done.heartbeat_at is not None and done.heartbeat_at >= before
