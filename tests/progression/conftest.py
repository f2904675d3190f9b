"""A programme's past: completers of the 2024/25 cohort with careers, and applicants to it who
were not selected, some scored just below the line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from commonground.directory.models import Band, Person, Post
from commonground.programmes.models import Enrolment, EnrolmentStatus
from commonground.recruitment.models import Application, Round, Status
from tests.conftest import World

START = dt.date(2024, 9, 1)
# The day everyone last answered the yearly "still in this role?" with yes.
CONFIRMED = dt.date(2026, 9, 1)


def _person(world: World, name: str) -> Person:
    return Person.objects.create(
        first_name=name,
        last_name="Test",
        email=f"{name.lower()}@example.org",
        organisation=world.organisation,
    )


def _career(person: Person, world: World, moved_up: bool) -> None:
    """Head of service when the year began; an assistant director from 2025 if they moved up.
    The post they hold now was confirmed on `CONFIRMED`."""
    Post.objects.create(
        person=person,
        organisation=world.organisation,
        title="Head of Service",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2021, 4, 1),
        ended_on=dt.date(2025, 8, 31) if moved_up else None,
        confirmed_on=None if moved_up else CONFIRMED,
    )
    if moved_up:
        Post.objects.create(
            person=person,
            organisation=world.organisation,
            title="Assistant Director",
            band=Band.ASSISTANT_DIRECTOR,
            started_on=dt.date(2025, 9, 1),
            confirmed_on=CONFIRMED,
        )


@pytest.fixture
def past(world: World) -> Callable[[int, int, int, int], None]:
    """past(completers, of whom moved up, applicants not selected, of whom moved up)."""
    application_round = Round.objects.create(
        cohort=world.past_cohort,
        opens_at=timezone.make_aware(dt.datetime(2024, 3, 1)),
        closes_at=timezone.make_aware(dt.datetime(2024, 5, 1)),
    )
    made = {"n": 0}

    def add(completers: int, moved: int, applicants: int, applicants_moved: int) -> None:
        for i in range(completers):
            made["n"] += 1
            person = _person(world, f"Completer{made['n']}")
            Enrolment.objects.create(
                person=person,
                cohort=world.past_cohort,
                status=EnrolmentStatus.COMPLETED,
                enrolled_on=START,
                left_on=world.past_cohort.ends_on,
            )
            Application.objects.create(
                round=application_round,
                person=person,
                status=Status.ACCEPTED,
                moderated_score=Decimal(20),
            )
            _career(person, world, moved_up=i < moved)
        for i in range(applicants):
            made["n"] += 1
            person = _person(world, f"Applicant{made['n']}")
            # Every other one scored just below the line of 20.
            Application.objects.create(
                round=application_round,
                person=person,
                status=Status.UNSUCCESSFUL,
                band=Band.HEAD_OF_SERVICE,
                moderated_score=Decimal(18 if i % 2 == 0 else 10),
            )
            _career(person, world, moved_up=i < applicants_moved)

    return add
