"""Report snapshots at scale: answers read a chunk at a time give the same rows as whole records,
a run still working is never started twice, and answers that come in during a run are read by
the one run it queues when it ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from commonground.evaluation import presentation, snapshots
from commonground.evaluation.adapters import stats_responses, streamed_responses
from commonground.evaluation.models import (
    InstrumentVersion,
    ReportSnapshot,
    SnapshotStatus,
    SurveyResponse,
    WaveKind,
)
from commonground.evaluation.reports import answers
from commonground.programmes.models import Enrolment
from tests.conftest import World

from .conftest import add_participants, answer_all, make_wave

Capture = Callable[..., Any]


def _answers(world: World, version: InstrumentVersion) -> list[Enrolment]:
    enrolments = [world.enrolment, *add_participants(world, 6)]
    for kind, value in ((WaveKind.BASELINE, 2), (WaveKind.END, 3)):
        wave = make_wave(world.cohort.pk, version, kind, open_now=kind == WaveKind.END)
        SurveyResponse.objects.bulk_create(
            SurveyResponse(
                wave=wave,
                enrolment=e,
                rater_type="self",
                version=version,
                ratings=answer_all(version, value + i % 2),
                before_ratings=answer_all(version, 1) if kind == WaveKind.END else {},
                comments={"text_most_useful": f"Said person {i}"} if i % 3 else {},
                submitted_at=timezone.now() if i != 2 else None,
            )
            for i, e in enumerate(enrolments)
        )
    return enrolments


def _snapshot(world: World) -> ReportSnapshot:
    found = snapshots.snapshot_for(world.programme, world.cohort, None, [world.cohort.pk])
    assert found is not None
    return found


def test_answers_read_a_chunk_at_a_time_are_the_rows_of_whole_records(
    world: World, version: InstrumentVersion
) -> None:
    _answers(world, version)
    ids = [world.cohort.pk]
    streamed = list(streamed_responses(answers(ids), chunk_size=3))
    assert streamed == stats_responses(answers(ids))
    looked_back = [r for r in streamed if r.wave == "end_before"]
    assert len(looked_back) == 6, "each answered end survey also gives its looking-back row"


def test_a_run_still_working_is_not_started_again(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    _answers(world, version)
    with django_capture_on_commit_callbacks(execute=False):
        snapshot = _snapshot(world)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(
        status=SnapshotStatus.RUNNING, heartbeat_at=timezone.now(), message="Reading the answers"
    )
    assert snapshots.compute(snapshot.pk) is False
    working = ReportSnapshot.objects.get(pk=snapshot.pk)
    assert working.status == SnapshotStatus.RUNNING and not working.data


def test_a_run_whose_worker_stopped_is_taken_over(
    world: World,
    version: InstrumentVersion,
    settings: Any,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.BACKGROUND_RUN_STALE_SECONDS = 120
    _answers(world, version)
    with django_capture_on_commit_callbacks(execute=False):
        snapshot = _snapshot(world)
    silent = timezone.now() - dt.timedelta(seconds=121)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(
        status=SnapshotStatus.RUNNING, heartbeat_at=silent
    )
    assert snapshots.compute(snapshot.pk) is True
    done = ReportSnapshot.objects.get(pk=snapshot.pk)
    assert done.status == SnapshotStatus.READY and done.data


def test_a_page_view_during_a_run_leaves_it_alone_and_the_run_queues_one_more(
    world: World,
    version: InstrumentVersion,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrolments = _answers(world, version)
    with django_capture_on_commit_callbacks(execute=False):
        snapshot = _snapshot(world)
    queued_during: list[list[Any]] = []
    present = presentation.present

    def answer_while_running(*args: Any, **kwargs: Any) -> Any:
        # Someone deletes an answer and views the report while the figures are worked out.
        SurveyResponse.objects.filter(enrolment=enrolments[-1], wave__kind=WaveKind.END).delete()
        with django_capture_on_commit_callbacks(execute=False) as during:
            _snapshot(world)
        queued_during.append(during)
        return present(*args, **kwargs)

    monkeypatch.setattr(presentation, "present", answer_while_running)
    with django_capture_on_commit_callbacks(execute=False) as after:
        assert snapshots.compute(snapshot.pk)
    assert queued_during == [[]], "the page view queued no second run"
    assert len(after) == 1, "the finished run queued the one that reads the new answers"
    waiting = ReportSnapshot.objects.get(pk=snapshot.pk)
    assert waiting.status == SnapshotStatus.WAITING
    assert waiting.data, "the figures just worked out stay on show meanwhile"
    assert waiting.wanted != waiting.fingerprint
