"""A year of cohort days at real venues, and the registers taken at the ones already held."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from commonground.programmes.models import ActivityKind, AttendanceStatus, EnrolmentStatus

from .plan import ActivityPlan, CohortPlan, EnrolmentPlan, MarkPlan, PersonPlan

LONDON = ZoneInfo("Europe/London")
ONLINE = "Online (Microsoft Teams)"
COUNTY_HALL = "County Hall, Market Road, Chelmsford"
VENUES = {
    "county_hall": COUNTY_HALL,
    "aru": "Anglia Ruskin University, Bishop Hall Lane, Chelmsford",
    "southend": "Southend Civic Centre, Victoria Avenue, Southend-on-Sea",
    "essex_uni": "University of Essex, Wivenhoe Park, Colchester",
    "harlow": "Harlow Civic Centre, The Water Gardens, Harlow",
    "thurrock": "Thurrock Council Civic Offices, New Road, Grays",
    "residential": "Wivenhoe House, University of Essex, Colchester",
    "online": ONLINE,
}
# Gatherings moved online while they could not meet in person.
LOCKDOWN = (dt.date(2020, 3, 16), dt.date(2021, 7, 19))


@dataclass(frozen=True)
class Session:
    kind: str
    title: str
    month: int  # 0 is September
    week: int  # which week of the month
    start: dt.time
    end: dt.time
    venue: str
    days: int = 1
    optional: bool = False


T = dt.time
YEAR = (
    Session(ActivityKind.LAUNCH, "Launch day", 0, 3, T(9, 30), T(16, 30), "county_hall"),
    Session(
        ActivityKind.RESIDENTIAL,
        "Residential: leading across boundaries",
        1,
        2,
        T(10),
        T(15, 30),
        "residential",
        days=2,
    ),
    Session(
        ActivityKind.LEARNING_DAY,
        "Learning day: leading in complexity",
        2,
        2,
        T(9, 30),
        T(16),
        "aru",
    ),
    Session(
        ActivityKind.PEER_COACHING,
        "Peer coaching sets: first meeting",
        2,
        4,
        T(14),
        T(16, 30),
        "online",
    ),
    Session(
        ActivityKind.LEARNING_DAY,
        "Learning day: resilience and wellbeing",
        4,
        3,
        T(9, 30),
        T(16),
        "southend",
    ),
    Session(
        ActivityKind.CHALLENGE_WORKSHOP,
        "100 Day Challenge: framing the problem",
        5,
        1,
        T(9, 30),
        T(16),
        "essex_uni",
    ),
    Session(
        ActivityKind.PEER_COACHING,
        "Peer coaching sets: second meeting",
        5,
        3,
        T(14),
        T(16, 30),
        "online",
    ),
    Session(
        ActivityKind.LEARNING_DAY, "Learning day: public narrative", 6, 2, T(9, 30), T(16), "harlow"
    ),
    Session(
        ActivityKind.ONLINE,
        "Online session: using data across the system",
        7,
        3,
        T(10),
        T(12),
        "online",
        optional=True,
    ),
    Session(
        ActivityKind.CHALLENGE_WORKSHOP,
        "100 Day Challenge: midpoint review",
        8,
        2,
        T(9, 30),
        T(13),
        "thurrock",
    ),
    Session(
        ActivityKind.PEER_COACHING,
        "Peer coaching sets: final meeting",
        9,
        2,
        T(14),
        T(16, 30),
        "online",
        optional=True,
    ),
    Session(
        ActivityKind.SHOWCASE,
        "Showcase and celebration with sponsors",
        10,
        2,
        T(13),
        T(17),
        "county_hall",
    ),
)

NORMAL = {
    AttendanceStatus.PRESENT: 86,
    AttendanceStatus.LATE: 5,
    AttendanceStatus.APOLOGIES: 7,
    AttendanceStatus.ABSENT: 2,
}
POOR = {
    AttendanceStatus.PRESENT: 25,
    AttendanceStatus.LATE: 10,
    AttendanceStatus.APOLOGIES: 35,
    AttendanceStatus.ABSENT: 30,
}


def _day(rng: random.Random, starts_on: dt.date, session: Session) -> dt.date:
    """A Tuesday, Wednesday or Thursday in the given week of the session's month."""
    month_index = starts_on.month - 1 + session.month
    first = dt.date(starts_on.year + month_index // 12, month_index % 12 + 1, 1)
    weekday = rng.choice((1, 2, 3))
    offset = (weekday - first.weekday()) % 7 + 7 * (session.week - 1)
    return first + dt.timedelta(days=min(offset, 27))


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LONDON)


class Calendar:
    def __init__(
        self,
        rng: random.Random,
        facilitators: list[PersonPlan],
        lead_facilitator: PersonPlan,
    ) -> None:
        self.rng = rng
        self.facilitators = facilitators
        self.lead = lead_facilitator

    def plan_year(self, cohort: CohortPlan, today: dt.date, poor: set[str]) -> None:
        slug = cohort.name.replace("/", "-")
        for number, session in enumerate(YEAR, start=1):
            if session.optional and self.rng.random() < 0.4:
                continue
            activity = self._activity(cohort, session, f"{slug}-{number}")
            if activity.starts_at.date() < today:
                self._take_register(activity, cohort.enrolments, poor)
            cohort.activities.append(activity)

    def _activity(self, cohort: CohortPlan, session: Session, code: str) -> ActivityPlan:
        rng = self.rng
        day = _day(rng, cohort.starts_on, session)
        online = session.venue == "online" or LOCKDOWN[0] <= day <= LOCKDOWN[1]
        team = rng.sample(self.facilitators, rng.choice((1, 2, 2)))
        if rng.random() < 0.6 and self.lead not in team:
            team[0] = self.lead
        title = (
            session.title
            if not online or session.venue == "online"
            else session.title + " (online)"
        )
        return ActivityPlan(
            kind=session.kind,
            title=title,
            starts_at=_at(day, session.start),
            ends_at=_at(day + dt.timedelta(days=session.days - 1), session.end),
            place=ONLINE if online else VENUES[session.venue],
            online_link=f"https://meet.example/lge-{code}" if online else "",
            facilitators=team,
            recorded_by="facilitator" if self.lead in team else "staff",
        )

    def _take_register(
        self, activity: ActivityPlan, enrolments: list[EnrolmentPlan], poor: set[str]
    ) -> None:
        rng = self.rng
        held_on = activity.starts_at.date()
        for enrolment in enrolments:
            if enrolment.enrolled_on > held_on:
                continue
            gone = enrolment.status in (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.DEFERRED)
            if gone and enrolment.left_on and held_on > enrolment.left_on:
                continue
            odds = POOR if enrolment.person.email in poor else NORMAL
            status = rng.choices(list(odds), list(odds.values()))[0]
            if activity.kind == ActivityKind.LAUNCH and enrolment.person.email not in poor:
                status = AttendanceStatus.PRESENT
            recorded_at = activity.ends_at + dt.timedelta(minutes=rng.randint(5, 240))
            activity.marks.append(MarkPlan(enrolment.person, status, recorded_at))
