"""What alumni did next: about a third move into a more senior post or another organisation."""

from __future__ import annotations

import datetime as dt
import random

from commonground.directory.models import Band
from commonground.directory.reference import OrganisationRow

from .names import mailbox
from .people import domain, title_for
from .plan import CohortPlan, PersonPlan, PostPlan


def _chance_of_moving(years_since: float) -> float:
    """Longer since the programme, likelier a move; about a third of all alumni overall."""
    return min(0.45, 0.08 + 0.06 * years_since)


def _promote(band: str) -> str:
    rank = Band.rank(band)
    return list(Band.values)[max(rank - 1, 0)]


class Careers:
    def __init__(self, rng: random.Random, organisations: list[OrganisationRow]) -> None:
        self.rng = rng
        self.by_name = {o.name: o for o in organisations}
        self.organisations = organisations

    def move_alumni(self, cohorts: list[CohortPlan], today: dt.date) -> None:
        for cohort in cohorts:
            years_since = (today - cohort.ends_on).days / 365.25
            for enrolment in cohort.enrolments:
                if enrolment.status != "completed" or years_since <= 0.1:
                    continue
                if self.rng.random() < _chance_of_moving(years_since):
                    self._move(enrolment.person, cohort.ends_on, today)
                    if years_since > 5 and self.rng.random() < 0.25:
                        self._move(enrolment.person, enrolment.person.current.started_on, today)

    def _move(self, person: PersonPlan, after: dt.date, today: dt.date) -> None:
        rng = self.rng
        old = person.current
        first = after + dt.timedelta(days=45)
        if first >= today:
            return
        started = first + dt.timedelta(days=rng.randint(0, min((today - first).days, 900)))
        organisation = self.by_name[old.organisation]
        roll = rng.random()
        band = _promote(old.band) if roll < 0.9 else old.band
        if roll >= 0.65:
            same_sector = [
                o
                for o in self.organisations
                if o.sector == organisation.sector and o.name != organisation.name
            ]
            organisation = rng.choice(same_sector or self.organisations)
            person.email = f"{mailbox(person.first_name, person.last_name)}@{domain(organisation)}"
        old.ended_on = started - dt.timedelta(days=1)
        person.posts.append(
            PostPlan(organisation.name, title_for(rng, organisation.sector, band), band, started)
        )
