"""Loads what the progression report reads, in a fixed number of queries whatever the size.

Completers are the programme's completed enrolments: their band at the start is read on the first
day of their cohort, and they are followed from the day they completed (the completion date on
their enrolment, set when staff confirm completion; the cohort's last day where none is recorded).
The comparison group is applicants to the programme who were not selected (turned down, or left
on the waiting list) and never took a place in it: their band is read on the first day of the
cohort they applied for, and they are followed from that cohort's last day, when they would have
completed. An applicant is "just below the line" when their moderated score is within
`NEAR_LINE_POINTS` below the selection line: the lowest moderated score among those in their
round who were offered a place and took it up or have not yet answered (an offer declined
says nothing about the line). People who chose not to
be followed up (`CareerChoice.follow_up` false) are left out of both groups.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.directory.models import CareerChoice, Post
from commonground.programmes.models import Enrolment, EnrolmentStatus, Programme
from commonground.recruitment.models import Application, Status

from .careers import Career, Held, career

NEAR_LINE_POINTS = Decimal(3)
NOT_SELECTED = (Status.UNSUCCESSFUL, Status.WAITING)
OFFERED = (Status.OFFERED, Status.ACCEPTED)


@dataclass(frozen=True)
class Completer:
    career: Career
    years_since_completion: int


@dataclass(frozen=True)
class Applicant:
    career: Career
    near_line: bool


@dataclass(frozen=True)
class Records:
    completers: list[Completer]
    applicants: list[Applicant]
    since: dt.date | None = None  # the first day of the first cohort anyone completed


def load(programme: Programme, today: dt.date) -> Records:
    """Five queries: completers, applicants not selected, selection lines, opt-outs, posts (each
    with the day it was last changed, from the audit log)."""
    completed = Enrolment.objects.filter(
        cohort__programme=programme, status=EnrolmentStatus.COMPLETED
    )
    took_place = Enrolment.objects.filter(
        cohort__programme=programme, status__in=EnrolmentStatus.TAKING_A_PLACE
    ).values("person_id")
    not_selected = Application.objects.filter(
        round__cohort__programme=programme, status__in=NOT_SELECTED, person__isnull=False
    ).exclude(person_id__in=took_place)
    enrolments = list(
        completed.values_list("person_id", "cohort__starts_on", "left_on", "cohort__ends_on")
    )
    applications = list(
        not_selected.values_list(
            "person_id",
            "round_id",
            "round__cohort__starts_on",
            "round__cohort__ends_on",
            "band",
            "moderated_score",
        )
    )
    lines = dict(
        Application.objects.filter(round__cohort__programme=programme, status__in=OFFERED)
        .values("round_id")
        .annotate(line=Min("moderated_score"))
        .values_list("round_id", "line")
    )
    in_report = Q(person_id__in=completed.values("person_id")) | Q(
        person_id__in=not_selected.values("person_id")
    )
    opted_out = set(
        CareerChoice.objects.filter(in_report, follow_up=False).values_list("person_id", flat=True)
    )
    posts: dict[int, list[Held]] = defaultdict(list)
    changes = AuditEntry.objects.filter(
        content_type__app_label="directory",
        content_type__model="post",
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at")
    rows = (
        Post.objects.filter(in_report)
        .annotate(changed=Subquery(changes.values("created_at")[:1]))
        .values_list("person_id", "band", "started_on", "ended_on", "confirmed_on", "changed")
    )
    for person_id, band, started, ended, confirmed, changed in rows:
        edited = timezone.localdate(changed) if changed else None
        known_on = max((d for d in (confirmed, edited) if d is not None), default=None)
        posts[person_id].append(Held(band, started, ended, known_on))
    completers = [
        Completer(
            career(posts[pk], starts, completed_on or ends, today),
            _whole_years(completed_on or ends, today),
        )
        for pk, starts, completed_on, ends in enrolments
        if pk not in opted_out
    ]
    applicants = [
        Applicant(
            career(posts[pk], starts, ends, today, band),
            _near(score, lines.get(round_id)),
        )
        for pk, round_id, starts, ends, band, score in applications
        if pk not in opted_out
    ]
    since = min((starts for _, starts, _, _ in enrolments), default=None)
    return Records(completers, applicants, since)


def _whole_years(since: dt.date, today: dt.date) -> int:
    return max((today - since).days, 0) * 4 // 1461


def _near(score: Decimal | None, line: Decimal | None) -> bool:
    return score is not None and line is not None and line - NEAR_LINE_POINTS <= score < line
