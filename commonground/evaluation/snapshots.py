"""Report snapshots: the statistics are worked out once, in the background, and kept.

A report page asks for the snapshot of its scope (a cohort, or a whole programme) and audience
(programme staff see every number; everyone else has small numbers hidden). When the answers
have changed since the stored figures were computed, it asks the background task for fresh
ones with one atomic UPDATE (so two page views never queue two runs) and shows the previous
figures, marked as such, with the run's progress. A run claims its snapshot with another atomic
UPDATE and notes its progress (its heartbeat) as it reads, so a run still working is never
started twice; answers that come in meanwhile are read by the run it queues when it ends.

The answers are streamed from the database and reduced as they are read (`stats.gather`), so a
run's memory grows with the programme's participants, not with their answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from commonground.evaluation import stats
from commonground.lib import heartbeat
from commonground.lib.pdf import render_pdf
from commonground.programmes.models import Cohort, Programme

from . import presentation
from .adapters import load_version, stats_instrument, streamed_responses
from .board import WIDE, Bar, bars_svg, board_summary
from .models import ReportSnapshot, SnapshotStatus, SurveyResponse, Wave
from .network_figures import ProgrammeHeadline, headline_to_json, programme_headline
from .reports import answers

UNDER_WAY = (SnapshotStatus.WAITING, SnapshotStatus.RUNNING)
WAITING_MESSAGE = "Waiting for the background worker"
# Answers read between two notes of progress (each also the run's heartbeat).
PROGRESS_EVERY = 20_000


def snapshot_key(programme_id: int, cohort_id: int | None, threshold: int | None) -> str:
    scope = f"cohort:{cohort_id}" if cohort_id else f"programme:{programme_id}"
    return f"{scope}:{'all' if threshold is None else f'min{threshold}'}"


def fingerprint(cohort_ids: Sequence[int]) -> str | None:
    """Names the answers a report would be computed from; None before any evaluation plan.

    Two queries: the version the latest wave asked, and the responses' count, highest id and
    latest submissions of the survey and of the network questions (an invitation, an answer or a
    deletion each change it).
    """
    ids = list(cohort_ids)
    version_id = (
        Wave.objects.filter(cohort_id__in=ids)
        .order_by("-opens_on", "-pk")
        .values_list("version_id", flat=True)
        .first()
    )
    if version_id is None:
        return None
    found = SurveyResponse.objects.filter(wave__cohort_id__in=ids).aggregate(
        n=Count("pk"), top=Max("pk"), last=Max("submitted_at"), net=Max("network_submitted_at")
    )
    last = found["last"].isoformat() if found["last"] else "-"
    net = found["net"].isoformat() if found["net"] else "-"
    return f"v{version_id}:n{found['n']}:id{found['top'] or 0}:at{last}:net{net}"


def snapshot_for(
    programme: Programme, cohort: Cohort | None, threshold: int | None, cohort_ids: Sequence[int]
) -> ReportSnapshot | None:
    """The stored report for this scope and audience, fresh figures asked for when out of date.

    None when there is no evaluation plan yet. Three or four queries whatever the data size.
    """
    wanted = fingerprint(cohort_ids)
    if wanted is None:
        return None
    snapshot, _ = ReportSnapshot.objects.get_or_create(
        key=snapshot_key(programme.pk, cohort.pk if cohort else None, threshold),
        defaults={"programme": programme, "cohort": cohort, "threshold": threshold},
    )
    if snapshot.status == SnapshotStatus.READY and snapshot.fingerprint == wanted:
        return snapshot
    now = timezone.now()
    claimed = (
        ReportSnapshot.objects.filter(pk=snapshot.pk)
        .filter(
            Q(status__in=[SnapshotStatus.READY, SnapshotStatus.FAILED])
            | (Q(status=SnapshotStatus.WAITING) & ~Q(wanted=wanted))
            | (heartbeat.stopped() & Q(status__in=UNDER_WAY))
        )
        .update(
            wanted=wanted,
            status=SnapshotStatus.WAITING,
            progress=0.0,
            message=WAITING_MESSAGE,
            requested_at=now,
            heartbeat_at=now,
        )
    )
    if claimed:
        snapshot.wanted, snapshot.status, snapshot.progress = wanted, SnapshotStatus.WAITING, 0.0
        snapshot.message, snapshot.requested_at = WAITING_MESSAGE, now
        snapshot.heartbeat_at = now
        _enqueue(snapshot.pk)
    return snapshot


def _enqueue(pk: int) -> None:
    from .tasks import compute_report_snapshot

    transaction.on_commit(lambda: compute_report_snapshot.enqueue(pk))


def _progress(pk: int, fraction: float, message: str) -> None:
    ReportSnapshot.objects.filter(pk=pk).update(
        status=SnapshotStatus.RUNNING,
        progress=fraction,
        message=message,
        heartbeat_at=timezone.now(),
    )


def compute(pk: int) -> bool:
    """Work out one snapshot's figures (and, for a programme, its board PDF) and store them.

    The run first claims the snapshot with one atomic UPDATE, so a second worker handed the same
    snapshot (or a task queued twice) leaves it to the run already working and returns False.
    """
    if not _claim(pk):
        return False
    snapshot = ReportSnapshot.objects.select_related("programme", "cohort").filter(pk=pk).first()
    if snapshot is None:
        return False
    started = time.monotonic()
    try:
        seen = _compute(snapshot)
    except Exception:
        ReportSnapshot.objects.filter(pk=pk).update(
            status=SnapshotStatus.FAILED, message="The figures could not be worked out"
        )
        raise
    ReportSnapshot.objects.filter(pk=pk).update(seconds=time.monotonic() - started)
    if seen is not None:
        _again_if_changed(pk, *seen)
    return True


def _claim(pk: int) -> bool:
    """Waiting runs, and runs whose worker stopped, are taken over; a live run is left alone."""
    return bool(
        ReportSnapshot.objects.filter(pk=pk)
        .filter(Q(status=SnapshotStatus.WAITING) | (heartbeat.stopped() & Q(status__in=UNDER_WAY)))
        .update(
            status=SnapshotStatus.RUNNING,
            message="Reading the answers",
            heartbeat_at=timezone.now(),
        )
    )


def _again_if_changed(pk: int, seen: str, cohort_ids: list[int]) -> None:
    """Answers that came in while the run worked: a page view leaves a live run alone
    (`snapshot_for`), so the finished run queues the one that reads them."""
    now = fingerprint(cohort_ids)
    if (
        now is not None
        and now != seen
        and ReportSnapshot.objects.filter(pk=pk, status=SnapshotStatus.READY).update(
            wanted=now, status=SnapshotStatus.WAITING, progress=0.0, message=WAITING_MESSAGE
        )
    ):
        _enqueue(pk)


def _compute(snapshot: ReportSnapshot) -> tuple[str, list[int]] | None:
    """Store the figures; the fingerprint of the answers they were read from and the cohorts'
    ids, or None when there is nothing to report."""
    pk, programme = snapshot.pk, snapshot.programme
    cohorts = (
        [snapshot.cohort]
        if snapshot.cohort
        else list(Cohort.objects.filter(programme=programme).order_by("starts_on", "pk"))
    )
    ids = [c.pk for c in cohorts]
    _progress(pk, 0.05, "Reading the answers")
    seen = fingerprint(ids)
    version_id = (
        Wave.objects.filter(cohort_id__in=ids)
        .order_by("-opens_on", "-pk")
        .values_list("version_id", flat=True)
        .first()
    )
    if seen is None or version_id is None:
        ReportSnapshot.objects.filter(pk=pk).delete()
        return None
    version = load_version(version_id)
    instrument = stats_instrument(version)
    options = stats.ReportOptions(threshold=snapshot.threshold)
    total = SurveyResponse.objects.filter(wave__cohort_id__in=ids).count()
    gathered = stats.gather(instrument, _reading(pk, answers(ids), total), options)
    _progress(pk, 0.4, f"Working out the statistics from {gathered.rows} responses")
    report = stats.report_from(instrument, gathered, options)
    del gathered
    _progress(pk, 0.7, "Arranging the tables and charts")
    # The cohorts by start date, named as the statistics name them, for "the latest cohorts".
    order = [c.name for c in cohorts]
    presented = presentation.present(
        report, str(version), snapshot.threshold, trends=snapshot.cohort is None, order=order
    )
    computed_at = timezone.now()
    pdf = None
    data = presentation.to_json(presented)
    if snapshot.cohort is None:
        data["trends_csv"] = presentation.trend_csv(report, order)
        _progress(pk, 0.8, "Drawing the board report (PDF)")
        network = programme_headline(programme, snapshot.threshold)
        data["network"] = headline_to_json(network)
        context = board_pdf_context(programme, presented, snapshot.threshold, computed_at, network)
        context["summary"] = board_summary(programme, report, instrument, snapshot.threshold)
        pdf = render_pdf("evaluation/report_pdf.html", context)
    # The API serves a cohort's report whole; a programme's has only its pages and the PDF.
    figures = json_safe(dataclasses.asdict(report)) if snapshot.cohort else None
    ReportSnapshot.objects.filter(pk=pk).update(
        data=data,
        figures=figures,
        pdf=pdf,
        fingerprint=seen,
        computed_at=computed_at,
        status=SnapshotStatus.READY,
        progress=1.0,
        message="Ready",
    )
    return seen, ids


def json_safe(value: Any) -> Any:
    """JSON has no NaN or infinity (a t-test of identical changes has no p): they become null;
    keys become text and tuples lists, as a JSON round trip would make them."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def _reading(pk: int, rows: QuerySet[SurveyResponse], total: int) -> Iterator[stats.Response]:
    """The answers streamed from the database, the run's progress (its heartbeat) noted as they
    are read, so a long read is never taken for a stopped run."""
    for n, response in enumerate(streamed_responses(rows), start=1):
        if n % PROGRESS_EVERY == 0:
            share = min(n / max(total, 1), 1.0)
            _progress(pk, 0.05 + 0.35 * share, f"Reading the answers ({share:.0%})")
        yield response


def board_pdf_context(
    programme: Programme,
    presented: presentation.Presented | None,
    threshold: int | None,
    generated: dt.datetime,
    network: ProgrammeHeadline | None = None,
) -> dict[str, Any]:
    """What the board PDF shows but its first page; `board.board_summary` adds that. The
    network's headline is worked out unless given."""
    headlines = [
        (
            chart,
            bars_svg(
                chart.title,
                [Bar(label, float(value), f"{value}%") for label, value in chart.rows],
                100,
                WIDE,
            ),
        )
        for chart in (presented.charts if presented else [])
    ]
    return {
        "title": f"Evaluation of {programme.name}",
        "programme": programme,
        "presented": presented,
        "threshold": threshold,
        "generated": generated,
        "headlines": headlines,
        "network": network or programme_headline(programme, threshold),
    }
