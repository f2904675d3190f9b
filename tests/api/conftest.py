"""Calling the API as each persona with a personal token, and growing the data to count queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import ApiToken
from commonground.directory.models import Band, Organisation, Person, Post, Sector
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeRole,
    Role,
)
from tests.conftest import World

Params = dict[str, Any] | None


@dataclass
class Response:
    status: int
    body: Any


@dataclass
class Api:
    """GETs API URLs by name with a bearer token for a persona (none for "anonymous")."""

    world: World
    secrets: dict[str, str] = field(default_factory=dict)

    def token(self, role: str) -> str:
        if role not in self.secrets:
            self.secrets[role] = ApiToken.issue(self.world.users[role], "tests")[1]
        return self.secrets[role]

    def get(
        self, role: str, name: str, params: dict[str, Any] | None = None, **kwargs: Any
    ) -> Response:
        headers = {} if role == "anonymous" else {"Authorization": f"Bearer {self.token(role)}"}
        response = Client().get(
            reverse(f"api:{name}", kwargs=kwargs), params or {}, headers=headers
        )
        return Response(response.status_code, response.json())

    def ok(self, role: str, name: str, params: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        response = self.get(role, name, params, **kwargs)
        assert response.status == 200, response.body
        return response.body

    def names(
        self, role: str, name: str, params: dict[str, Any] | None = None, **kwargs: Any
    ) -> list[str]:
        return [item["name"] for item in self.ok(role, name, params, **kwargs)["items"]]


@pytest.fixture
def api(world: World) -> Api:
    return Api(world)


def add_people(world: World, count: int, cohort: Cohort | None = None) -> list[Person]:
    """`count` people with a post each, enrolled in `cohort` (sponsored by Sam) when given."""
    people = []
    for n in range(count):
        person = Person.objects.create(
            first_name=f"Extra{n:02d}",
            last_name=f"Person{n:02d}",
            email=f"extra{n}@example.org",
            organisation=world.other_organisation,
            job_title="Inspector",
            band=Band.SENIOR_MANAGER,
        )
        Post.objects.create(
            person=person,
            organisation=world.organisation,
            title="Analyst",
            band=Band.OTHER,
            started_on=dt.date(2015, 1, 1),
            ended_on=dt.date(2019, 1, 1),
        )
        if cohort is not None:
            Enrolment.objects.create(
                person=person,
                cohort=cohort,
                sponsor=world.sponsor_person,
                status=EnrolmentStatus.COMPLETED if n % 2 else EnrolmentStatus.ACTIVE,
            )
        people.append(person)
    return people


def add_organisations(count: int) -> None:
    for n in range(count):
        Organisation.objects.create(
            name=f"Extra body {n:02d}", sector=Sector.EDUCATION, area="Essex"
        )


def add_programmes(world: World, count: int, role: str = "staff") -> None:
    """`count` programmes where the persona has a role, each with a cohort and an enrolment."""
    for n in range(count):
        programme = Programme.objects.create(
            name=f"Extra programme {n:02d}", slug=f"extra-{n}", owner=world.organisation
        )
        ProgrammeRole.objects.create(programme=programme, user=world.users[role], role=Role(role))
        cohort = Cohort.objects.create(
            programme=programme,
            name="2026/27",
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2027, 7, 1),
        )
        Enrolment.objects.create(person=world.alumnus_person, cohort=cohort)


def add_cohorts(world: World, count: int) -> None:
    for n in range(count):
        Cohort.objects.create(
            programme=world.programme,
            name=f"20{n:02d}/old",
            starts_on=dt.date(2000 + n, 9, 1),
            ends_on=dt.date(2001 + n, 7, 1),
        )


def add_activities(world: World, count: int) -> None:
    facilitator = world.sponsor_person
    for n in range(count):
        start = timezone.now() + dt.timedelta(days=n + 10)
        activity = Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.ONLINE,
            title=f"Session {n:02d}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
        )
        activity.facilitators.add(facilitator, world.alumnus_person)


def add_attendance(world: World, count: int) -> None:
    for person in add_people(world, count, world.cohort):
        Attendance.objects.create(
            activity=world.activity,
            enrolment=person.enrolments.get(),
            status=AttendanceStatus.PRESENT,
            recorded_by=world.users["facilitator"],
        )
