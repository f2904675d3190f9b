"""One demo sign-in per role, each tied to a fitting person, with one shared demo password."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from commonground.accounts.models import User
from commonground.directory.models import Band
from commonground.directory.reference import OrganisationRow
from commonground.programmes.models import CohortStatus, Enrolment, EnrolmentStatus, Role

from .names import NameBook
from .people import new_person
from .plan import CohortPlan, LoginPlan, PersonPlan

DEMO_PASSWORD = "demo-password-2026"  # nosec B105  # printed in the README; demo only
DEMO_DOMAIN = "demo.commonground.example"
OWNER = "Essex Partners"


# Each role, in the order the table lists them, with what its holder will see.
ROLES = {
    "admin": "Everything, and the site administration at /admin/",
    "staff": "Runs Leading Greater Essex: every cohort, person, register and export",
    "facilitator": "Every cohort's participants and calendar; takes registers",
    "sponsor": "The participants they sponsor{detail} and how they are getting on",
    "participant": "Their own cohort{detail}: fellow participants and the calendar",
    "alumnus": "Their past cohort{detail} and their own career record",
    "evaluator": "Counts and aggregates only, with small numbers hidden",
    "board": "Programme figures only: how many took part, completed and moved up",
}


def demo_email(role: str) -> str:
    return f"{role}@{DEMO_DOMAIN}"


class Team:
    """The people who run, teach, evaluate and oversee the programme."""

    def __init__(
        self, rng: random.Random, names: NameBook, organisations: dict[str, OrganisationRow]
    ) -> None:
        since = dt.date(2015, 4, 1)
        owner = organisations[OWNER]
        self.staff = [
            new_person(rng, names, owner, Band.HEAD_OF_SERVICE, since, "Programme Director"),
            new_person(rng, names, owner, Band.SENIOR_MANAGER, since, "Programme Coordinator"),
        ]
        self.facilitators = [
            new_person(rng, names, owner, Band.OTHER, since, title)
            for title in (
                "Lead Facilitator",
                "Associate Facilitator",
                "Associate Facilitator",
                "Leadership Coach",
            )
        ]
        self.evaluator = new_person(
            rng,
            names,
            organisations["University of Essex"],
            Band.OTHER,
            dt.date(2018, 1, 1),
            "Senior Lecturer in Public Leadership",
        )
        self.board = new_person(
            rng, names, owner, Band.CHIEF_OFFICER, dt.date(2019, 6, 1), "Board Member"
        )

    @property
    def people(self) -> list[PersonPlan]:
        return [*self.staff, *self.facilitators, self.evaluator, self.board]


def _running(cohorts: list[CohortPlan]) -> CohortPlan | None:
    return next((c for c in reversed(cohorts) if c.status == CohortStatus.RUNNING), None)


def pick_participant(rng: random.Random, cohort: CohortPlan, poor: set[str]) -> PersonPlan:
    active = [
        e.person
        for e in cohort.enrolments
        if e.status == EnrolmentStatus.ACTIVE and e.person.email not in poor
    ]
    return rng.choice(active)


def pick_sponsor(cohort: CohortPlan) -> PersonPlan:
    """The sponsor with the most participants in the cohort, so the demo shows several."""
    counts = Counter(e.sponsor.email for e in cohort.enrolments)
    best = min(counts, key=lambda email: (-counts[email], email))
    return next(e.sponsor for e in cohort.enrolments if e.sponsor.email == best)


def pick_alumnus(rng: random.Random, cohorts: list[CohortPlan]) -> PersonPlan:
    """Someone who completed a few years ago and has since moved up, if there is such a person."""
    past = [c for c in cohorts if c.status == CohortStatus.COMPLETED]
    cohort = past[-3] if len(past) >= 3 else past[-1]
    completed = [e.person for e in cohort.enrolments if e.status == EnrolmentStatus.COMPLETED]
    movers = [p for p in completed if len(p.posts) > 1]
    return rng.choice(movers or completed)


def plan_logins(
    rng: random.Random, team: Team, cohorts: list[CohortPlan], poor: set[str]
) -> list[LoginPlan]:
    running = _running(cohorts)
    people: dict[str, PersonPlan | None] = {
        "admin": None,
        "staff": team.staff[0],
        "facilitator": team.facilitators[0],
    }
    if running is not None:
        people["sponsor"] = pick_sponsor(running)
        people["participant"] = pick_participant(rng, running, poor)
    people["alumnus"] = pick_alumnus(rng, cohorts)
    people["evaluator"] = team.evaluator
    people["board"] = team.board
    programme_roles = {
        "staff": Role.STAFF,
        "facilitator": Role.FACILITATOR,
        "evaluator": Role.EVALUATOR,
        "board": Role.BOARD,
    }
    return [
        LoginPlan(
            role=role,
            email=demo_email(role),
            name=f"{person.first_name} {person.last_name}" if person else "Site Administrator",
            person=person,
            programme_role=programme_roles.get(role),
            superuser=role == "admin",
        )
        for role, person in people.items()
    ]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str
    sees: str


def _detail(role: str, user: User) -> str:
    if role == "sponsor":
        count = Enrolment.objects.filter(sponsor__user=user, status=EnrolmentStatus.ACTIVE).count()
        return f" ({count} taking part now)" if count else ""
    if role in ("participant", "alumnus"):
        cohorts = Enrolment.objects.filter(person__user=user).values_list("cohort__name", flat=True)
        return f" ({', '.join(sorted(cohorts))})" if cohorts else ""
    return ""


def demo_logins() -> list[DemoLogin]:
    """The demo sign-ins that exist in the database, with what each will see there."""
    users = {u.email: u for u in User.objects.filter(email__endswith="@" + DEMO_DOMAIN)}
    rows = []
    for role, sees in ROLES.items():
        user = users.get(demo_email(role))
        if user is not None:
            rows.append(
                DemoLogin(role, user.email, user.name, sees.format(detail=_detail(role, user)))
            )
    return rows
