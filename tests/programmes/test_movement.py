"""The movement registry and the programme's own figure: completed since the first cohort."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from commonground.directory.models import Person
from commonground.programmes import movement
from commonground.programmes.completers import completed_since_first_cohort
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.conftest import World

TODAY = dt.date(2026, 11, 30)


def _complete(world: World, people: int) -> None:
    for number in range(people):
        person = Person.objects.create(
            first_name="Past", last_name=f"Completer{number}", email=f"p{number}@example.org"
        )
        Enrolment.objects.create(
            person=person, cohort=world.past_cohort, status=EnrolmentStatus.COMPLETED
        )


def test_completers_are_counted_once_each_from_the_first_cohort(world: World) -> None:
    _complete(world, 5)
    # The alumnus completes the running cohort too: still one person.
    Enrolment.objects.create(
        person=world.alumnus_person, cohort=world.cohort, status=EnrolmentStatus.COMPLETED
    )
    [figure] = completed_since_first_cohort(world.programme, 5, TODAY)
    assert (figure.key, figure.value, figure.number, figure.hidden) == ("completed", "6", 6, False)
    assert figure.label == "Completed the programme since the first cohort began in September 2024"
    assert figure.as_of == TODAY


def test_fewer_than_five_completers_are_hidden_outside_the_programme_team(world: World) -> None:
    [board] = completed_since_first_cohort(world.programme, 5, TODAY)
    assert (board.value, board.number, board.hidden) == ("fewer than 5", None, True)
    [staff] = completed_since_first_cohort(world.programme, None, TODAY)
    assert (staff.value, staff.number, staff.hidden) == ("1", 1, False)


def test_withdrawn_and_active_participants_are_not_counted(world: World) -> None:
    [figure] = completed_since_first_cohort(world.other_programme, None, TODAY)
    assert figure.number == 0


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ImproperlyConfigured):
        movement.register("programmes", completed_since_first_cohort)
    with pytest.raises(ImproperlyConfigured):
        movement.register_section("initiatives", lambda programme, threshold, today: None)
