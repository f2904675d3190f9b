"""The home page shows each person the sections for the roles they have, and nothing else."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    ProgrammeRole,
    Role,
)
from tests.conftest import World
from tests.programmes.conftest import Grow


def _home(world: World, role: str) -> str:
    response = world.client(role).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_staff_the_year_of_their_cohorts(world: World) -> None:
    page = _home(world, "staff")
    assert "Programmes you run" in page
    assert 'aria-label="The year of Leading Greater Essex 2026/27"' in page
    assert reverse("programmes:cohort", args=[world.cohort.pk]) in page
    assert "Aspiring Leaders" not in page


def test_it_tells_staff_what_needs_attention(world: World) -> None:
    yesterday = timezone.now() - dt.timedelta(days=1)
    Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.ONLINE,
        title="Public narrative",
        starts_at=yesterday,
        ends_at=yesterday + dt.timedelta(hours=2),
    )
    world.enrolment.sponsor = None
    world.enrolment.save()
    world.cohort.capacity = 0
    world.cohort.save()
    page = _home(world, "staff")
    assert "1 activity in the last fortnight with no register</a> in Leading" in page
    assert "1 participant without a sponsor" in page
    assert "1 participant over the cohort&#x27;s 0 places" in page


def test_it_tells_staff_when_nothing_needs_attention(world: World) -> None:
    assert "Nothing needs your attention." in _home(world, "staff")


def test_it_shows_the_site_administrator_every_programme(world: World) -> None:
    page = _home(world, "admin")
    assert 'aria-label="The year of Aspiring Leaders 2026/27"' in page


def test_it_shows_facilitators_activities_with_links_to_registers(world: World) -> None:
    page = _home(world, "facilitator")
    assert "Activities you facilitate" in page
    assert "Leading in complexity" in page
    assert reverse("programmes:activity", args=[world.activity.pk]) + "#register" in page
    assert "Programmes you run" not in page
    assert "Launch" not in page  # the other programme's activity


def test_it_lists_facilitators_activities_soonest_first(world: World) -> None:
    starts = world.activity.starts_at
    for days, title in ((9, "Public narrative"), (2, "Resilience day"), (5, "Systems mapping")):
        Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=title,
            starts_at=starts + dt.timedelta(days=days - 7),
            ends_at=starts + dt.timedelta(days=days - 7, hours=6),
        )
    page = _home(world, "facilitator")
    titles = ["Resilience day", "Systems mapping", "Leading in complexity", "Public narrative"]
    assert sorted(titles, key=page.index) == titles


def test_it_shows_participants_their_next_activities_and_cohort(world: World) -> None:
    page = _home(world, "participant")
    assert "My cohort: Leading Greater Essex 2026/27" in page
    assert reverse("programmes:cohort", args=[world.cohort.pk]) in page
    assert "Leading in complexity" in page
    assert "County Hall, Chelmsford" in page
    assert "Programmes you run" not in page
    assert "People you sponsor" not in page


def test_it_shows_alumni_their_cohort_and_completion(world: World) -> None:
    page = _home(world, "alumnus")
    assert "Programmes you completed" in page
    assert "Leading Greater Essex 2024/25" in page
    assert "completed on 31 July 2025" in page
    assert "Your cohort" not in page


def test_it_shows_sponsors_their_people_with_status_and_attendance(world: World) -> None:
    past = timezone.now() - dt.timedelta(days=20)
    for number, status in enumerate((AttendanceStatus.PRESENT, AttendanceStatus.ABSENT)):
        activity = Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Day {number}",
            starts_at=past + dt.timedelta(days=number),
            ends_at=past + dt.timedelta(days=number, hours=3),
        )
        Attendance.objects.create(activity=activity, enrolment=world.enrolment, status=status)
    page = _home(world, "sponsor")
    assert "People you sponsor" in page
    assert "Pat Participant" in page and "Essex Police" in page
    assert "active" in page
    assert "Attended 1 of the 2 sessions so far; completion asks for 3 of 3." in page


def test_it_shows_the_board_totals_with_small_numbers_hidden(world: World) -> None:
    page = _home(world, "board")
    assert "Programme figures" in page
    assert "fewer than 5" in page
    assert "Pat Participant" not in page
    assert "Programmes you run" not in page


def test_it_shows_evaluators_exact_totals_once_they_are_large(world: World, grow: Grow) -> None:
    grow(10, 0)
    page = _home(world, "evaluator")
    # 11 in each cohort; 2 completed in the running one and 1 + 2 in the past one, whose
    # completion rate (3 of 11) stays hidden because it is about fewer than 5 people.
    assert ">22<" in page
    assert ">5<" in page
    assert "Not shown (small numbers)" in page


def test_it_tells_someone_with_no_role_they_have_no_programme_yet(world: World) -> None:
    client = world.client("anonymous")
    client.force_login(User.objects.create_user("new@example.org", "x"))
    page = client.get(reverse("home")).content.decode()
    assert "You do not have a programme yet." in page
    assert "Your cohort" not in page


def test_it_shows_every_section_that_applies_to_someone_with_several_roles(
    world: World,
) -> None:
    ProgrammeRole.objects.create(
        programme=world.other_programme, user=world.users["participant"], role=Role.FACILITATOR
    )
    page = _home(world, "participant")
    assert "Your cohort" in page
    assert "Activities you facilitate" in page
    assert "Launch" in page
