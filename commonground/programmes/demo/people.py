"""Invented people in real organisations: job titles that match their band and sector, sponsors."""

from __future__ import annotations

import datetime as dt
import random
import re

from commonground.directory.models import Band, Sector
from commonground.directory.reference import OrganisationRow

from .names import NameBook, mailbox
from .plan import PersonPlan, PostPlan

# The bands participants hold when they join: senior leaders below the top team.
JOINING_BANDS = (Band.SENIOR_MANAGER, Band.HEAD_OF_SERVICE, Band.ASSISTANT_DIRECTOR)
JOINING_WEIGHTS = (30, 45, 25)

# How many participants each kind of organisation sends, relative to the others: councils and
# the NHS most, then police, fire, education, the voluntary sector and central government.
KIND_WEIGHTS = {
    "County council": 8.0,
    "Unitary council": 4.0,
    "District council": 1.2,
    "Police force": 5.0,
    "Commissioner": 0.8,
    "Probation service": 1.4,
    "Prison": 0.7,
    "Fire and rescue service": 3.5,
    "Integrated care board": 2.0,
    "Acute hospital trust": 3.0,
    "Mental health and community trust": 3.0,
    "Ambulance trust": 2.0,
    "Community health provider": 1.0,
    "University": 1.2,
    "Further education college": 0.7,
    "Government department": 1.5,
    "Council for voluntary service": 1.0,
    "Rural community council": 0.6,
    "Youth services charity": 0.6,
    "Strategic partnership board": 0.4,
}

TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    Sector.LOCAL_GOVERNMENT: {
        Band.CHIEF_OFFICER: ("Chief Executive",),
        Band.DIRECTOR: (
            "Executive Director, Adult Social Care",
            "Director of Children's Services",
            "Director of Place",
            "Director of Public Health",
            "Corporate Director, Communities",
        ),
        Band.ASSISTANT_DIRECTOR: (
            "Assistant Director, Housing",
            "Assistant Director, Children and Families",
            "Assistant Director, Adult Social Care",
            "Assistant Director, Economic Growth",
            "Assistant Director, Strategy and Insight",
        ),
        Band.HEAD_OF_SERVICE: (
            "Head of Community Safety",
            "Head of Housing Needs",
            "Head of Early Help",
            "Head of Commissioning",
            "Head of Planning",
            "Head of Customer Services",
            "Head of Public Health Programmes",
        ),
        Band.SENIOR_MANAGER: (
            "Service Manager, Family Support",
            "Strategic Commissioning Manager",
            "Partnerships Manager",
            "Homelessness Prevention Manager",
            "Transformation Programme Manager",
            "Senior Policy Manager",
        ),
    },
    Sector.HEALTH_AND_CARE: {
        Band.CHIEF_OFFICER: ("Chief Executive",),
        Band.DIRECTOR: (
            "Chief Nurse",
            "Director of Operations",
            "Director of Strategy",
            "Director of Transformation",
        ),
        Band.ASSISTANT_DIRECTOR: (
            "Associate Director of Nursing",
            "Associate Director, Population Health",
            "Deputy Director of Operations",
            "Associate Director of Mental Health Services",
        ),
        Band.HEAD_OF_SERVICE: (
            "Head of Integrated Care",
            "Head of Urgent Care",
            "Head of Patient Experience",
            "Head of Community Services",
            "Head of Safeguarding",
        ),
        Band.SENIOR_MANAGER: (
            "General Manager, Community Services",
            "Senior Programme Manager",
            "Clinical Lead, Frailty",
            "Locality Manager",
            "Matron",
        ),
    },
    Sector.POLICE_AND_JUSTICE: {
        Band.CHIEF_OFFICER: ("Chief Constable", "Chief Executive"),
        Band.DIRECTOR: ("Deputy Chief Constable", "Assistant Chief Constable", "Regional Director"),
        Band.ASSISTANT_DIRECTOR: (
            "Chief Superintendent",
            "Head of Probation Delivery Unit",
            "Deputy Governor",
        ),
        Band.HEAD_OF_SERVICE: (
            "Superintendent",
            "Head of Partnerships",
            "Head of Community Safety Commissioning",
        ),
        Band.SENIOR_MANAGER: ("Chief Inspector", "Senior Probation Officer", "Custodial Manager"),
    },
    Sector.FIRE_AND_RESCUE: {
        Band.CHIEF_OFFICER: ("Chief Fire Officer",),
        Band.DIRECTOR: ("Deputy Chief Fire Officer", "Director of Prevention and Protection"),
        Band.ASSISTANT_DIRECTOR: ("Area Manager", "Head of Prevention"),
        Band.HEAD_OF_SERVICE: ("Group Manager", "Head of Community Safety"),
        Band.SENIOR_MANAGER: ("Station Manager", "Prevention Manager"),
    },
    Sector.EDUCATION: {
        Band.CHIEF_OFFICER: ("Principal and Chief Executive", "Vice-Chancellor"),
        Band.DIRECTOR: ("Deputy Principal", "Pro Vice-Chancellor"),
        Band.ASSISTANT_DIRECTOR: ("Vice Principal, Curriculum", "Dean of Faculty"),
        Band.HEAD_OF_SERVICE: (
            "Assistant Principal",
            "Head of School",
            "Head of Student Services",
        ),
        Band.SENIOR_MANAGER: ("Curriculum Manager", "Head of Department", "Partnerships Manager"),
    },
    Sector.CENTRAL_GOVERNMENT: {
        Band.CHIEF_OFFICER: ("Group Director",),
        Band.DIRECTOR: ("District Manager",),
        Band.ASSISTANT_DIRECTOR: ("Senior Operations Leader",),
        Band.HEAD_OF_SERVICE: ("Customer Service Leader", "Employer and Partnership Manager"),
        Band.SENIOR_MANAGER: ("Jobcentre Manager", "Partnership Manager"),
    },
    Sector.VOLUNTARY_AND_COMMUNITY: {
        Band.CHIEF_OFFICER: ("Chief Executive",),
        Band.DIRECTOR: ("Deputy Chief Executive", "Director of Services"),
        Band.ASSISTANT_DIRECTOR: ("Head of Operations", "Director of Partnerships"),
        Band.HEAD_OF_SERVICE: ("Head of Community Development", "Head of Services"),
        Band.SENIOR_MANAGER: ("Senior Development Manager", "Volunteering Manager"),
    },
    Sector.PARTNERSHIP: {
        Band.CHIEF_OFFICER: ("Chair",),
        Band.DIRECTOR: ("Director",),
        Band.ASSISTANT_DIRECTOR: ("Strategic Lead",),
        Band.HEAD_OF_SERVICE: ("Head of Partnership Development",),
        Band.SENIOR_MANAGER: ("Partnership Manager",),
    },
}


def title_for(rng: random.Random, sector: str, band: str) -> str:
    return rng.choice(TITLES.get(sector, TITLES[Sector.PARTNERSHIP])[band])


def domain(organisation: OrganisationRow) -> str:
    """An invented mail domain from the organisation's name: clearly not its real address."""
    base = organisation.short_name or organisation.name
    if len(base) > 20:
        base = organisation.name
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") + ".example"


def new_person(
    rng: random.Random,
    names: NameBook,
    organisation: OrganisationRow,
    band: str,
    started_on: dt.date,
    title: str | None = None,
) -> PersonPlan:
    first, last = names.take(rng)
    post = PostPlan(
        organisation=organisation.name,
        title=title or title_for(rng, organisation.sector, band),
        band=band,
        started_on=started_on,
    )
    return PersonPlan(first, last, f"{mailbox(first, last)}@{domain(organisation)}", [post])


class Sponsors:
    """Chief officers and directors of each organisation, reused year after year."""

    def __init__(self, rng: random.Random, names: NameBook, first_year: int) -> None:
        self.rng = rng
        self.names = names
        self.first_year = first_year
        self.by_organisation: dict[str, list[PersonPlan]] = {}
        self.people: list[PersonPlan] = []

    def _team(self, organisation: OrganisationRow) -> list[PersonPlan]:
        team = self.by_organisation.get(organisation.name)
        if team is None:
            team = []
            for index in range(self.rng.choice((2, 3, 3, 4))):
                band = Band.CHIEF_OFFICER if index == 0 else Band.DIRECTOR
                # The first is in post from the start; the others arrive over the years.
                year = self.first_year - self.rng.randint(1, 6) if index < 2 else 0
                year = year or self.rng.randint(self.first_year, self.first_year + 7)
                started = dt.date(year, self.rng.randint(1, 12), 1)
                team.append(new_person(self.rng, self.names, organisation, band, started))
            self.by_organisation[organisation.name] = team
            self.people.extend(team)
        return team

    def pick(self, organisation: OrganisationRow, on: dt.date) -> PersonPlan:
        in_post = [p for p in self._team(organisation) if p.posts[0].started_on <= on]
        return self.rng.choice(in_post)
