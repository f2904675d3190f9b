"""The cohort's pages for each role (its parts moved from one long page), and editing a cohort."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.directory.models import Person
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
)
from tests.conftest import World

OVERVIEW = "programmes:cohort"
PARTICIPANTS = "programmes:cohort_participants"


def _page(
    world: World, role: str, cohort: Cohort | None = None, part: str = "programmes:cohort"
) -> str:
    url = reverse(part, args=[(cohort or world.cohort).pk])
    response = world.client(role).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _withdrawn(world: World) -> Enrolment:
    person = Person.objects.create(
        first_name="Wendy",
        last_name="Withdrawn",
        email="wendy@example.org",
        organisation=world.organisation,
        job_title="Director of Housing",
    )
    return Enrolment.objects.create(
        person=person,
        cohort=world.cohort,
        status=EnrolmentStatus.WITHDRAWN,
        left_on=timezone.localdate(),
        enrolled_on=world.cohort.starts_on,
    )


def _marked(world: World, status: str) -> Activity:
    past = timezone.now() - dt.timedelta(days=3)
    activity = Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.LAUNCH,
        title="Launch day",
        starts_at=past,
        ends_at=past + dt.timedelta(hours=4),
        online_link="https://meet.example.org/launch",
    )
    Attendance.objects.create(activity=activity, enrolment=world.enrolment, status=status)
    return activity


def test_it_shows_staff_participants_with_status_and_sponsor(world: World) -> None:
    _withdrawn(world)
    page = _page(world, "staff", part=PARTICIPANTS)
    assert "Pat Participant" in page and "Head of Service" in page and "Essex Police" in page
    assert "Sam Sponsor" in page
    assert "Withdrawn" in page and "Wendy Withdrawn" in page
    assert reverse("programmes:enrolment_edit", args=[world.enrolment.pk]) in page
    assert reverse("programmes:cohort_participants_export", args=[world.cohort.pk, "csv"]) in page


def test_it_draws_the_mix_as_charts_each_followed_by_its_table(world: World) -> None:
    page = _page(world, "staff", part=PARTICIPANTS)
    for title in ("Participants by sector", "Participants by area", "Participants by organisation"):
        assert title in page
    assert page.count('role="img"') == 3
    chart = page.index('role="img"')
    assert page.index("Police and justice", chart) > chart
    assert "<title" in page
    assert "the figures in the chart" in page


def test_it_shows_the_calendar_in_uk_time(world: World) -> None:
    summer = timezone.make_aware(dt.datetime(2026, 7, 1, 8, 0), dt.UTC)
    Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.RESIDENTIAL,
        title="Summer residential",
        starts_at=summer,
        ends_at=summer + dt.timedelta(hours=8),
        place="Writtle",
    )
    page = _page(world, "participant", part="programmes:cohort_calendar")
    assert "Summer residential" in page
    assert "09:00 to 17:00" in page  # 08:00 UTC is 09:00 in London in summer
    assert "Residential" in page and "Writtle" in page


def test_it_shows_staff_and_facilitators_the_attendance(world: World) -> None:
    _marked(world, AttendanceStatus.LATE)
    for role in ("staff", "facilitator"):
        page = _page(world, role, part="programmes:cohort_attendance")
        assert "Register marks for each activity" in page
        assert "Attendance rate of each participant" in page
        assert "100% (1 of 1)" in page


def test_it_shows_participants_names_roles_organisations_and_calendar_only(
    world: World,
) -> None:
    _withdrawn(world)
    _marked(world, AttendanceStatus.ABSENT)
    page = _page(world, "participant", part=PARTICIPANTS)
    assert "Pat Participant (you)" in page and "Essex Police" in page
    assert "Your status in this cohort: <strong>Active</strong>" in page
    calendar = _page(world, "participant", part="programmes:cohort_calendar")
    assert "Launch day" in calendar and "Join Launch day online" in calendar
    assert "Sam Sponsor" not in page
    assert "Wendy Withdrawn" not in page
    assert "Attendance rate" not in page and "0% (0 of 1)" not in page
    assert 'role="img"' not in page
    assert reverse("programmes:cohort_edit", args=[world.cohort.pk]) not in page


def test_it_shows_alumni_their_own_past_cohort(world: World) -> None:
    page = _page(world, "alumnus", world.past_cohort, part=PARTICIPANTS)
    assert "Alex Alumnus (you)" in page
    assert "Your status in this cohort: <strong>Completed</strong>" in page


def test_facilitators_do_not_get_the_staff_buttons(world: World) -> None:
    pages = [_page(world, "facilitator", part=part) for part in (OVERVIEW, PARTICIPANTS)]
    for page in pages:
        assert reverse("programmes:enrolment_new", args=[world.cohort.pk]) not in page
        assert reverse("programmes:cohort_edit", args=[world.cohort.pk]) not in page
    participants_export = reverse(
        "programmes:cohort_participants_export", args=[world.cohort.pk, "csv"]
    )
    assert participants_export not in pages[1]
    attendance = _page(world, "facilitator", part="programmes:cohort_attendance")
    assert reverse("programmes:cohort_attendance_export", args=[world.cohort.pk, "csv"]) in (
        attendance
    )


def _edit(world: World, **changes: str) -> str:
    data = {
        "name": world.cohort.name,
        "starts_on": str(world.cohort.starts_on),
        "ends_on": str(world.cohort.ends_on),
        "capacity": "50",
        "status": "running",
    } | changes
    url = reverse("programmes:cohort_edit", args=[world.cohort.pk])
    response = world.client("staff").post(url, data)
    return response.content.decode() if response.status_code == 200 else ""


def test_it_saves_a_cohort_and_records_old_and_new_values(world: World) -> None:
    assert _edit(world, capacity="45") == ""
    world.cohort.refresh_from_db()
    assert world.cohort.capacity == 45
    entry = AuditEntry.objects.get(action="programmes.cohort.changed")
    assert entry.changes == {"capacity": [50, 45]}


def test_it_refuses_an_end_before_the_start_and_changes_nothing(world: World) -> None:
    page = _edit(world, ends_on=str(world.cohort.starts_on - dt.timedelta(days=1)))
    assert "There is a problem" in page
    assert "The end date must be after the start date." in page
    assert Cohort.objects.get(pk=world.cohort.pk).ends_on == world.cohort.ends_on
    assert not AuditEntry.objects.filter(action="programmes.cohort.changed").exists()


def test_it_refuses_a_capacity_below_one(world: World) -> None:
    page = _edit(world, capacity="-3")
    assert "Capacity must be at least 1." in page
    assert Cohort.objects.get(pk=world.cohort.pk).capacity == 50
