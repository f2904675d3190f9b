"""Each enrolment's attendance standing, kept on the enrolment, so that counting who is at risk
of not completing reads one row per participant rather than every attendance mark.

The figures (counted activities, those held so far, attended, apologies) and whether they fall
short of the programme's minimum are worked out by `commitment.figures_of`, the calculation the
staff home has always used, and written whenever a register is taken, a mark is changed, an
activity is added, changed, cancelled or deleted, an enrolment is added, a programme's rules
change, or a learning set's or challenge team's members change (its activities count for its
members: `grouping.services` and `challenges.services` keep the cohort's standings then).
"Held so far" and apologies also change with the clock, when a counted activity starts: each
standing says until when it holds (the next counted activity's start), and one that has run
out, or was never worked out, is worked out afresh from the marks when it is counted.
`manage.py keep_standings` renews those that have run out (run it hourly).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .commitment import at_risk_of, figures_of
from .models import (
    Activity,
    Attendance,
    Cohort,
    CohortStatus,
    CompletionRules,
    Enrolment,
    EnrolmentStatus,
)

# The "until" of a standing that no activity to come can change.
FOREVER = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
FIELDS = [
    "standing_counted",
    "standing_held",
    "standing_attended",
    "standing_apologies",
    "standing_short",
    "standing_until",
]
BATCH = 1000


def keep(enrolments: QuerySet[Enrolment], now: dt.datetime | None = None) -> int:
    """Work out again the standing of every enrolment a query selects, and keep it."""
    now = now or timezone.now()
    rows = [
        Enrolment(
            pk=pk,
            standing_counted=found.counted,
            standing_held=found.held,
            standing_attended=found.attended,
            standing_apologies=found.apologies,
            standing_short=found.short,
            standing_until=found.until or FOREVER,
        )
        for pk, found in figures_of(enrolments, now).items()
    ]
    Enrolment.objects.bulk_update(rows, FIELDS, batch_size=BATCH)
    return len(rows)


def keep_for_cohort(cohort_id: int) -> int:
    return keep(Enrolment.objects.filter(cohort_id=cohort_id))


def keep_for_programme(programme_id: int) -> int:
    return keep(Enrolment.objects.filter(cohort__programme_id=programme_id))


def run_out(enrolments: QuerySet[Enrolment], now: dt.datetime) -> QuerySet[Enrolment]:
    """Those whose kept standing no longer holds (or was never worked out)."""
    return enrolments.filter(Q(standing_until__isnull=True) | Q(standing_until__lte=now))


def keep_run_out(now: dt.datetime | None = None, batch: int = 50) -> int:
    """Renew every standing that has run out, a few cohorts at a time."""
    now = now or timezone.now()
    cohort_ids = list(
        run_out(Enrolment.objects.all(), now)
        .values_list("cohort_id", flat=True)
        .distinct()
        .order_by("cohort_id")
    )
    kept = 0
    for start in range(0, len(cohort_ids), batch):
        kept += keep(Enrolment.objects.filter(cohort_id__in=cohort_ids[start : start + batch]), now)
    return kept


def at_risk_by_cohort(
    cohorts: Iterable[Cohort] | QuerySet[Cohort], now: dt.datetime
) -> dict[int, int]:
    """How many active participants are at risk in each of these cohorts that is running: the
    kept standings that still hold, counted, and those that do not, worked out from the marks."""
    active = Enrolment.objects.filter(
        cohort__in=cohorts, cohort__status=CohortStatus.RUNNING, status=EnrolmentStatus.ACTIVE
    )
    counts: dict[int, int] = dict(
        active.filter(standing_short=True, standing_until__gt=now)
        .values_list("cohort_id")
        .annotate(number=Count("pk"))
        .values_list("cohort_id", "number")
        .order_by()
    )
    for _, cohort_id in at_risk_of(run_out(active, now), now):
        counts[cohort_id] = counts.get(cohort_id, 0) + 1
    return counts


# An activity's fields that change whose standing: what counts, when, and for whom.
_COUNTED = {"starts_at", "cancelled_at", "counts_towards_completion", "group", "team", "cohort"}


def _activity_changed(sender: type[Activity], instance: Activity, **kwargs: Any) -> None:
    """An activity added, rescheduled, cancelled, restored or deleted: its cohort's standings."""
    fields = kwargs.get("update_fields")
    if kwargs.get("raw") or (fields is not None and not _COUNTED & set(fields)):
        return
    keep_for_cohort(instance.cohort_id)


def _rules_changed(sender: type[CompletionRules], instance: CompletionRules, **kwargs: Any) -> None:
    """A programme's minimum attendance changed: every standing in it."""
    if not kwargs.get("raw"):
        keep_for_programme(instance.programme_id)


def _mark_changed(sender: type[Attendance], instance: Attendance, **kwargs: Any) -> None:
    """A mark saved or deleted one at a time (the admin, say): the standing no longer holds, and
    is worked out from the marks until it is kept again. The register, check-in and apologies
    keep it themselves once their marks are saved."""
    if not kwargs.get("raw"):
        Enrolment.objects.filter(pk=instance.enrolment_id).update(standing_until=None)


def connect() -> None:
    """Keep the standings whatever saves or deletes a mark, an activity or the rules (the pages,
    the API, imports, the admin)."""
    post_save.connect(_mark_changed, sender=Attendance, dispatch_uid="standings_mark")
    post_delete.connect(_mark_changed, sender=Attendance, dispatch_uid="standings_mark_gone")
    post_save.connect(_activity_changed, sender=Activity, dispatch_uid="standings_activity")
    post_delete.connect(_activity_changed, sender=Activity, dispatch_uid="standings_gone")
    post_save.connect(_rules_changed, sender=CompletionRules, dispatch_uid="standings_rules")
