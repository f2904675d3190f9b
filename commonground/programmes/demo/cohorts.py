"""The cohort calendar (September to July, one a year since 2016/17) and who enrolled in each."""

from __future__ import annotations

import datetime as dt
import random

from commonground.directory.reference import OrganisationRow
from commonground.programmes.models import CohortStatus, EnrolmentStatus

from .names import NameBook
from .people import JOINING_BANDS, JOINING_WEIGHTS, KIND_WEIGHTS, Sponsors, new_person
from .plan import CohortPlan, EnrolmentPlan

FIRST_YEAR = 2016


def cohort_name(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def cohort_status(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> str:
    """Completed once July is over, running from September; before that, by the season."""
    if today > ends_on:
        return CohortStatus.COMPLETED
    if today >= starts_on:
        return CohortStatus.RUNNING
    days_to_go = (starts_on - today).days
    if days_to_go > 183:
        return CohortStatus.PLANNING
    if days_to_go > 92:
        return CohortStatus.RECRUITING
    return CohortStatus.SELECTING


def calendar(today: dt.date) -> list[CohortPlan]:
    """Every cohort from 2016/17 that has started, and the next one if it starts within a year."""
    cohorts: list[CohortPlan] = []
    year = FIRST_YEAR
    while True:
        starts_on, ends_on = dt.date(year, 9, 1), dt.date(year + 1, 7, 31)
        if starts_on > today + dt.timedelta(days=365):
            return cohorts
        cohorts.append(
            CohortPlan(
                cohort_name(year), starts_on, ends_on, cohort_status(starts_on, ends_on, today)
            )
        )
        if starts_on > today:
            return cohorts
        year += 1


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


class Intake:
    """Fills each cohort with about 45 leaders, weighted towards councils and the NHS."""

    def __init__(
        self,
        rng: random.Random,
        names: NameBook,
        organisations: list[OrganisationRow],
        sponsors: Sponsors,
    ) -> None:
        self.rng = rng
        self.names = names
        self.sending = [o for o in organisations if KIND_WEIGHTS.get(o.kind, 0) > 0]
        self.weights = [KIND_WEIGHTS[o.kind] for o in self.sending]
        self.by_name = {o.name: o for o in organisations}
        self.sponsors = sponsors
        self.deferred: list[EnrolmentPlan] = []

    def fill(self, cohort: CohortPlan, today: dt.date, next_has_started: bool) -> None:
        rng = self.rng
        carried = [
            EnrolmentPlan(e.person, e.sponsor, EnrolmentStatus.ACTIVE, cohort.starts_on)
            for e in self.deferred
        ]
        fresh = [self._newcomer(cohort) for _ in range(rng.randint(43, 48) - len(carried))]
        self.deferred = []
        if cohort.status == CohortStatus.COMPLETED:
            self._finish_past(cohort, fresh, next_has_started)
            for enrolment in carried:
                enrolment.status, enrolment.left_on = EnrolmentStatus.COMPLETED, cohort.ends_on
        else:
            self._withdraw_some(cohort, fresh, today)
        cohort.enrolments = sorted(carried + fresh, key=lambda e: e.person.email)

    def _newcomer(self, cohort: CohortPlan) -> EnrolmentPlan:
        rng = self.rng
        organisation = rng.choices(self.sending, self.weights)[0]
        band = rng.choices(JOINING_BANDS, JOINING_WEIGHTS)[0]
        started = cohort.starts_on - dt.timedelta(days=rng.randint(120, 2400))
        person = new_person(rng, self.names, organisation, band, started)
        sponsor = self.sponsors.pick(organisation, cohort.starts_on)
        return EnrolmentPlan(person, sponsor, EnrolmentStatus.ACTIVE, cohort.starts_on)

    def _finish_past(
        self, cohort: CohortPlan, fresh: list[EnrolmentPlan], next_has_started: bool
    ) -> None:
        rng = self.rng
        order = rng.sample(fresh, len(fresh))
        deferring = rng.choice((1, 1, 2, 2, 3)) if next_has_started else 0
        withdrawing = rng.randint(3, 5)
        for index, enrolment in enumerate(order):
            if index < deferring:
                enrolment.status = EnrolmentStatus.DEFERRED
                enrolment.left_on = _between(
                    rng,
                    cohort.starts_on + dt.timedelta(days=20),
                    dt.date(cohort.ends_on.year, 2, 1),
                )
                self.deferred.append(enrolment)
            elif index < deferring + withdrawing:
                enrolment.status = EnrolmentStatus.WITHDRAWN
                enrolment.left_on = _between(
                    rng,
                    cohort.starts_on + dt.timedelta(days=30),
                    cohort.ends_on - dt.timedelta(days=30),
                )
            else:
                enrolment.status, enrolment.left_on = EnrolmentStatus.COMPLETED, cohort.ends_on

    def _withdraw_some(
        self, cohort: CohortPlan, fresh: list[EnrolmentPlan], today: dt.date
    ) -> None:
        """One or two leave a running cohort once it is a few weeks old."""
        if cohort.status != CohortStatus.RUNNING or (today - cohort.starts_on).days < 40:
            return
        for enrolment in self.rng.sample(fresh, self.rng.randint(1, 2)):
            enrolment.status = EnrolmentStatus.WITHDRAWN
            enrolment.left_on = _between(
                self.rng, cohort.starts_on + dt.timedelta(days=30), today - dt.timedelta(days=1)
            )

    def organisation(self, name: str) -> OrganisationRow:
        return self.by_name[name]
