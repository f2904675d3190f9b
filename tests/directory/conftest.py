"""Fixtures for the directory pages: more organisations, people and records on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from commonground.directory.models import Area, Band, Organisation, Person, Post, Sector
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Cohort,
    Enrolment,
)
from tests.conftest import World


@pytest.fixture
def add_people(world: World) -> Callable[[int], list[Person]]:
    """Adds `n` people at the council, each enrolled in the running cohort with a post."""

    def add(n: int) -> list[Person]:
        people = []
        for i in range(n):
            person = Person.objects.create(
                first_name=f"Extra{i}",
                last_name=f"Person{i:03}",
                email=f"extra{i}@example.org",
                organisation=world.organisation,
                job_title="Service manager",
                band=Band.SENIOR_MANAGER,
            )
            Post.objects.create(
                person=person,
                organisation=world.organisation,
                title="Service manager",
                band=Band.SENIOR_MANAGER,
                started_on=dt.date(2020, 1, 1),
            )
            Enrolment.objects.create(
                person=person, cohort=world.cohort, sponsor=world.sponsor_person
            )
            people.append(person)
        return people

    return add


@pytest.fixture
def add_organisations(world: World) -> Callable[[int], list[Organisation]]:
    def add(n: int) -> list[Organisation]:
        return [
            Organisation.objects.create(
                name=f"Borough Council {i:03}", sector=Sector.LOCAL_GOVERNMENT, area=Area.ESSEX
            )
            for i in range(n)
        ]

    return add


@pytest.fixture
def add_history(world: World) -> Callable[[int], None]:
    """Gives the participant `n` more cohorts (with marks and posts) and `n` people to sponsor."""

    def add(n: int) -> None:
        person = world.participant_person
        for i in range(n):
            cohort = Cohort.objects.create(
                programme=world.programme,
                name=f"20{i:02}/extra",
                starts_on=dt.date(2000 + i, 9, 1),
                ends_on=dt.date(2001 + i, 7, 31),
            )
            enrolment = Enrolment.objects.create(person=person, cohort=cohort)
            start = timezone.make_aware(dt.datetime(2000 + i, 10, 1, 9))
            for j in range(2):
                activity = Activity.objects.create(
                    cohort=cohort,
                    kind=ActivityKind.LEARNING_DAY,
                    title=f"Day {j}",
                    starts_at=start + dt.timedelta(days=j),
                    ends_at=start + dt.timedelta(days=j, hours=6),
                )
                Attendance.objects.create(
                    activity=activity, enrolment=enrolment, status=AttendanceStatus.PRESENT
                )
            Post.objects.create(
                person=person,
                organisation=world.other_organisation,
                title=f"Inspector {i}",
                band=Band.SENIOR_MANAGER,
                started_on=dt.date(2000 + i, 1, 1),
                ended_on=dt.date(2000 + i, 12, 31),
            )
            sponsee = Person.objects.create(
                first_name="Sponsee",
                last_name=f"Number{i}",
                email=f"sponsee{i}@example.org",
                organisation=world.organisation,
            )
            Enrolment.objects.create(person=sponsee, cohort=cohort, sponsor=person)

    return add
