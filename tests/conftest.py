"""Shared fixtures: a small programme with one person in each role (the personas)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from commonground.directory.ladder import start_ladder
from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeRole,
    Role,
)

ROLES = (
    "anonymous",
    "admin",
    "staff",
    "other_staff",
    "facilitator",
    "sponsor",
    "participant",
    "alumnus",
    "evaluator",
    "board",
    "outsider",
)
PASSWORD = "correct horse battery staple"


@dataclass
class World:
    """One programme with a running cohort, a past cohort, and a user for every role."""

    programme: Programme
    other_programme: Programme
    cohort: Cohort
    past_cohort: Cohort
    other_cohort: Cohort
    organisation: Organisation
    other_organisation: Organisation
    activity: Activity
    other_activity: Activity
    participant_person: Person
    alumnus_person: Person
    sponsor_person: Person
    outsider_person: Person
    enrolment: Enrolment
    users: dict[str, User]

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with no counted attempts (sign-in and form throttles live in the cache)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_settings(settings: Settings, tmp_path: Path) -> None:
    settings.EXPORTS_ROOT = tmp_path / "exports"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MFA_REQUIRED_FOR_STAFF = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _person(first: str, last: str, organisation: Organisation, user: User | None = None) -> Person:
    return Person.objects.create(
        first_name=first,
        last_name=last,
        email=f"{first}.{last}@example.org".lower(),
        organisation=organisation,
        job_title="Head of Service",
        band=Band.HEAD_OF_SERVICE,
        user=user,
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def restore_band_examples() -> None:
    """Give every programme without a ladder the standard rungs and examples. A programme gets
    them when it is made (directory/apps.py), but a test that runs in real transactions (a
    browser test's live server) empties every table when it ends, and a programme whose rows are
    put back by other means than `save` (a fixture, a raw copy) would have no ladder."""
    for programme_id in Programme.objects.filter(rungs__isnull=True).values_list("pk", flat=True):
        start_ladder(programme_id)


@pytest.fixture
def world(db: None) -> World:
    users = {
        role: User.objects.create_user(f"{role}@example.org", PASSWORD, name=role.title())
        for role in ROLES
        if role != "anonymous"
    }
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    partners = Organisation.objects.create(
        name="Essex Partners", sector=Sector.PARTNERSHIP, area=Area.GREATER_ESSEX
    )
    council = Organisation.objects.create(
        name="Essex County Council",
        short_name="ECC",
        sector=Sector.LOCAL_GOVERNMENT,
        area=Area.ESSEX,
    )
    police = Organisation.objects.create(
        name="Essex Police", sector=Sector.POLICE_AND_JUSTICE, area=Area.GREATER_ESSEX
    )
    programme = Programme.objects.create(
        name="Leading Greater Essex", slug="leading-greater-essex", owner=partners
    )
    other_programme = Programme.objects.create(
        name="Aspiring Leaders", slug="aspiring-leaders", owner=partners
    )
    for role, programme_role in (
        ("staff", Role.STAFF),
        ("facilitator", Role.FACILITATOR),
        ("evaluator", Role.EVALUATOR),
        ("board", Role.BOARD),
    ):
        ProgrammeRole.objects.create(programme=programme, user=users[role], role=programme_role)
    # Runs another programme: sees the shared directory, none of this programme's records.
    ProgrammeRole.objects.create(
        programme=other_programme, user=users["other_staff"], role=Role.STAFF
    )
    restore_band_examples()
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name="2026/27",
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=300),
        capacity=50,
        status=CohortStatus.RUNNING,
    )
    past_cohort = Cohort.objects.create(
        programme=programme,
        name="2024/25",
        starts_on=dt.date(2024, 9, 1),
        ends_on=dt.date(2025, 7, 31),
        capacity=50,
        status=CohortStatus.COMPLETED,
    )
    other_cohort = Cohort.objects.create(
        programme=other_programme,
        name="2026/27",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=200),
        status=CohortStatus.RUNNING,
    )
    sponsor_person = _person("Sam", "Sponsor", council, users["sponsor"])
    sponsor_person.band = Band.CHIEF_OFFICER
    sponsor_person.save()
    participant_person = _person("Pat", "Participant", police, users["participant"])
    alumnus_person = _person("Alex", "Alumnus", council, users["alumnus"])
    outsider_person = _person("Olly", "Outsider", council, users["outsider"])
    enrolment = Enrolment.objects.create(
        person=participant_person,
        cohort=cohort,
        sponsor=sponsor_person,
        enrolled_on=cohort.starts_on,
    )
    Enrolment.objects.create(
        person=alumnus_person,
        cohort=past_cohort,
        status=EnrolmentStatus.COMPLETED,
        enrolled_on=past_cohort.starts_on,
        left_on=past_cohort.ends_on,
    )
    Enrolment.objects.create(
        person=outsider_person, cohort=other_cohort, enrolled_on=other_cohort.starts_on
    )
    activity = Activity.objects.create(
        cohort=cohort,
        kind=ActivityKind.LEARNING_DAY,
        title="Leading in complexity",
        starts_at=_at(today + dt.timedelta(days=7), 9),
        ends_at=_at(today + dt.timedelta(days=7), 16),
        place="County Hall, Chelmsford",
    )
    other_activity = Activity.objects.create(
        cohort=other_cohort,
        kind=ActivityKind.LAUNCH,
        title="Launch",
        starts_at=_at(today + dt.timedelta(days=3), 9),
        ends_at=_at(today + dt.timedelta(days=3), 12),
    )
    return World(
        programme=programme,
        other_programme=other_programme,
        cohort=cohort,
        past_cohort=past_cohort,
        other_cohort=other_cohort,
        organisation=council,
        other_organisation=police,
        activity=activity,
        other_activity=other_activity,
        participant_person=participant_person,
        alumnus_person=alumnus_person,
        sponsor_person=sponsor_person,
        outsider_person=outsider_person,
        enrolment=enrolment,
        users=users,
    )
