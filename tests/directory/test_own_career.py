"""An alumnus keeps their own career record: adds and corrects posts, reads the privacy notice
and records their choice, and answers the yearly "still in this role?" email in one click."""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.audit.models import AuditEntry
from commonground.directory.career_checks import ask_everyone_due, link_for
from commonground.directory.models import Band, BandSource, CareerChoice, Post
from tests.conftest import World


def _post(world: World, **fields: object) -> Post:
    values: dict[str, object] = {
        "person": world.alumnus_person,
        "organisation": world.organisation,
        "title": "Head of Service",
        "band": Band.HEAD_OF_SERVICE,
        "started_on": dt.date(2020, 4, 1),
    }
    values.update(fields)
    return Post.objects.create(**values)


def _form(world: World, **fields: str) -> dict[str, str]:
    data = {
        "organisation": str(world.other_organisation.pk),
        "title": "Chief Superintendent",
        "band": "",
        "started_on": "2018-01-01",
        "ended_on": "2019-12-31",
    }
    data.update(fields)
    return data


def test_it_shows_the_privacy_notice_until_a_choice_is_made(world: World) -> None:
    client = world.client("alumnus")
    page = client.get(reverse("directory:my_career")).content.decode()
    assert "What we keep and why" in page
    response = client.post(reverse("directory:my_career_choice"), {"follow_up": "yes"})
    assert response.status_code == 302
    choice = CareerChoice.objects.get(person=world.alumnus_person)
    assert choice.follow_up and choice.notice_version
    page = client.get(reverse("directory:my_career")).content.decode()
    assert "What we keep and why" not in page
    assert "ask you once a year" in page


def test_an_earlier_post_gets_its_band_from_the_title_in_its_own_sector(world: World) -> None:
    response = world.client("alumnus").post(reverse("directory:my_post_add"), _form(world))
    assert response.status_code == 302
    post = Post.objects.get(person=world.alumnus_person)
    assert post.band == Band.ASSISTANT_DIRECTOR
    assert post.band_source == BandSource.SUGGESTED
    assert AuditEntry.objects.filter(action="directory.post.created").count() == 1


def test_it_refuses_a_post_that_ends_before_it_starts_and_keeps_what_was_typed(
    world: World,
) -> None:
    data = _form(world, started_on="2020-01-01", ended_on="2019-01-01")
    response = world.client("alumnus").post(reverse("directory:my_post_add"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "The date you left must be on or after the date you started" in page
    assert 'value="Chief Superintendent"' in page
    assert not Post.objects.filter(person=world.alumnus_person).exists()


def test_it_refuses_a_second_current_post_unless_held_alongside(world: World) -> None:
    _post(world)
    client = world.client("alumnus")
    data = _form(world, started_on="2024-01-01", ended_on="")
    response = client.post(reverse("directory:my_post_add"), data)
    assert "tick that you hold it alongside" in response.content.decode()
    assert Post.objects.filter(person=world.alumnus_person).count() == 1
    response = client.post(reverse("directory:my_post_add"), {**data, "held_alongside": "on"})
    assert response.status_code == 302
    assert Post.objects.filter(person=world.alumnus_person, ended_on__isnull=True).count() == 2


def test_an_unknown_title_asks_for_a_band(world: World) -> None:
    data = _form(world, title="Wizard")
    response = world.client("alumnus").post(reverse("directory:my_post_add"), data)
    assert "We cannot tell the band from this job title" in response.content.decode()


def test_correcting_the_current_post_updates_the_directory_entry(world: World) -> None:
    post = _post(world)
    client = world.client("alumnus")
    form = client.get(reverse("directory:my_post_edit", args=[post.pk])).context["form"]
    data = {
        "organisation": str(world.organisation.pk),
        "title": "Assistant Director, Adult Social Care",
        "band": "",
        "started_on": "2020-04-01",
        "ended_on": "",
        "record_version": form["record_version"].initial,
    }
    response = client.post(reverse("directory:my_post_edit", args=[post.pk]), data)
    assert response.status_code == 302
    world.alumnus_person.refresh_from_db()
    assert world.alumnus_person.job_title == "Assistant Director, Adult Social Care"
    assert world.alumnus_person.band == Band.ASSISTANT_DIRECTOR


def test_nobody_changes_someone_elses_post(world: World) -> None:
    post = _post(world, person=world.participant_person)
    response = world.client("alumnus").get(reverse("directory:my_post_edit", args=[post.pk]))
    assert response.status_code == 404


def test_staff_changing_a_band_is_recorded_as_a_correction(world: World) -> None:
    post = _post(world)
    client = world.client("staff")
    form = client.get(reverse("directory:post_edit", args=[post.pk])).context["form"]
    data = {
        "organisation": str(world.organisation.pk),
        "title": "Head of Service",
        "band": Band.ASSISTANT_DIRECTOR,
        "started_on": "2020-04-01",
        "record_version": form["record_version"].initial,
    }
    assert client.post(reverse("directory:post_edit", args=[post.pk]), data).status_code == 302
    post.refresh_from_db()
    assert post.band_source == BandSource.CORRECTED
    entry = AuditEntry.objects.get(action="directory.post.changed")
    assert "band" in entry.changes


def _agree(world: World, follow_up: bool = True) -> None:
    CareerChoice.objects.create(
        person=world.alumnus_person,
        follow_up=follow_up,
        notice_version="x",
        chosen_at=timezone.now(),
    )


def test_the_yearly_question_goes_once_to_those_who_agreed(world: World) -> None:
    _post(world)
    _agree(world)
    assert ask_everyone_due() == 1
    assert ask_everyone_due() == 0
    message = mail.outbox[0]
    assert message.to == [world.alumnus_person.email]
    assert "Yes, nothing has changed" in message.body
    assert "/still-in-role/" in message.body


def test_nobody_is_asked_who_said_no_or_was_asked_this_year(world: World) -> None:
    _post(world)
    _agree(world, follow_up=False)
    _post(world, person=world.participant_person, asked_on=timezone.localdate())
    assert ask_everyone_due() == 0


def test_the_link_shows_a_button_and_only_its_post_records_the_answer(world: World) -> None:
    post = _post(world)
    path = urlsplit(link_for(world.alumnus_person)).path
    client = world.client("anonymous")
    page = client.get(path)
    assert page.status_code == 200
    assert "Yes, nothing has changed" in page.content.decode()
    post.refresh_from_db()
    assert post.confirmed_on is None
    done = client.post(path)
    assert "Your record is confirmed as up to date" in done.content.decode()
    post.refresh_from_db()
    assert post.confirmed_on == timezone.localdate()
    assert "_auth_user_id" not in client.session


def test_a_link_made_for_another_purpose_is_refused(world: World) -> None:
    token = signing.dumps({"person": world.alumnus_person.pk}, salt="another purpose")
    response = world.client("anonymous").get(reverse("directory:still_in_role", args=[token]))
    assert response.status_code == 404
    assert "This link has expired" in response.content.decode()


def test_a_link_older_than_sixty_days_is_refused(world: World) -> None:
    sixty_one_days_ago = time.time() - 61 * 86400
    with mock.patch("django.core.signing.time.time", return_value=sixty_one_days_ago):
        path = urlsplit(link_for(world.alumnus_person)).path
    response = world.client("anonymous").get(path)
    assert response.status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_the_record_runs_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    for year in range(size):
        _post(world, started_on=dt.date(2000 + year, 1, 1), ended_on=dt.date(2000 + year, 12, 31))
    client = world.client("alumnus")
    url = reverse("directory:my_career")
    client.get(url)
    # session, user, roles, person, enrolments, sponsored; the person, their choice, their posts,
    # the programme they joined last and its ladder's rungs
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_staff_see_which_bands_were_worked_out_from_the_title(world: World) -> None:
    _post(world, band_source=BandSource.SUGGESTED)
    page = world.client("staff").get(reverse("directory:person", args=[world.alumnus_person.pk]))
    assert "suggested from the job title" in page.content.decode()


def test_a_new_role_sent_empty_is_refused_with_400_and_says_what_is_missing(world: World) -> None:
    response = world.client("alumnus").post(reverse("directory:my_post"), {})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
