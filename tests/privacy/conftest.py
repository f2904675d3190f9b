"""Records past their retention period beside fresh ones, for the retention tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from commonground.audit.log import record_changes
from commonground.audit.models import AuditEntry
from commonground.evaluation.models import (
    Nomination,
    OutsideName,
    SurveyResponse,
    TieType,
    Wave,
    WaveKind,
)
from commonground.evaluation.network_services import standard_question_set
from commonground.evaluation.services import load_default_instrument
from commonground.programmes.models import Cohort
from commonground.recruitment.models import Application, ContinueLink, Status
from tests.conftest import World
from tests.recruitment.fixtures import recruitment

YEARS = 365


@dataclass
class Aged:
    """One expired and one fresh record of each kind."""

    old_application: Application
    new_application: Application
    old_response: SurveyResponse
    new_response: SurveyResponse
    old_outside: OutsideName
    old_entry: AuditEntry
    old_link: ContinueLink


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _wave(cohort: Cohort, closed_days_ago: int) -> Wave:
    version = load_default_instrument(cohort.programme, audit=False)
    closes_on = timezone.localdate() - dt.timedelta(days=closed_days_ago)
    return Wave.objects.create(
        cohort=cohort,
        kind=WaveKind.END if closed_days_ago > 100 else WaveKind.MID,
        opens_on=closes_on - dt.timedelta(days=20),
        closes_on=closes_on,
        version=version,
        network_questions=standard_question_set(cohort.programme, None),
    )


def _answered(wave: Wave, world: World, note: str) -> SurveyResponse:
    nomination = Nomination.objects.create(
        enrolment=world.enrolment,
        name="Morgan Manager",
        email="m@example.org",
        relationship="manager",
    )
    return SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="manager",
        nomination=nomination,
        version=wave.version,
        ratings={"listen": 4},
        comments={"0": note},
        token_hash=note.ljust(64, "0")[:64],
        submitted_at=timezone.now(),
    )


def _application(world: World, person_role: str, decided_days_ago: int) -> Application:
    setup = recruitment(world)
    person = {"outsider": world.outsider_person, "alumnus": world.alumnus_person}[person_role]
    return Application.objects.create(
        round=setup.round,
        person=person,
        status=Status.DECLINED,
        answers={"0": "Yes, I can commit the time"},
        sponsor_name="Sam Sponsor",
        sponsor_email="sam@example.org",
        decided_at=_ago(decided_days_ago),
    )


@pytest.fixture
def aged(world: World) -> Aged:
    old_application = _application(world, "outsider", 2 * YEARS)
    new_application = _application(world, "alumnus", 10)
    old_response = _answered(_wave(world.past_cohort, 4 * YEARS), world, "Listens well")
    new_response = _answered(_wave(world.cohort, 1), world, "Asks good questions")
    tie = TieType.objects.filter(question_set__programme=world.programme).first()
    assert tie is not None
    old_outside = OutsideName.objects.create(response=old_response, tie_type=tie, name="Jo Bloggs")
    OutsideName.objects.create(response=new_response, tie_type=tie, name="Chris Fresh")
    old_entry = record_changes(
        world.users["staff"],
        world.outsider_person,
        "directory.person.changed",
        {"job_title": ["A", "B"]},
    )
    AuditEntry.objects.filter(pk=old_entry.pk).update(created_at=_ago(7 * YEARS))
    old_link = ContinueLink.objects.create(
        application=old_application,
        email="olly.outsider@example.org",
        token_digest="d" * 64,
        expires_at=_ago(60),
    )
    ContinueLink.objects.create(
        application=new_application,
        email="alex.alumnus@example.org",
        token_digest="e" * 64,
        expires_at=_ago(-3),
    )
    return Aged(
        old_application,
        new_application,
        old_response,
        new_response,
        old_outside,
        old_entry,
        old_link,
    )
