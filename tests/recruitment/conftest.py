"""Fixtures for the recruitment tests: a round on the shared world and applicants to fill it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.lib.links import new_secret
from commonground.recruitment.models import (
    Application,
    Endorsement,
    EndorsementStatus,
    Round,
    Status,
)
from tests.conftest import World
from tests.recruitment.fixtures import Setup, recruitment

MakeApplicant = Callable[..., Application]


def signed_in(application: Application) -> Client:
    """A test client signed in as the application's applicant."""
    assert application.person is not None and application.person.user is not None
    client = Client()
    client.force_login(application.person.user)
    return client


@pytest.fixture
def setup(world: World) -> Setup:
    return recruitment(world)


@pytest.fixture
def application_round(setup: Setup) -> Round:
    return setup.round


@pytest.fixture
def health(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Mid and South Essex NHS Foundation Trust",
        sector=Sector.HEALTH_AND_CARE,
        area=Area.SOUTHEND,
    )


@pytest.fixture
def make_applicant(world: World, application_round: Round) -> MakeApplicant:
    """An application from a new person, endorsed by the world's sponsor unless told otherwise."""
    counter = iter(range(1, 1000))

    def make(
        organisation: Organisation | None = None,
        status: str = Status.ENDORSED,
        score: str | None = "15",
        first: str | None = None,
        with_account: bool = True,
    ) -> Application:
        n = next(counter)
        first = first or f"Applicant{n}"
        user = (
            User.objects.create_user(f"{first.lower()}@example.org", "pw", name=f"{first} Test")
            if with_account
            else None
        )
        person = Person.objects.create(
            first_name=first,
            last_name="Test",
            email=f"{first.lower()}@example.org",
            organisation=organisation or world.organisation,
            job_title="Head of Service",
            band=Band.HEAD_OF_SERVICE,
            user=user,
        )
        application = Application.objects.create(
            round=application_round,
            person=person,
            organisation=organisation or world.organisation,
            job_title="Head of Service",
            band=Band.HEAD_OF_SERVICE,
            status=status,
            answers={str(i): "An answer." for i in range(len(application_round.questions))},
            statements={str(i): "A statement." for i in range(len(application_round.criteria))},
            sponsor_name=world.sponsor_person.name,
            sponsor_email=world.sponsor_person.email,
            consent=True,
            submitted_at=timezone.now() - dt.timedelta(days=3),
            moderated_score=Decimal(score) if score is not None else None,
        )
        if status != Status.DRAFT:
            Endorsement.objects.create(
                application=application,
                sponsor=world.sponsor_person,
                token_digest=new_secret()[1],
                status=(
                    EndorsementStatus.PENDING
                    if status == Status.SUBMITTED
                    else EndorsementStatus.ENDORSED
                ),
                statement="" if status == Status.SUBMITTED else "I support them.",
            )
        return application

    return make
