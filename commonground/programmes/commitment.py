"""Each participant's attendance against the programme's commitment, and who is at risk.

Counted activities are those that count towards completion and are not cancelled (an activity
for one learning set or challenge team counts only for its members). Attended
means present or late. A participant is at risk when their share of the counted activities
held so far is below the programme's minimum, or when even attending everything still to come
would leave them short of it. Every function here runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .audiences import WHOLE_COHORT, open_to_enrolment
from .models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Cohort,
    CompletionRules,
    Enrolment,
    EnrolmentStatus,
    Programme,
)


def _count(activities: QuerySet[Activity]) -> QuerySet[Any, Any]:
    """The number of these activities, as a one-value subquery."""
    return activities.order_by().values("cohort_id").annotate(number=Count("pk")).values("number")


def rules_for(programme: Programme) -> CompletionRules:
    """The programme's rules, or the defaults (80%, challenge presented) when none are saved."""
    rules = CompletionRules.objects.filter(programme=programme).first()
    return rules or CompletionRules(programme=programme)


def rules_by_programme(programme_ids: Iterable[int]) -> dict[int, CompletionRules]:
    saved = {
        rules.programme_id: rules
        for rules in CompletionRules.objects.filter(programme_id__in=list(programme_ids))
    }
    return {pk: saved.get(pk) or CompletionRules(programme_id=pk) for pk in programme_ids}


@dataclass
class Standing:
    """One participant's attendance of the counted activities."""

    enrolment: Enrolment
    minimum: int  # percent
    counted: int  # counted activities in the whole year
    held: int  # counted activities that have started
    attended: int
    apologies: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def share_so_far(self) -> int | None:
        return round(100 * self.attended / self.held) if self.held else None

    @property
    def share_of_year(self) -> int | None:
        return round(100 * self.attended / self.counted) if self.counted else None

    @property
    def needed(self) -> int:
        """How many counted activities the minimum takes, over the whole year."""
        return -(-self.counted * self.minimum // 100)

    @property
    def best_possible(self) -> int:
        return self.attended + (self.counted - self.held)

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)

    @property
    def shown(self) -> str:
        if not self.held:
            return "No counted activities yet"
        return f"{self.attended} of {self.held} so far ({self.share_so_far}%)"


def _reasons(minimum: int, counted: int, held: int, attended: int, apologies: int) -> list[str]:
    """Why an active participant is at risk, if they are."""
    if not held:
        return []
    reasons = []
    share = round(100 * attended / held)
    if share < minimum:
        reasons.append(
            f"attended {attended} of {held} counted activities so far "
            f"({share}%), below the {minimum}% the programme asks for"
        )
    needed = -(-counted * minimum // 100)
    if attended + (counted - held) < needed:
        reasons.append(
            f"cannot reach {minimum}% now, even attending all "
            f"{counted - held} counted activities still to come"
        )
    if apologies >= 2:
        reasons.append(f"sent apologies {apologies} times")
    return reasons


def _assess(standing: Standing) -> Standing:
    if standing.enrolment.status == EnrolmentStatus.ACTIVE:
        standing.reasons.extend(
            _reasons(
                standing.minimum,
                standing.counted,
                standing.held,
                standing.attended,
                standing.apologies,
            )
        )
    return standing


def standings(enrolments: list[Enrolment], now: dt.datetime | None = None) -> dict[int, Standing]:
    """The standing of each enrolment (any cohorts), in three queries whatever their number.

    Activities for one group only count for that group's members.

    Each enrolment needs `cohort` loaded (select_related("cohort")).
    """
    now = now or timezone.now()
    # Each enrolment's counted activities: the cohort's own, and those of the groups it is in.
    counted_here = Activity.objects.filter(
        cohort_id=OuterRef("cohort_id"),
        counts_towards_completion=True,
        cancelled_at__isnull=True,
    ).filter(open_to_enrolment(OuterRef(OuterRef("pk"))))
    totals: dict[int, tuple[int, int]] = {
        pk: (counted_all, held)
        for pk, counted_all, held in Enrolment.objects.filter(
            pk__in=[enrolment.pk for enrolment in enrolments]
        )
        .annotate(
            counted_all=Coalesce(Subquery(_count(counted_here)), 0),
            held=Coalesce(Subquery(_count(counted_here.filter(starts_at__lte=now))), 0),
        )
        .values_list("pk", "counted_all", "held")
        .order_by()
    }
    marks: dict[int, tuple[int, int]] = {
        row["enrolment_id"]: (row["came"], row["apologies"])
        for row in Attendance.objects.filter(
            open_to_enrolment(OuterRef("enrolment_id"), prefix="activity__"),
            enrolment_id__in=[enrolment.pk for enrolment in enrolments],
            activity__counts_towards_completion=True,
            activity__cancelled_at__isnull=True,
        )
        .values("enrolment_id")
        .annotate(
            came=Count("pk", filter=Q(status__in=AttendanceStatus.ATTENDED)),
            apologies=Count(
                "pk", filter=Q(status=AttendanceStatus.APOLOGIES, activity__starts_at__lte=now)
            ),
        )
        .order_by()
    }
    rules = rules_by_programme({enrolment.cohort.programme_id for enrolment in enrolments})
    result = {}
    for enrolment in enrolments:
        counted, held = totals.get(enrolment.pk, (0, 0))
        attended, apologies = marks.get(enrolment.pk, (0, 0))
        result[enrolment.pk] = _assess(
            Standing(
                enrolment=enrolment,
                minimum=rules[enrolment.cohort.programme_id].minimum_attendance,
                counted=counted,
                held=held,
                attended=attended,
                apologies=apologies,
            )
        )
    return result


def cohort_standings(cohort: Cohort) -> list[Standing]:
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort).select_related(
            "person__organisation", "sponsor", "cohort__programme"
        )
    )
    found = standings(enrolments)
    return [found[enrolment.pk] for enrolment in enrolments]


@dataclass(frozen=True)
class Figures:
    """One enrolment's attendance figures at a moment, and until when they hold."""

    cohort_id: int
    minimum: int  # percent
    counted: int
    held: int
    attended: int
    apologies: int
    until: dt.datetime | None  # the next counted activity's start; None when none is to come

    @property
    def short(self) -> bool:
        """Whether these figures put the participant at risk (if they are still active)."""
        return bool(_reasons(self.minimum, self.counted, self.held, self.attended, self.apologies))


def _sooner(first: dt.datetime | None, second: dt.datetime | None) -> dt.datetime | None:
    return min((when for when in (first, second) if when is not None), default=None)


def figures_of(enrolments: QuerySet[Enrolment], now: dt.datetime) -> dict[int, Figures]:
    """The attendance figures of every enrolment a query selects, by enrolment id.

    `standings` looks each enrolment up by id, with a subquery per enrolment: fine for a cohort,
    but for thousands of enrolments it sends thousands of ids, and PostgreSQL compiles the plan
    (JIT) for longer than it runs. Here each figure is a grouped join over the query itself, so
    no list of ids is sent and nothing is looked up per enrolment (eight queries whatever the
    numbers), and only numbers are read: no record is built for each participant.
    """
    counted = Activity.objects.filter(counts_towards_completion=True, cancelled_at__isnull=True)
    held = Count("pk", filter=Q(starts_at__lte=now))
    upcoming = Min("starts_at", filter=Q(starts_at__gt=now))
    whole = {
        cohort_id: (total, done, nxt)
        for cohort_id, total, done, nxt in counted.filter(
            WHOLE_COHORT, cohort_id__in=enrolments.values("cohort_id")
        )
        .values_list("cohort_id")
        .annotate(total=Count("pk"), done=held, nxt=upcoming)
        .values_list("cohort_id", "total", "done", "nxt")
        .order_by()
    }
    # Activities for one learning set or team, counted for each member: reached through the
    # placements and memberships, which name the group by the activity's own foreign key.
    own: dict[int, tuple[int, int, dt.datetime | None]] = {}
    for member in ("group__placements__enrolment", "team__memberships__enrolment"):
        for enrolment_id, total, done, nxt in (
            counted.filter(**{f"{member}__in": enrolments})
            .values_list(f"{member}_id")
            .annotate(total=Count("pk"), done=held, nxt=upcoming)
            .values_list(f"{member}_id", "total", "done", "nxt")
            .order_by()
        ):
            before = own.get(enrolment_id, (0, 0, None))
            own[enrolment_id] = (before[0] + total, before[1] + done, _sooner(before[2], nxt))
    # Marks count only for activities still open to the enrolment (not a set they have left).
    marks: dict[int, tuple[int, int]] = {}
    for open_to_them in (
        Q(activity__group__isnull=True, activity__team__isnull=True),
        Q(activity__group__placements__enrolment=F("enrolment")),
        Q(activity__team__memberships__enrolment=F("enrolment")),
    ):
        for enrolment_id, came, apologies in (
            Attendance.objects.filter(
                open_to_them,
                enrolment__in=enrolments,
                activity__counts_towards_completion=True,
                activity__cancelled_at__isnull=True,
            )
            .values_list("enrolment_id")
            .annotate(
                came=Count("pk", filter=Q(status__in=AttendanceStatus.ATTENDED)),
                apologies=Count(
                    "pk", filter=Q(status=AttendanceStatus.APOLOGIES, activity__starts_at__lte=now)
                ),
            )
            .values_list("enrolment_id", "came", "apologies")
            .order_by()
        ):
            was = marks.get(enrolment_id, (0, 0))
            marks[enrolment_id] = (was[0] + came, was[1] + apologies)
    rows = list(enrolments.values_list("pk", "cohort_id", "cohort__programme_id").order_by())
    # Sent as a subquery, so the query runs (and is counted) even when no enrolment is selected.
    saved = {
        rules.programme_id: rules
        for rules in CompletionRules.objects.filter(
            programme_id__in=enrolments.values("cohort__programme_id")
        )
    }
    rules = {pid: saved.get(pid) or CompletionRules(programme_id=pid) for *_, pid in rows}
    found = {}
    for pk, cohort_id, programme_id in rows:
        total, done, nxt = whole.get(cohort_id, (0, 0, None))
        extra_total, extra_done, extra_nxt = own.get(pk, (0, 0, None))
        attended, apologies = marks.get(pk, (0, 0))
        found[pk] = Figures(
            cohort_id=cohort_id,
            minimum=rules[programme_id].minimum_attendance,
            counted=total + extra_total,
            held=done + extra_done,
            attended=attended,
            apologies=apologies,
            until=_sooner(nxt, extra_nxt),
        )
    return found


def at_risk_of(
    enrolments: QuerySet[Enrolment], now: dt.datetime | None = None
) -> list[tuple[int, int]]:
    """The active enrolments a query selects that are at risk, as (enrolment id, cohort id),
    worked out from their attendance marks (see `figures_of`)."""
    now = now or timezone.now()
    active = enrolments.filter(status=EnrolmentStatus.ACTIVE)
    return [(pk, found.cohort_id) for pk, found in figures_of(active, now).items() if found.short]


def at_risk_in_running_cohorts(programme_ids: Iterable[int] | None) -> list[tuple[int, int]]:
    """Active participants at risk in the running cohorts of these programmes (None: all), as
    (enrolment id, cohort id)."""
    enrolments = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE, cohort__status="running")
    if programme_ids is not None:
        enrolments = enrolments.filter(cohort__programme_id__in=list(programme_ids))
    return at_risk_of(enrolments)
