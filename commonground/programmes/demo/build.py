"""Builds the whole demo as plain data from a fixed seed and the date it is built on."""

from __future__ import annotations

import datetime as dt
import random

from commonground.directory.reference import OrganisationRow
from commonground.programmes.models import CohortStatus, EnrolmentStatus

from .activities import Calendar
from .careers import Careers
from .cohorts import FIRST_YEAR, Intake, calendar
from .logins import Team, plan_logins
from .names import NameBook
from .people import Sponsors
from .plan import CohortPlan, DemoPlan

SEED = 20160901


def _poor_attenders(rng: random.Random, cohort: CohortPlan) -> set[str]:
    """Two participants of a running cohort who have missed most days so far."""
    if cohort.status != CohortStatus.RUNNING:
        return set()
    active = [e.person.email for e in cohort.enrolments if e.status == EnrolmentStatus.ACTIVE]
    return set(rng.sample(active, 2))


def build_plan(today: dt.date, organisations: list[OrganisationRow], seed: int = SEED) -> DemoPlan:
    rng = random.Random(seed)  # nosec B311  # seeded on purpose, so the demo is the same every time
    names = NameBook()
    by_name = {o.name: o for o in organisations}
    team = Team(rng, names, by_name)
    sponsors = Sponsors(rng, names, FIRST_YEAR)
    intake = Intake(rng, names, organisations, sponsors)
    cohorts = calendar(today)
    started = [c for c in cohorts if c.starts_on <= today]
    poor: set[str] = set()
    for index, cohort in enumerate(started):
        intake.fill(cohort, today, next_has_started=index + 1 < len(started))
        poor |= _poor_attenders(rng, cohort)
    Careers(rng, organisations).move_alumni(started, today)
    diary = Calendar(rng, team.facilitators, team.facilitators[0])
    for cohort in started:
        diary.plan_year(cohort, today, poor)
    participants = {id(e.person): e.person for c in started for e in c.enrolments}
    return DemoPlan(
        today=today,
        people=[*team.people, *sponsors.people, *participants.values()],
        cohorts=cohorts,
        logins=plan_logins(rng, team, cohorts, poor),
        staff=team.staff,
        facilitators=team.facilitators,
    )
