"""Alumni events: RSVPs with a waiting list, the calendar file and feed, invitations after a
check, attendance, and a fixed number of queries for the list."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from commonground.alumni.models import AlumniEvent, Rsvp, RsvpStatus
from commonground.directory.models import Band, Person
from commonground.programmes import feeds
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.alumni.helpers import event, network
from tests.conftest import World
from tests.programmes.itip import calendar_part


def _alumnus(world: World, n: int) -> Person:
    person = Person.objects.create(
        first_name=f"Alum{n}",
        last_name="Member",
        email=f"alum{n}@example.org",
        organisation=world.organisation,
        band=Band.HEAD_OF_SERVICE,
    )
    Enrolment.objects.create(
        person=person, cohort=world.past_cohort, status=EnrolmentStatus.COMPLETED
    )
    return person


def _rsvp(world: World, role: str, found: AlumniEvent, coming: str = "yes") -> Any:
    return world.client(role).post(
        reverse("alumni:event_rsvp", args=[found.pk]), {"coming": coming}, follow=True
    )


def test_an_alumnus_says_they_are_coming(world: World) -> None:
    found = network(world).event
    page = _rsvp(world, "alumnus", found).content.decode()
    assert "You are coming" in page
    assert Rsvp.objects.get(event=found).status == RsvpStatus.GOING
    assert "1 coming of 2 places" in page


def test_a_full_event_puts_people_on_the_waiting_list_and_a_freed_place_goes_to_the_first(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    found = network(world).event
    for n in range(2):
        Rsvp.objects.create(event=found, person=_alumnus(world, n), status=RsvpStatus.GOING)
    page = _rsvp(world, "alumnus", found).content.decode()
    assert "you are on the waiting list" in page
    assert Rsvp.objects.get(person=world.alumnus_person).status == RsvpStatus.WAITING
    leaving = Rsvp.objects.filter(status=RsvpStatus.GOING).first()
    assert leaving is not None
    leaving.person.user = world.users["outsider"]
    world.outsider_person.user = None
    world.outsider_person.save()
    leaving.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        _rsvp(world, "outsider", found, "no")
    assert Rsvp.objects.get(person=world.alumnus_person).status == RsvpStatus.GOING
    [email] = mail.outbox
    assert email.to == ["alex.alumnus@example.org"]
    assert "A place came free" in email.subject


def test_an_answer_must_be_yes_or_no(world: World) -> None:
    found = network(world).event
    page = _rsvp(world, "alumnus", found, "maybe").content.decode()
    assert "Choose whether you are coming." in page
    assert not Rsvp.objects.exists()


def test_a_past_event_takes_no_answers(world: World) -> None:
    past = event(world, days=-3)
    page = _rsvp(world, "alumnus", past).content.decode()
    assert "This event is over" in page
    assert not Rsvp.objects.exists()


def test_the_calendar_file_and_the_feed_carry_the_event(world: World) -> None:
    found = network(world).event
    response = world.client("alumnus").get(reverse("alumni:event_ics", args=[found.pk]))
    [item] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["summary"]) == "Alumni reunion"
    assert str(item["uid"]).startswith(f"alumni-event-{found.pk}@")
    _rsvp(world, "alumnus", found)
    token = feeds.issue(world.alumnus_person, None)
    feed = world.client("anonymous").get(reverse("programmes:calendar_feed", args=[token]))
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert "Alumni reunion" in summaries


def test_invitations_are_checked_first_then_sent_with_the_calendar_file(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    found = network(world).event
    url = reverse("alumni:event_invite", args=[found.pk])
    check = world.client("staff").get(url).content.decode()
    assert "Alex Alumnus (alex.alumnus@example.org)" in check
    assert "Invite 1 person" in check
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("staff").post(url, {"confirm": "yes"})
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["alex.alumnus@example.org"]
    sent = calendar_part(email)
    assert (sent.content_type, sent.method, sent.event.method) == (
        "text/calendar",
        "REQUEST",
        "REQUEST",
    )
    assert sent.event.summary == "Alumni reunion"
    found.refresh_from_db()
    assert found.invitations_sent_at is not None


def test_nobody_is_invited_to_an_event_that_is_over(world: World) -> None:
    over = event(world, days=-3, title="Last year's reunion")
    url = reverse("alumni:event_invite", args=[over.pk])
    page = world.client("staff").get(over.get_absolute_url()).content.decode()
    assert url not in page
    for response in (
        world.client("staff").get(url, follow=True),
        world.client("staff").post(url, {"confirm": "yes"}, follow=True),
    ):
        assert "Last year&#x27;s reunion is over, so nobody can be invited to it." in (
            response.content.decode()
        )
    assert not mail.outbox
    over.refresh_from_db()
    assert over.invitations_sent_at is None


def test_a_capacity_past_any_gathering_is_refused_in_plain_words(world: World) -> None:
    url = reverse("alumni:event_new", args=[world.programme.slug])
    response = world.client("staff").post(url, {"capacity": "99999999999999999999"})
    assert response.status_code == 400
    assert "Enter 10,000 places or fewer." in response.content.decode()


def test_sponsors_are_invited_to_the_celebration(world: World) -> None:
    Enrolment.objects.filter(person=world.alumnus_person).update(sponsor=world.sponsor_person)
    celebration = event(world, title="Annual celebration", with_sponsors=True)
    page = world.client("staff").get(reverse("alumni:event_invite", args=[celebration.pk]))
    assert "Sam Sponsor" in page.content.decode()
    assert world.client("sponsor").get(celebration.get_absolute_url()).status_code == 200
    assert _rsvp(world, "sponsor", celebration).status_code == 200
    assert Rsvp.objects.get(person=world.sponsor_person).status == RsvpStatus.GOING


def test_staff_record_who_came(world: World) -> None:
    past = event(world, days=-2)
    came, absent = _alumnus(world, 1), _alumnus(world, 2)
    for person in (came, absent):
        Rsvp.objects.create(event=past, person=person, status=RsvpStatus.GOING)
    response = world.client("staff").post(
        reverse("alumni:event_attendance", args=[past.pk]), {"came": [str(came.pk)]}, follow=True
    )
    assert "Attendance saved: 1 person came." in response.content.decode()
    assert dict(Rsvp.objects.values_list("person_id", "attended")) == {
        came.pk: True,
        absent.pk: False,
    }


def test_an_event_must_end_after_it_starts(world: World) -> None:
    response = world.client("staff").post(
        reverse("alumni:event_new", args=[world.programme.slug]),
        {
            "kind": "reunion",
            "title": "Reunion",
            "starts_at": "2027-03-01T18:00",
            "ends_at": "2027-03-01T17:00",
        },
    )
    assert response.status_code == 400
    assert "The end must be after the start." in response.content.decode()
    assert not AlumniEvent.objects.exists()


def test_staff_plan_an_event(world: World) -> None:
    response = world.client("staff").post(
        reverse("alumni:event_new", args=[world.programme.slug]),
        {
            "kind": "reunion",
            "title": "Reunion 2027",
            "starts_at": "2027-03-01T17:00",
            "ends_at": "2027-03-01T20:00",
            "capacity": "80",
        },
    )
    found = AlumniEvent.objects.get()
    assert response.status_code == 302 and found.capacity == 80
    assert not mail.outbox


@pytest.mark.parametrize("extra", [1, 12])
def test_the_events_list_takes_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: Any, extra: int
) -> None:
    for n in range(extra):
        found = event(world, days=10 + n, title=f"Event {n}")
        Rsvp.objects.create(event=found, person=world.alumnus_person, status=RsvpStatus.GOING)
    client = world.client("alumnus")
    with django_assert_num_queries(10):
        response = client.get(reverse("alumni:events"))
    assert len(response.context["upcoming"]) == extra


def test_cancelling_is_checked_first_then_everyone_invited_gets_the_cancellation(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    found = network(world).event
    url = reverse("alumni:event_cancel", args=[found.pk])
    check = world.client("staff").get(url).content.decode()
    assert "Cancelled: Alumni reunion" in check
    found.refresh_from_db()
    assert not found.is_cancelled and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        world.client("staff").post(url, {"confirm": "yes"})
    found.refresh_from_db()
    assert found.is_cancelled
    [email] = mail.outbox
    assert email.subject.startswith("Cancelled: Alumni reunion")
    assert calendar_part(email).method == "CANCEL"
    page = _rsvp(world, "alumnus", found).content.decode()
    assert "This event is cancelled." in page
