"""Self check-in with the code shown in the room, and apologies sent ahead."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from commonground.programmes.checkin import ALPHABET, code_for
from commonground.programmes.models import Activity, Attendance
from tests.conftest import World


def _starting(world: World, minutes_ago: int) -> Activity:
    world.activity.starts_at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    world.activity.ends_at = world.activity.starts_at + dt.timedelta(hours=3)
    world.activity.save()
    return world.activity


def _check_in(world: World, code: str) -> str:
    response = world.client("participant").post(
        reverse("programmes:checkin"), {"code": code}, follow=True
    )
    return response.content.decode()


def test_the_code_has_six_unambiguous_characters(world: World) -> None:
    code = code_for(world.activity)
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    assert not set("01ILOSZB258") & set(ALPHABET)


def test_staff_see_the_code_and_a_qr_code(world: World) -> None:
    page = world.client("facilitator").get(
        reverse("programmes:checkin_code", args=[world.activity.pk])
    )
    text = page.content.decode()
    assert code_for(world.activity)[:3] in text and "<svg" in text
    assert "The code works from" in text  # a week away: not open yet


def test_a_participant_checks_in_on_time(world: World) -> None:
    activity = _starting(world, minutes_ago=5)
    text = _check_in(world, code_for(activity).lower())
    assert "You are checked in to Leading in complexity. Welcome." in text
    assert Attendance.objects.get(activity=activity).status == "present"


def test_arriving_more_than_fifteen_minutes_after_the_start_is_late(world: World) -> None:
    activity = _starting(world, minutes_ago=20)
    assert "marked late" in _check_in(world, code_for(activity))
    assert Attendance.objects.get(activity=activity).status == "late"


def test_a_wrong_code_says_what_to_do(world: World) -> None:
    _starting(world, minutes_ago=5)
    text = _check_in(world, "XXXXXX")
    assert "That code does not match an activity of yours today" in text
    assert "That code is not right" in _check_in(world, "0OO1")
    assert not Attendance.objects.exists()


def test_a_code_before_check_in_opens_or_after_the_end_is_refused(world: World) -> None:
    activity = _starting(world, minutes_ago=-45)
    assert "opens at" in _check_in(world, code_for(activity))
    activity = _starting(world, minutes_ago=200)
    assert "closed at" in _check_in(world, code_for(activity))
    assert not Attendance.objects.exists()


def test_the_qr_link_checks_in_with_one_button(world: World) -> None:
    activity = _starting(world, minutes_ago=0)
    client = world.client("participant")
    url = reverse("programmes:checkin_link", args=[code_for(activity)])
    assert "Check me in" in client.get(url).content.decode()
    assert not Attendance.objects.exists()
    client.post(url, {"code": code_for(activity)})
    assert Attendance.objects.get(activity=activity).status == "present"


def test_apologies_sent_ahead_show_to_staff_with_the_reason(world: World) -> None:
    response = world.client("participant").post(
        reverse("programmes:apologies", args=[world.activity.pk]), {"reason": "Court hearing"}
    )
    assert response.status_code == 302
    mark = Attendance.objects.get(activity=world.activity)
    assert (mark.status, mark.note) == ("apologies", "Court hearing")
    page = world.client("staff").get(reverse("programmes:activity", args=[world.activity.pk]))
    assert "Pat Participant: “Court hearing”" in page.content.decode()


def test_apologies_cannot_be_sent_once_it_has_started(world: World) -> None:
    _starting(world, minutes_ago=1)
    response = world.client("participant").post(
        reverse("programmes:apologies", args=[world.activity.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert "apologies can no longer be sent for it" in response.content.decode()
    assert not Attendance.objects.filter(activity=world.activity).exists()
