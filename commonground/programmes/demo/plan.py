"""The demo as plain data: who exists, which cohorts ran, who came to what. No database here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class PostPlan:
    organisation: str
    title: str
    band: str
    started_on: dt.date
    ended_on: dt.date | None = None


@dataclass
class PersonPlan:
    first_name: str
    last_name: str
    email: str
    posts: list[PostPlan] = field(default_factory=list)

    @property
    def current(self) -> PostPlan:
        return self.posts[-1]

    @property
    def organisation(self) -> str:
        return self.current.organisation


@dataclass
class EnrolmentPlan:
    person: PersonPlan
    sponsor: PersonPlan
    status: str
    enrolled_on: dt.date
    left_on: dt.date | None = None


@dataclass
class MarkPlan:
    """One register entry: who, how they attended, and when the mark was recorded."""

    person: PersonPlan
    status: str
    recorded_at: dt.datetime


@dataclass
class ActivityPlan:
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_link: str
    facilitators: list[PersonPlan]
    recorded_by: str = "staff"  # the demo login whose name is on the register
    marks: list[MarkPlan] = field(default_factory=list)


@dataclass
class CohortPlan:
    name: str
    starts_on: dt.date
    ends_on: dt.date
    status: str
    enrolments: list[EnrolmentPlan] = field(default_factory=list)
    activities: list[ActivityPlan] = field(default_factory=list)


@dataclass
class LoginPlan:
    """A demo sign-in: the role it shows, its address and its person."""

    role: str
    email: str
    name: str
    person: PersonPlan | None
    programme_role: str | None
    superuser: bool


@dataclass
class DemoPlan:
    today: dt.date
    people: list[PersonPlan]
    cohorts: list[CohortPlan]
    logins: list[LoginPlan]
    staff: list[PersonPlan]
    facilitators: list[PersonPlan]
