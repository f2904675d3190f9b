"""The demo's running of the year: completion rules, certificates of past completers, apologies
in the running cohort, a calendar link for the demo participant, and a peer-coaching meeting
for each published learning set of the running cohort.

Idempotent (None once everything exists), deterministic and written in one transaction with bulk
inserts and no audit entries. The foundation seed already made two poor attenders in the running
cohort, so the cohort page shows them at risk.
"""

from __future__ import annotations

import base64
import datetime as dt
import random

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commonground.grouping.models import Group, Kind, Status
from commonground.lib.links import digest
from commonground.programmes.demo.logins import demo_email
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    CalendarFeed,
    Certificate,
    CohortStatus,
    CompletionRules,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

SLUG = "leading-greater-essex"
# A fixed secret so the demo's calendar link is known; a real link is random.
DEMO_FEED_TOKEN = "demo-participant-calendar-link"  # nosec B105  # a demo feed link, printed for the demo
SET_VENUES = [
    "Committee Room 2, County Hall, Chelmsford",
    "Meeting room, Southend Civic Centre",
    "Thurrock Council offices, Grays",
    "Brentwood Town Hall",
]
REASONS = [
    "Leading a court hearing that day",
    "Annual leave booked before I joined",
    "Major incident cover",
    "",
    "Inspection visit",
]


def _code(rng: random.Random) -> str:
    return base64.urlsafe_b64encode(rng.randbytes(12)).decode()


@transaction.atomic
def seed() -> str | None:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        return None
    lines = [line for line in (_year(programme), _set_meetings(programme)) if line]
    return " ".join(lines) or None


def _year(programme: Programme) -> str | None:
    if CompletionRules.objects.filter(programme=programme).exists():
        return None
    rng = random.Random(6)  # nosec B311  # seeded on purpose, so the demo is the same every time
    CompletionRules.objects.create(
        programme=programme,
        commitment="10 cohort days plus about 40 hours of work on the system challenge",
        minimum_attendance=80,
        challenge_presented=True,
        end_survey_answered=True,
    )
    completed = list(
        Enrolment.objects.filter(
            cohort__programme=programme, status=EnrolmentStatus.COMPLETED
        ).select_related("cohort")
    )
    Certificate.objects.bulk_create(
        Certificate(
            enrolment=enrolment,
            code=_code(rng),
            issued_on=enrolment.left_on or enrolment.cohort.ends_on,
        )
        for enrolment in completed
    )
    apologies = _apologies(programme, rng)
    participant = Enrolment.objects.filter(
        cohort__programme=programme,
        cohort__status=CohortStatus.RUNNING,
        person__user__email=demo_email("participant"),
    ).first()
    feed = ""
    if participant is not None:
        CalendarFeed.objects.update_or_create(
            person_id=participant.person_id, defaults={"token_hash": digest(DEMO_FEED_TOKEN)}
        )
        feed = (
            "; the demo participant's calendar feed is "
            + settings.SITE_URL
            + reverse("programmes:calendar_feed", args=[DEMO_FEED_TOKEN])
        )
    return (
        f"Running the year: completion rules, {len(completed)} certificates, "
        f"{apologies} apologies sent ahead in the running cohort{feed}."
    )


def _set_meetings(programme: Programme) -> str | None:
    """One peer-coaching meeting for each published learning set of the running cohort.

    Only the set's members see it in their calendar and are on its register. The grouping
    step, which runs before this one, publishes the sets; sets that already have a meeting are
    left alone, so a second run adds nothing.
    """
    groups = list(
        Group.objects.filter(
            grouping__cohort__programme=programme,
            grouping__cohort__status=CohortStatus.RUNNING,
            grouping__kind=Kind.LEARNING_SETS,
            grouping__status=Status.PUBLISHED,
            activities__isnull=True,
        ).order_by("grouping_id", "round", "number")
    )
    if not groups:
        return None
    # The second Tuesday from today onwards, sets meeting on the days of that week in turn.
    today = timezone.localdate()
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 + 7)
    meetings = []
    for number, group in enumerate(groups):
        day = tuesday + dt.timedelta(days=number % 4)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(14 if number % 2 else 10)))
        meetings.append(
            Activity(
                cohort_id=group.grouping.cohort_id,
                kind=ActivityKind.PEER_COACHING,
                title=f"Peer coaching: {group.name}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                place=SET_VENUES[number % len(SET_VENUES)],
                group=group,
                counts_towards_completion=False,
            )
        )
    Activity.objects.bulk_create(meetings)
    return f"{len(meetings)} peer-coaching meetings, one for each published learning set."


def _apologies(programme: Programme, rng: random.Random) -> int:
    """A few participants tell staff ahead that they will miss the next activities."""
    now = timezone.now()
    upcoming = list(
        Activity.objects.filter(
            cohort__programme=programme,
            cohort__status=CohortStatus.RUNNING,
            starts_at__gt=now,
            cancelled_at__isnull=True,
        ).order_by("starts_at", "pk")[:2]
    )
    if not upcoming:
        return 0
    enrolments = list(
        Enrolment.objects.filter(
            cohort_id=upcoming[0].cohort_id, status=EnrolmentStatus.ACTIVE
        ).order_by("pk")
    )
    marked = set(
        Attendance.objects.filter(activity__in=upcoming).values_list("activity_id", "enrolment_id")
    )
    rows = []
    for activity in upcoming:
        for number, enrolment in enumerate(rng.sample(enrolments, min(3, len(enrolments)))):
            if (activity.pk, enrolment.pk) in marked:
                continue
            rows.append(
                Attendance(
                    activity=activity,
                    enrolment=enrolment,
                    status=AttendanceStatus.APOLOGIES,
                    note=REASONS[(number + activity.pk) % len(REASONS)],
                    recorded_at=now,
                )
            )
    Attendance.objects.bulk_create(rows)
    return len(rows)
