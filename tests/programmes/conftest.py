"""Fixtures for the programme pages: a way to fill the world's cohort with many more people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from commonground.directory.models import Area, Organisation, Person, Sector
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
)
from tests.conftest import World

STATUSES = [
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.WITHDRAWN,
]
MARKS = list(AttendanceStatus.values)

Grow = Callable[..., None]


def grow_cohort(
    world: World, cohort: Cohort, *, enrolments: int, activities: int, tag: str = ""
) -> None:
    """Add people from several organisations, activities around today, and a full register."""
    organisations = [
        Organisation.objects.get_or_create(
            name=f"Organisation {number}",
            defaults={"sector": list(Sector.values)[number], "area": list(Area.values)[number % 4]},
        )[0]
        for number in range(4)
    ]
    people = Person.objects.bulk_create(
        Person(
            first_name=f"Person{tag}{number}",
            last_name="Crowd",
            email=f"person{tag}{number}.{cohort.pk}@crowd.example.org",
            organisation=organisations[number % 4],
            job_title="Director of Things",
        )
        for number in range(enrolments)
    )
    added = Enrolment.objects.bulk_create(
        Enrolment(
            person=person,
            cohort=cohort,
            status=STATUSES[number % len(STATUSES)],
            sponsor=world.sponsor_person if number % 2 else None,
            enrolled_on=cohort.starts_on,
            left_on=None if number % 5 < 3 else cohort.starts_on + dt.timedelta(days=30),
        )
        for number, person in enumerate(people)
    )
    now = timezone.now()
    made = Activity.objects.bulk_create(
        Activity(
            cohort=cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Day {tag}{number}",
            starts_at=now + dt.timedelta(days=number - activities // 2, hours=1),
            ends_at=now + dt.timedelta(days=number - activities // 2, hours=6),
            place="Chelmsford",
            counts_towards_completion=bool(number % 3),
        )
        for number in range(activities)
    )
    for activity in made:
        activity.facilitators.add(world.sponsor_person)
    past = [activity for activity in made if activity.starts_at < now][:-1]
    Attendance.objects.bulk_create(
        Attendance(
            activity=activity,
            enrolment=enrolment,
            status=MARKS[(index + activity.pk) % len(MARKS)],
            recorded_by=world.users["facilitator"],
        )
        for activity in past
        for index, enrolment in enumerate(added)
    )


@pytest.fixture
def grow(world: World) -> Grow:
    """grow(enrolments=40, activities=12): fill the running and the past cohort."""

    def _grow(enrolments: int, activities: int, tag: str = "") -> None:
        grow_cohort(world, world.cohort, enrolments=enrolments, activities=activities, tag=tag)
        grow_cohort(
            world, world.past_cohort, enrolments=enrolments, activities=activities, tag=f"p{tag}"
        )

    return _grow
