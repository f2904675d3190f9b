"""The activity page for each role, and adding or changing an activity."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.programmes.models import Activity
from tests.conftest import World


def _page(world: World, role: str) -> str:
    response = world.client(role).get(reverse("programmes:activity", args=[world.activity.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_staff_the_details_and_the_register(world: World) -> None:
    page = _page(world, "staff")
    assert "Leading in complexity" in page and "County Hall, Chelmsford" in page
    assert "09:00 to 16:00 (UK time)" in page
    assert reverse("programmes:register", args=[world.activity.pk]) in page
    assert '<span class="cg-register__person">Pat Participant</span>' in page
    assert '<span class="cg-register__organisation">Essex Police</span>' in page
    for label in ("Present", "Late", "Apologies", "Absent"):
        assert f'<span class="govuk-visually-hidden">{label}</span></label>' in page
    assert "No register taken yet." in page


def test_it_shows_facilitators_the_register_but_not_the_edit_link(world: World) -> None:
    page = _page(world, "facilitator")
    assert reverse("programmes:register", args=[world.activity.pk]) in page
    assert reverse("programmes:activity_edit", args=[world.activity.pk]) not in page


def test_it_shows_participants_the_details_without_the_register(world: World) -> None:
    page = _page(world, "participant")
    assert "Leading in complexity" in page and "County Hall, Chelmsford" in page
    assert "Register" not in page
    assert 'type="radio"' not in page


def test_the_register_stacks_one_person_under_another_for_phones(world: World) -> None:
    page = _page(world, "staff")
    register = page[page.index('id="register"') :]
    # One fieldset per person, with GOV.UK radios: they stack on a narrow screen, no wide table.
    assert register.count("<fieldset") == 1
    assert "<table" not in register.split("</form>")[0]


def _activity(world: World, **changes: str) -> str:
    data = {
        "kind": "online",
        "title": "Public narrative",
        "starts_at": "2026-07-01T09:30",
        "ends_at": "2026-07-01T12:00",
        "place": "",
        "online_link": "https://meet.example.org/narrative",
        "facilitators": [str(world.sponsor_person.pk)],
        "counts_towards_completion": "on",
    } | changes
    url = reverse("programmes:activity_new", args=[world.cohort.pk])
    response = world.client("staff").post(url, data)
    return response.content.decode() if response.status_code == 200 else ""


def test_it_adds_an_activity_reading_times_as_uk_time(world: World) -> None:
    assert _activity(world) == ""
    activity = Activity.objects.get(title="Public narrative")
    assert activity.starts_at == dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)
    assert list(activity.facilitators.all()) == [world.sponsor_person]
    assert AuditEntry.objects.filter(action="programmes.activity.created").exists()


def test_it_refuses_an_activity_that_ends_before_it_starts(world: World) -> None:
    page = _activity(world, ends_at="2026-07-01T09:00")
    assert "There is a problem" in page and "The end must be after the start." in page
    assert not Activity.objects.filter(title="Public narrative").exists()


def test_it_explains_a_time_it_cannot_read(world: World) -> None:
    page = _activity(world, starts_at="next tuesday")
    assert "Enter when it starts as a date and time." in page


def test_it_changes_an_activity_and_records_it(world: World) -> None:
    url = reverse("programmes:activity_edit", args=[world.activity.pk])
    form = world.client("staff").get(url).content.decode()
    assert 'type="datetime-local"' in form
    start = world.activity.starts_at.astimezone(dt.timezone(dt.timedelta(hours=0)))
    response = world.client("staff").post(
        url,
        {
            "kind": "learning_day",
            "title": "Leading in complexity, part 1",
            "starts_at": f"{start:%Y-%m-%d}T09:00",
            "ends_at": f"{start:%Y-%m-%d}T15:00",
            "place": "County Hall, Chelmsford",
            "online_link": "",
        },
    )
    assert response.status_code == 302
    world.activity.refresh_from_db()
    assert world.activity.title == "Leading in complexity, part 1"
    assert world.activity.counts_towards_completion is False
    entry = AuditEntry.objects.get(action="programmes.activity.changed")
    assert entry.changes["title"] == ["Leading in complexity", "Leading in complexity, part 1"]
