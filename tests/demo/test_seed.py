"""The seeded Leading Greater Essex looks like the real programme's history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from commonground.directory.models import Band, Organisation, Person, Post, Sector
from commonground.directory.reference import read_organisations
from commonground.programmes.demo.seed import SLUG, Summary, seed
from commonground.programmes.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

pytestmark = pytest.mark.django_db


def _current_start_year() -> int:
    today = timezone.localdate()
    return today.year if today >= dt.date(today.year, 9, 1) else today.year - 1


def _started() -> list[Cohort]:
    return list(
        Cohort.objects.filter(programme__slug=SLUG, starts_on__lte=timezone.localdate()).order_by(
            "starts_on"
        )
    )


def test_it_creates_the_programme_owned_by_essex_partners(demo: Summary) -> None:
    programme = Programme.objects.get(slug=SLUG)
    assert programme.name == "Leading Greater Essex"
    assert programme.owner.name == "Essex Partners"


def test_it_loads_every_organisation_of_the_reference_file(demo: Summary) -> None:
    names = {row.name for row in read_organisations()}
    assert set(Organisation.objects.values_list("name", flat=True)) == names
    assert Organisation.objects.get(name="Essex Police").sector == Sector.POLICE_AND_JUSTICE


def test_it_runs_a_cohort_a_year_since_2016(demo: Summary) -> None:
    started = _started()
    first, last = 2016, _current_start_year()
    assert [c.name for c in started] == [f"{y}/{(y + 1) % 100:02d}" for y in range(first, last + 1)]
    assert {c.status for c in started[:-1]} == {CohortStatus.COMPLETED}
    assert all(43 <= c.enrolments.count() <= 48 for c in started)


def test_it_has_well_over_200_alumni(demo: Summary) -> None:
    alumni = Person.objects.filter(enrolments__status=EnrolmentStatus.COMPLETED).distinct()
    assert alumni.count() > 300


def test_most_of_a_past_cohort_completes_and_some_defer_into_the_next(demo: Summary) -> None:
    past = Enrolment.objects.filter(cohort__programme__slug=SLUG, cohort__status="completed")
    completed = past.filter(status=EnrolmentStatus.COMPLETED).count()
    assert 0.84 <= completed / past.count() <= 0.92
    deferred = past.filter(status=EnrolmentStatus.DEFERRED)
    assert deferred.exists()
    for enrolment in deferred:
        later = Enrolment.objects.get(
            person=enrolment.person, cohort__starts_on__gt=enrolment.cohort.starts_on
        )
        assert later.cohort.starts_on.year == enrolment.cohort.starts_on.year + 1


def test_the_running_cohort_has_registers_only_for_past_activities(demo: Summary) -> None:
    running = _started()[-1]
    today = timezone.localdate()
    assert running.status == CohortStatus.RUNNING
    assert set(running.enrolments.values_list("status", flat=True)) >= {EnrolmentStatus.ACTIVE}
    activities = Activity.objects.filter(cohort=running).annotate(marks=Count("attendance"))
    assert 10 <= len(activities) <= 12
    for activity in activities:
        held = timezone.localtime(activity.starts_at).date() < today
        assert (activity.marks > 0) == held, activity.title


def test_every_past_activity_has_a_register_taken_by_someone(demo: Summary) -> None:
    past = Activity.objects.filter(cohort__status=CohortStatus.COMPLETED)
    assert not past.annotate(marks=Count("attendance")).filter(marks=0).exists()
    assert not Attendance.objects.filter(recorded_by=None).exists()
    mark = Attendance.objects.select_related("activity").first()
    assert mark is not None and mark.recorded_at > mark.activity.ends_at


def test_a_couple_of_running_participants_attend_poorly(demo: Summary) -> None:
    running = _started()[-1]
    missed = Q(attendance__status__in=[AttendanceStatus.ABSENT, AttendanceStatus.APOLOGIES])
    enrolments = running.enrolments.annotate(
        marks=Count("attendance"), missed=Count("attendance", filter=missed)
    ).filter(marks__gt=0)
    poor = [e for e in enrolments if e.missed * 2 >= e.marks and e.marks >= 2]
    assert 1 <= len(poor) <= 6


def test_every_enrolment_has_a_senior_sponsor_who_is_not_the_participant(demo: Summary) -> None:
    enrolments = Enrolment.objects.select_related("sponsor")
    assert not enrolments.filter(sponsor=None).exists()
    assert not enrolments.filter(sponsor_id=F("person_id")).exists()
    for enrolment in enrolments:
        assert enrolment.sponsor is not None and enrolment.sponsor_id != enrolment.person_id
        assert enrolment.sponsor.band in (Band.CHIEF_OFFICER, Band.DIRECTOR)


def test_sponsors_come_from_the_participants_own_organisation(demo: Summary) -> None:
    first_posts = {
        post.person_id: post.organisation_id
        for post in Post.objects.order_by("-started_on")  # the earliest post wins
    }
    for person_id, sponsor_org in Enrolment.objects.values_list(
        "person_id", "sponsor__organisation_id"
    ):
        assert first_posts[person_id] == sponsor_org


def test_about_a_third_of_alumni_have_since_moved_up_or_on(demo: Summary) -> None:
    alumni = Person.objects.filter(enrolments__status=EnrolmentStatus.COMPLETED).distinct()
    moved = alumni.annotate(posts_held=Count("posts")).filter(posts_held__gt=1)
    assert 0.25 <= moved.count() / alumni.count() <= 0.45
    more_senior = [
        person
        for person in moved.prefetch_related("posts")
        if Band.rank(person.band) < Band.rank(list(person.posts.all())[-1].band)
    ]
    assert len(more_senior) > moved.count() / 2


def test_every_address_is_invented(demo: Summary) -> None:
    emails = list(Person.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails))
    assert all(email.endswith(".example") for email in emails)
    assert Person.objects.filter(email__endswith="@essex-police.example").exists()


def test_running_it_again_changes_nothing(demo: Summary) -> None:
    models = (Organisation, Person, Post, Cohort, Enrolment, Activity, Attendance)
    before = [m.objects.count() for m in models]
    assert seed() is None
    assert [m.objects.count() for m in models] == before
