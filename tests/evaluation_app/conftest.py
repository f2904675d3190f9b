"""Evaluation fixtures: the default instrument, a plan for the running cohort, raters, answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from commonground.directory.models import Person
from commonground.evaluation.models import (
    InstrumentVersion,
    Nomination,
    NominationStatus,
    SurveyResponse,
    Wave,
    WaveKind,
)
from commonground.evaluation.services import issue_token, load_default_instrument
from commonground.programmes.models import Enrolment
from tests.conftest import World


@pytest.fixture
def version(world: World) -> InstrumentVersion:
    return load_default_instrument(world.programme, audit=False)


def make_wave(
    cohort_pk: int, version: InstrumentVersion, kind: str = WaveKind.MID, open_now: bool = True
) -> Wave:
    today = timezone.localdate()
    opens = today - dt.timedelta(days=3) if open_now else today - dt.timedelta(days=60)
    return Wave.objects.create(
        cohort_id=cohort_pk,
        kind=kind,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=28 if open_now else 20),
        version=version,
        includes_raters=kind in (WaveKind.BASELINE, WaveKind.END),
    )


@pytest.fixture
def wave(world: World, version: InstrumentVersion) -> Wave:
    return make_wave(world.cohort.pk, version)


def answer_all(version: InstrumentVersion, value: int = 4) -> dict[str, float]:
    ratings: dict[str, float] = {}
    for theme in version.themes.all():
        for indicator in theme.indicators.all():
            ratings[indicator.key] = value if indicator.scale_labels else value * 20
    return ratings


Committed = Callable[[], Any]


@dataclass
class Rater:
    response: SurveyResponse
    token: str


@pytest.fixture
def rater_link(world: World, version: InstrumentVersion) -> Callable[..., Rater]:
    """A rater's personal link for the participant at an open end-of-programme wave."""

    def make(kind: str = WaveKind.END, relationship: str = "manager") -> Rater:
        wave = Wave.objects.filter(cohort=world.cohort, kind=kind).first() or make_wave(
            world.cohort.pk, version, kind
        )
        nomination = Nomination.objects.create(
            enrolment=world.enrolment,
            name="Morgan Manager",
            email=f"{relationship}{Nomination.objects.count()}@example.org",
            relationship=relationship,
            status=NominationStatus.APPROVED,
        )
        response = SurveyResponse.objects.create(
            wave=wave,
            enrolment=world.enrolment,
            rater_type=relationship,
            nomination=nomination,
            version=version,
            invited_at=timezone.now(),
        )
        return Rater(response, issue_token(response))

    return make


def add_participants(world: World, n: int) -> list[Enrolment]:
    start = Person.objects.count()
    people = Person.objects.bulk_create(
        Person(first_name=f"Extra{i}", last_name="Person", email=f"extra{i}@example.org")
        for i in range(start, start + n)
    )
    return Enrolment.objects.bulk_create(
        Enrolment(person=p, cohort=world.cohort, enrolled_on=world.cohort.starts_on) for p in people
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Callable[..., Any]) -> Committed:
    """`with committed():` runs what was queued for after the commit (the emails) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


ReportGetter = Callable[[Any, str], Any]


@pytest.fixture
def report_get(django_capture_on_commit_callbacks: Callable[..., Any]) -> ReportGetter:
    """GET a report page once so its snapshot is worked out (as the worker would), then again."""

    def get(client: Any, url: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            client.get(url)
        return client.get(url)

    return get
