"""One person: their details, posts over time, enrolments, attendance, sponsees and history."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from commonground.directory.models import Band, Post
from commonground.programmes.models import Attendance, AttendanceStatus, Enrolment
from tests.conftest import World


def _url(world: World) -> str:
    return reverse("directory:person", args=[world.participant_person.pk])


def test_it_shows_their_details(world: World) -> None:
    body = world.client("staff").get(_url(world)).content.decode()
    assert '<h1 class="govuk-heading-l">Pat Participant</h1>' in body
    assert "pat.participant@example.org" in body
    assert "Essex Police" in body
    assert "Head of service" in body


def test_it_shows_posts_over_time_with_the_current_one_marked(world: World) -> None:
    person = world.participant_person
    Post.objects.create(
        person=person,
        organisation=world.organisation,
        title="Community Safety Manager",
        band=Band.SENIOR_MANAGER,
        started_on=dt.date(2015, 4, 1),
        ended_on=dt.date(2019, 3, 31),
    )
    Post.objects.create(
        person=person,
        organisation=world.other_organisation,
        title="Superintendent",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2019, 4, 1),
    )
    response = world.client("staff").get(_url(world))
    body = response.content.decode()
    assert [post.title for post in response.context["posts"]] == [
        "Superintendent",
        "Community Safety Manager",
    ]
    assert "1 Apr 2015" in body and "31 Mar 2019" in body
    assert body.count(">Current</strong>") == 1


def test_it_shows_enrolments_attendance_and_marks(world: World) -> None:
    Attendance.objects.create(
        activity=world.activity, enrolment=world.enrolment, status=AttendanceStatus.LATE
    )
    response = world.client("staff").get(_url(world))
    body = response.content.decode()
    assert "Leading Greater Essex 2026/27" in body
    assert "Sam Sponsor" in body
    assert "Attended 1 of 1 activities that count towards completion." in body
    assert "Leading in complexity" in body
    assert ">Late</td>" in body


def test_it_shows_the_people_they_sponsor(world: World) -> None:
    url = reverse("directory:person", args=[world.sponsor_person.pk])
    response = world.client("staff").get(url)
    assert [e.person.name for e in response.context["sponsored"]] == ["Pat Participant"]
    assert "People they sponsor" in response.content.decode()


def test_staff_see_the_change_history(world: World) -> None:
    world.client("staff").post(
        reverse("directory:person_edit", args=[world.participant_person.pk]),
        {
            "first_name": "Pat",
            "last_name": "Participant",
            "email": "pat.participant@example.org",
            "organisation": world.other_organisation.pk,
            "job_title": "Chief Superintendent",
            "band": "head_of_service",
        },
    )
    body = world.client("staff").get(_url(world)).content.decode()
    assert "Change history" in body
    assert "Staff changed the job title from Head of Service to Chief Superintendent." in body


def test_the_participant_sees_their_own_page_read_only(world: World) -> None:
    response = world.client("participant").get(_url(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pat Participant" in body
    assert "Change history" not in body
    assert reverse("directory:person_edit", args=[world.participant_person.pk]) not in body
    assert reverse("directory:post_new", args=[world.participant_person.pk]) not in body
    # They cannot open the directory, so no breadcrumb leads to it.
    assert "govuk-breadcrumbs" not in body


def test_the_sponsor_sees_their_sponsee(world: World) -> None:
    response = world.client("sponsor").get(_url(world))
    assert response.status_code == 200
    assert [str(e.cohort) for e in response.context["enrolments"]] == [
        "Leading Greater Essex 2026/27"
    ]
    assert "Change history" not in response.content.decode()


def test_a_participant_cannot_see_another_person(world: World) -> None:
    url = reverse("directory:person", args=[world.alumnus_person.pk])
    assert world.client("participant").get(url).status_code == 404
    sponsor_url = reverse("directory:person", args=[world.sponsor_person.pk])
    assert world.client("participant").get(sponsor_url).status_code == 404


def test_enrolments_are_limited_to_the_viewers_programmes(world: World) -> None:
    Enrolment.objects.create(person=world.participant_person, cohort=world.other_cohort)
    staff = world.client("staff").get(_url(world))
    admin = world.client("admin").get(_url(world))
    facilitator = world.client("facilitator").get(_url(world))
    own = world.client("participant").get(_url(world))
    assert len(staff.context["enrolments"]) == 1
    assert len(facilitator.context["enrolments"]) == 1
    assert "Aspiring Leaders 2026/27" not in staff.content.decode()
    assert len(admin.context["enrolments"]) == 2
    assert len(own.context["enrolments"]) == 2


def test_facilitators_read_it_without_history(world: World) -> None:
    body = world.client("facilitator").get(_url(world)).content.decode()
    assert "Pat Participant" in body
    assert "Change history" not in body


def test_facilitators_may_not_open_the_edit_page(world: World) -> None:
    url = reverse("directory:person_edit", args=[world.participant_person.pk])
    assert world.client("facilitator").get(url).status_code == 403
