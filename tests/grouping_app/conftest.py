"""A cohort worth grouping: participants from several organisations, sectors and areas."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction

from commonground.challenges.models import Challenge
from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.grouping import services
from commonground.grouping.forms import GroupingForm
from commonground.grouping.inputs import enrolments_to_group
from commonground.grouping.models import Grouping
from commonground.programmes.models import Cohort, Enrolment
from tests.conftest import World

BODIES = (
    ("Southend City Council", Sector.LOCAL_GOVERNMENT, Area.SOUTHEND),
    ("Thurrock Council", Sector.LOCAL_GOVERNMENT, Area.THURROCK),
    ("Essex Fire and Rescue", Sector.FIRE_AND_RESCUE, Area.GREATER_ESSEX),
    ("Mid and South Essex NHS", Sector.HEALTH_AND_CARE, Area.ESSEX),
    ("Colchester Institute", Sector.EDUCATION, Area.ESSEX),
    ("Essex Community Voluntary Service", Sector.VOLUNTARY_AND_COMMUNITY, Area.ESSEX),
)
SAFETY_LIMIT = 300
BANDS = (Band.DIRECTOR, Band.HEAD_OF_SERVICE, Band.SENIOR_MANAGER, Band.ASSISTANT_DIRECTOR)


def add_participants(world: World, count: int, cohort: Cohort | None = None) -> list[Enrolment]:
    """`count` more participants, spread over six bodies besides the world's two."""
    cohort = cohort or world.cohort
    bodies = [
        Organisation.objects.get_or_create(name=name, defaults={"sector": sector, "area": area})[0]
        for name, sector, area in BODIES
    ] + [world.organisation, world.other_organisation]
    start = Person.objects.count()
    people = Person.objects.bulk_create(
        Person(
            first_name=f"Member{start + n:03d}",
            last_name=f"Grouped{start + n:03d}",
            email=f"member{start + n}@example.org",
            organisation=bodies[n % len(bodies)],
            job_title="Head of Service",
            band=BANDS[n % len(BANDS)],
        )
        for n in range(count)
    )
    return Enrolment.objects.bulk_create(Enrolment(person=p, cohort=cohort) for p in people)


def add_challenges(world: World, count: int, capacity: int, minimum: int = 2) -> list[Challenge]:
    """`count` open challenges of the world's cohort, "Challenge 1" onwards."""
    return [
        Challenge.objects.create(
            programme=world.programme,
            cohort=world.cohort,
            title=f"Challenge {n}",
            slug=f"challenge-{n}",
            problem_statement="A real problem.",
            theme="homelessness",
            capacity=capacity,
            minimum=minimum,
        )
        for n in range(1, count + 1)
    ]


def settings_for(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Learning sets",
        "kind": "learning_sets",
        "group_count": "3",
        "target_size": "",
        "rounds": "1",
        "organisation": "hard",
        "sector": "weighted",
        "sector_weight": "1",
        "area": "weighted",
        "area_weight": "1",
        "band": "weighted",
        "band_weight": "1",
        "balance_seniority": "on",
        "not_alone": "",
        "seed": "1",
        # The longest the form allows: the wall clock is only a safety bound, so the engine's
        # deterministic effort decides the groups however busy the machine is.
        "time_limit": str(SAFETY_LIMIT),
    }
    data.update({key: str(value) for key, value in changes.items()})
    return data


@pytest.fixture
def make_grouping(world: World) -> Callable[..., Grouping]:
    def make(**changes: Any) -> Grouping:
        form = GroupingForm(
            settings_for(world, **changes), enrolments=enrolments_to_group(world.cohort)
        )
        assert form.is_valid(), form.errors
        return services.create_grouping(world.cohort, form.settings(), by=world.users["staff"])

    return make


@pytest.fixture
def cohort_of_twelve(world: World) -> list[Enrolment]:
    """The world's participant and eleven more: twelve people, eight organisations."""
    return [world.enrolment, *add_participants(world, 11)]


@pytest.fixture
def run_now(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Iterator[Callable[[Grouping], Grouping]]:
    """Queue a run and let the immediate task backend run it as the transaction commits."""

    def run(grouping: Grouping, *, replanning: bool = False) -> Grouping:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            services.request_run(grouping, by=None, replanning=replanning)
        grouping.refresh_from_db()
        return grouping

    yield run
