"""Report snapshots: figures worked out in the background with progress, then shown at once."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from commonground.evaluation.models import (
    InstrumentVersion,
    ReportSnapshot,
    SnapshotStatus,
    SurveyResponse,
    WaveKind,
)
from commonground.programmes.models import Enrolment
from tests.conftest import World

from .conftest import add_participants, answer_all, make_wave

Capture = Callable[..., Any]


def _answers(world: World, version: InstrumentVersion, people: int) -> list[Enrolment]:
    """Baseline and end self assessments, everyone a point higher at the end."""
    enrolments = [world.enrolment, *add_participants(world, people)]
    for kind, value in ((WaveKind.BASELINE, 2), (WaveKind.END, 3)):
        wave = make_wave(world.cohort.pk, version, kind, open_now=kind == WaveKind.END)
        SurveyResponse.objects.bulk_create(
            SurveyResponse(
                wave=wave,
                enrolment=e,
                rater_type="self",
                version=version,
                ratings=answer_all(version, value + i % 2),
                comments={"text_most_useful": f"The action learning set, said person {i}"},
                submitted_at=timezone.now(),
            )
            for i, e in enumerate(enrolments)
        )
    return enrolments


def test_a_report_is_worked_out_in_the_background_with_its_progress_shown(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    _answers(world, version, 6)
    client = world.client("staff")
    url = reverse("evaluation:programme_report", args=[world.programme.slug])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = client.get(url).content.decode()
    assert len(queued) == 1
    assert "The figures are being worked out" in first
    assert '<progress id="report-progress-bar"' in first and 'role="status"' in first
    snapshot = ReportSnapshot.objects.get()
    progress_url = reverse("evaluation:report_progress", args=[snapshot.pk])
    assert f'hx-get="{progress_url}"' in first
    assert "Mean change (95% CI)" not in first
    assert "Waiting for the background worker" in client.get(progress_url).content.decode()
    queued[0]()
    done = client.get(progress_url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "The latest figures are ready" in done.content.decode()
    page = client.get(url).content.decode()
    assert "Mean change (95% CI)" in page and "7 participants asked" in page
    assert "report-progress-bar" not in page


def test_new_answers_keep_the_old_figures_on_show_until_the_new_ones_are_ready(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    enrolments = _answers(world, version, 6)
    client = world.client("staff")
    url = reverse("evaluation:cohort_report", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    SurveyResponse.objects.filter(enrolment=enrolments[-1], wave__kind=WaveKind.END).delete()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        stale = client.get(url).content.decode()
        client.get(url)
    assert len(queued) == 1, "two page views ask for one run"
    assert "New answers have come in since these figures were worked out" in stale
    assert "7 participants asked" in stale
    queued[0]()
    assert ReportSnapshot.objects.get().status == SnapshotStatus.READY
    fresh = client.get(url).content.decode()
    assert "New answers have come in" not in fresh and "report-progress-bar" not in fresh


def test_the_board_pdf_is_drawn_in_the_background_then_downloaded(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    _answers(world, version, 6)
    client = world.client("board")
    url = reverse("evaluation:programme_report_pdf", args=[world.programme.slug])
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(url)
    assert waiting["Content-Type"].startswith("text/html")
    assert "The board report is being prepared" in waiting.content.decode()
    snapshot = ReportSnapshot.objects.get()
    progress = client.get(
        reverse("evaluation:report_progress", args=[snapshot.pk]) + "?then=pdf",
        headers={"HX-Request": "true"},
    )
    assert "HX-Refresh" not in progress
    assert "Download the board report (PDF)" in progress.content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Evaluation of Leading Greater Essex" in text


def test_nobody_follows_the_progress_of_another_audiences_figures(
    world: World, version: InstrumentVersion, django_capture_on_commit_callbacks: Capture
) -> None:
    _answers(world, version, 6)
    url = reverse("evaluation:cohort_report", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        world.client("staff").get(url)
    staff_snapshot = ReportSnapshot.objects.get()
    progress_url = reverse("evaluation:report_progress", args=[staff_snapshot.pk])
    assert world.client("board").get(progress_url).status_code == 404
    assert world.client("outsider").get(progress_url).status_code == 404
    assert world.client("staff").get(progress_url).status_code == 200


def test_a_computation_whose_worker_died_is_asked_for_again(
    world: World,
    version: InstrumentVersion,
    django_capture_on_commit_callbacks: Capture,
    settings: Any,
) -> None:
    settings.BACKGROUND_RUN_STALE_SECONDS = 120
    _answers(world, version, 6)
    client = world.client("staff")
    url = reverse("evaluation:programme_report", args=[world.programme.slug])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.get(url)
    assert len(queued) == 1
    quiet = timezone.now() - dt.timedelta(seconds=60)
    ReportSnapshot.objects.update(status=SnapshotStatus.RUNNING, heartbeat_at=quiet)
    with django_capture_on_commit_callbacks(execute=False) as still_running:
        client.get(url)
    assert still_running == []
    silent = timezone.now() - dt.timedelta(seconds=121)
    ReportSnapshot.objects.update(status=SnapshotStatus.RUNNING, heartbeat_at=silent)
    with django_capture_on_commit_callbacks(execute=False) as again:
        client.get(url)
    assert len(again) == 1
    again[0]()
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.status == SnapshotStatus.READY
    assert snapshot.heartbeat_at is not None and snapshot.heartbeat_at > silent
