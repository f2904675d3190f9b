"""Text reminders the day before a cohort day: participants choose them with a UK mobile number,
the daily job texts each of them once per activity, and none of it shows without Notify."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.notify.client import NotifyError
from commonground.notify.forms import normalise_mobile
from commonground.notify.models import (
    Channel,
    DeliveryFailure,
    TextReminderChoice,
    TextReminderSent,
)
from commonground.notify.texts import send_day_before_reminders, send_text_reminders
from tests.conftest import ROLES, World
from tests.notify.conftest import SMS_TEMPLATE
from tests.notify.fake_notify import FakeNotify

URL = reverse("notify:text_reminders")
MOBILE = "+447700900982"


def _eve(world: World) -> dt.date:
    return timezone.localdate(world.activity.starts_at) - dt.timedelta(days=1)


def _move_to_tomorrow(world: World) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    world.activity.starts_at = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(9)))
    world.activity.ends_at = world.activity.starts_at + dt.timedelta(hours=7)
    world.activity.save()


def _opt_in(world: World, mobile: str = MOBILE) -> None:
    TextReminderChoice.objects.create(
        person=world.participant_person, mobile=mobile, remind_day_before=True
    )


@pytest.mark.parametrize(
    "typed",
    ["07700 900982", "07700-900-982", "+44 7700 900982", "+44 (0)7700 900982", "00447700900982"],
)
def test_a_uk_mobile_written_any_usual_way_is_kept_as_plus_44(typed: str) -> None:
    assert normalise_mobile(typed) == MOBILE


@pytest.mark.parametrize("typed", ["01245 430000", "0770090098", "+33 6 12 34 56 78", "phone me"])
def test_a_number_that_is_not_a_uk_mobile_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="Enter a UK mobile number"):
        normalise_mobile(typed)


def test_a_participant_asks_for_reminders_and_the_number_is_kept_as_plus_44(
    world: World, notify: FakeNotify
) -> None:
    client = world.client("participant")
    assert "Text reminders" in client.get(reverse("home"), follow=True).content.decode()
    response = client.post(URL, {"mobile": "07700 900982", "remind_day_before": "on"}, follow=True)
    assert f"We will text {MOBILE} the day before each cohort day." in response.content.decode()
    choice = TextReminderChoice.objects.get(person=world.participant_person)
    assert (choice.mobile, choice.remind_day_before) == (MOBILE, True)
    assert AuditEntry.objects.filter(action="notify.text_reminders.changed").exists()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"mobile": "01245 430000", "remind_day_before": "on"}, "Enter a UK mobile number"),
        ({"mobile": "", "remind_day_before": "on"}, "Enter your mobile number to get text"),
    ],
)
def test_a_wrong_or_missing_number_is_refused_saying_what_to_enter(
    world: World, notify: FakeNotify, data: dict[str, str], says: str
) -> None:
    response = world.client("participant").post(URL, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not TextReminderChoice.objects.exists()


def test_once_offered_only_participants_may_choose_texts(world: World, notify: FakeNotify) -> None:
    # The outsider takes part in the other programme's cohort, so may choose texts too.
    participants = {"participant": 200, "outsider": 200}
    expected = dict.fromkeys(ROLES, 404) | {"anonymous": 302} | participants
    assert {role: world.client(role).get(URL).status_code for role in ROLES} == expected


def test_without_notify_the_choice_is_hidden_and_nothing_is_sent(world: World) -> None:
    _opt_in(world)
    client = world.client("participant")
    assert client.get(URL).status_code == 404
    assert "Text reminders" not in client.get(reverse("home"), follow=True).content.decode()
    assert send_day_before_reminders(_eve(world)) == 0
    out = StringIO()
    call_command("send_text_reminders", stdout=out)
    assert "No text reminders" in out.getvalue()


def test_the_day_before_a_cohort_day_the_participant_gets_one_text_however_often_it_runs(
    world: World, notify: FakeNotify
) -> None:
    _opt_in(world)
    assert send_day_before_reminders(_eve(world)) == 1
    assert send_day_before_reminders(_eve(world)) == 0
    [request] = notify.received
    assert request.path == "/v2/notifications/sms"
    assert request.authorised
    assert request.body["phone_number"] == MOBILE
    assert request.body["template_id"] == SMS_TEMPLATE
    assert request.body["personalisation"]["activity"] == "Leading in complexity"
    assert request.body["personalisation"]["time"] == "09:00"
    assert request.body["personalisation"]["place"] == "County Hall, Chelmsford"
    assert TextReminderSent.objects.get().notification_id


def test_no_text_goes_to_someone_who_did_not_ask_or_for_another_day(
    world: World, notify: FakeNotify
) -> None:
    TextReminderChoice.objects.create(person=world.participant_person, mobile=MOBILE)
    assert send_day_before_reminders(_eve(world)) == 0
    TextReminderChoice.objects.update(remind_day_before=True)
    assert send_day_before_reminders(_eve(world) - dt.timedelta(days=1)) == 0
    assert notify.received == []


def test_a_cancelled_activity_sends_no_reminder(world: World, notify: FakeNotify) -> None:
    _opt_in(world)
    world.activity.cancelled_at = timezone.now()
    world.activity.save()
    assert send_day_before_reminders(_eve(world)) == 0
    assert notify.received == []


def test_a_refused_number_is_recorded_as_a_failed_text(world: World, notify: FakeNotify) -> None:
    _opt_in(world)
    notify.script = [400]
    assert send_day_before_reminders(_eve(world)) == 0
    failure = DeliveryFailure.objects.get()
    assert (failure.person, failure.channel) == (world.participant_person, Channel.SMS)
    assert send_day_before_reminders(_eve(world)) == 0
    assert len(notify.received) == 1


def test_an_outage_gives_the_reminder_back_so_the_next_run_sends_it(
    world: World, notify: FakeNotify
) -> None:
    _opt_in(world)
    notify.script = [500, 500, 500]
    with pytest.raises(NotifyError):
        send_day_before_reminders(_eve(world))
    assert not TextReminderSent.objects.exists()
    assert send_day_before_reminders(_eve(world)) == 1


def test_the_command_texts_about_tomorrow_and_says_how_many_went(
    world: World, notify: FakeNotify
) -> None:
    _opt_in(world)
    _move_to_tomorrow(world)
    out = StringIO()
    call_command("send_text_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 text reminder."


def test_the_scheduled_task_sends_what_the_command_would(world: World, notify: FakeNotify) -> None:
    _opt_in(world)
    _move_to_tomorrow(world)
    assert send_text_reminders.enqueue().return_value == 1
    assert len(notify.received) == 1
