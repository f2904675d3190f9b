"""The API's cohort report is served from the figures the background task keeps, as the report
page is: nothing is worked out in the request, the date of the figures is given, and a report
being brought up to date is said to be, with one run queued however often it is asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import ApiToken
from commonground.evaluation.models import InstrumentVersion, ReportSnapshot, SurveyResponse
from tests.conftest import World

from .test_report_snapshots import _answers

Capture = Callable[..., Any]


def _report(world: World, role: str = "staff") -> dict[str, Any]:
    secret = ApiToken.issue(world.users[role], "tests")[1]
    response = world.client("anonymous").get(
        reverse("api:evaluation-report", args=[world.cohort.pk]),
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_it_says_the_figures_are_being_worked_out_and_queues_one_run(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    _answers(world, version, 6)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = _report(world)
        again = _report(world)
    assert len(queued) == 1
    for body in (first, again):
        assert body["report"] is None
        assert body["updating"] is True
        assert body["computed_at"] is None
    queued[0]()
    ready = _report(world)
    assert ready["updating"] is False
    assert ready["computed_at"] is not None
    assert ready["report"]["participants"] == 7
    collaboration = next(t for t in ready["report"]["themes"] if t["id"] == "collaboration")
    assert collaboration["change"]["n"] == 7


def test_new_answers_leave_the_previous_figures_with_their_date_while_they_are_updated(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    enrolments = _answers(world, version, 6)
    with django_capture_on_commit_callbacks(execute=True):
        _report(world)
    before = _report(world)
    SurveyResponse.objects.filter(enrolment=enrolments[0]).update(submitted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        stale = _report(world)
    assert len(queued) == 1
    assert stale["updating"] is True
    assert stale["report"] == before["report"]
    assert stale["computed_at"] == before["computed_at"]


def test_the_page_and_the_api_share_one_snapshot_per_audience(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    _answers(world, version, 6)
    with django_capture_on_commit_callbacks(execute=True):
        world.client("staff").get(reverse("evaluation:cohort_report", args=[world.cohort.pk]))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        body = _report(world)
    assert queued == []
    assert body["report"] is not None and body["updating"] is False
    assert ReportSnapshot.objects.filter(cohort=world.cohort).count() == 1
