"""Programme staff see the messages that did not arrive: on a list of recent failures and on
the person's own page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.directory.models import Person
from commonground.notify import failures
from commonground.notify.models import FailureStatus
from tests.conftest import World

URL = reverse("notify:failures")


def _fail(person: Person, count: int, status: str = FailureStatus.PERMANENT) -> None:
    start = timezone.now() - dt.timedelta(days=1)
    for number in range(count):
        failures.record(
            person.email,
            status,
            email_type="cohort-message",
            notification_id=f"n-{person.pk}-{number}",
            failed_at=start + dt.timedelta(minutes=number),
        )


def test_staff_see_the_newest_failures_first_with_who_they_were_for(world: World) -> None:
    _fail(world.alumnus_person, 1, FailureStatus.TEMPORARY)
    _fail(world.participant_person, 1)
    page = world.client("staff").get(URL).content.decode()
    assert page.index("Pat Participant") < page.index("Alex Alumnus")
    assert "Address does not exist" in page
    assert "Inbox full or phone switched off" in page
    assert reverse("directory:person", args=[world.participant_person.pk]) in page


def test_the_list_says_so_when_every_message_arrived(world: World) -> None:
    assert (
        "Every message reported so far was delivered"
        in world.client("staff").get(URL).content.decode()
    )


def test_a_long_list_is_split_into_pages(world: World) -> None:
    _fail(world.participant_person, 55)
    first = world.client("staff").get(URL).content.decode()
    second = world.client("staff").get(URL, {"page": 2}).content.decode()
    assert first.count("Address does not exist") == 50
    assert second.count("Address does not exist") == 5


@pytest.mark.parametrize("size", [3, 60])
def test_the_list_runs_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    _fail(world.participant_person, size)
    client = world.client("staff")
    # session, user, roles, person; count, the page of failures with their people
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


def test_staff_see_a_persons_failures_on_their_page(world: World) -> None:
    _fail(world.participant_person, 7)
    url = reverse("directory:person", args=[world.participant_person.pk])
    page = world.client("staff").get(url).content.decode()
    assert "Messages not delivered" in page
    # The latest five; the list page has the rest.
    assert page.count("Address does not exist") == 5
    assert URL in page


def test_the_person_themself_does_not_see_the_staff_record_of_failures(world: World) -> None:
    _fail(world.participant_person, 1)
    url = reverse("directory:person", args=[world.participant_person.pk])
    assert "Messages not delivered" not in world.client("participant").get(url).content.decode()
