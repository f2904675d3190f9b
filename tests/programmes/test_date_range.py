"""Activities and cohorts take dates from 2000 to 2100 only, and copying a calendar never
overflows: a date out of range is a plain message, not a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.programmes.models import Activity, ActivityKind, Cohort
from tests.conftest import World

OUT_OF_RANGE = "Enter a date between 1 January 2000 and 31 December 2100."


def _add_activity(world: World, starts_at: str, ends_at: str) -> str:
    url = reverse("programmes:activity_new", args=[world.cohort.pk])
    data = {
        "kind": "online",
        "title": "Far away",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online_link": "https://meet.example.org/far",
        "counts_towards_completion": "on",
    }
    response = world.client("staff").post(url, data)
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize(
    "starts_at,ends_at",
    [
        ("9999-12-31T09:00", "9999-12-31T10:00"),
        ("0001-01-01T09:00", "0001-01-01T10:00"),
        ("2026-07-01T09:00", "2101-01-01T10:00"),
        ("1999-12-31T09:00", "2026-07-01T10:00"),
    ],
)
def test_an_activity_outside_2000_to_2100_is_refused_with_a_message(
    world: World, starts_at: str, ends_at: str
) -> None:
    page = _add_activity(world, starts_at, ends_at)
    assert "There is a problem" in page and OUT_OF_RANGE in page
    assert not Activity.objects.filter(title="Far away").exists()


def test_the_first_and_last_days_of_the_range_are_accepted(world: World) -> None:
    assert _add_activity(world, "2000-01-01T09:00", "2100-12-31T10:00") == ""
    assert Activity.objects.filter(title="Far away").exists()


def test_a_cohort_outside_the_range_is_refused(world: World) -> None:
    url = reverse("programmes:cohort_edit", args=[world.cohort.pk])
    data = {
        "name": world.cohort.name,
        "starts_on": "9999-01-01",
        "ends_on": "9999-12-31",
        "capacity": "20",
        "status": world.cohort.status,
    }
    page = world.client("staff").post(url, data).content.decode()
    assert OUT_OF_RANGE in page
    world.cohort.refresh_from_db()
    assert world.cohort.starts_on.year < 2100


def test_copying_never_moves_an_activity_out_of_range(world: World) -> None:
    """An activity stored before the rule (or by the admin) near the end of the range: the copy
    is refused with a message, not an OverflowError."""
    starts = timezone.make_aware(dt.datetime(2100, 6, 1, 9, 0))
    Activity.objects.create(
        cohort=world.past_cohort,
        kind=ActivityKind.LAUNCH,
        title="Launch day",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    Cohort.objects.filter(pk=world.past_cohort.pk).update(starts_on=dt.date(2000, 1, 4))
    Cohort.objects.filter(pk=world.cohort.pk).update(
        starts_on=dt.date(2100, 1, 4), ends_on=dt.date(2100, 12, 1)
    )
    url = reverse("programmes:calendar_copy", args=[world.cohort.pk])
    client = world.client("staff")
    for data in (
        {"source": world.past_cohort.pk},
        {"source": world.past_cohort.pk, "confirm": "yes"},
    ):
        page = client.post(url, data).content.decode()
        assert "Copying would move “Launch day” outside the years 2000 to 2100" in page
    assert not world.cohort.activities.filter(title="Launch day").exists()
