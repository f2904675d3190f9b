"""A participant's calendar and private feed: valid iCalendar that calendar clients accept."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import icalendar
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.programmes.calendar import cancel_activity
from commonground.programmes.models import Activity, ActivityKind
from tests.conftest import World
from tests.programmes.itip import calendar_part, change_activity, read

KHAL_CONFIG = """
[calendars]
[[programme]]
path = {path}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/London
default_timezone = Europe/London
"""


def _parse(content: bytes) -> Any:
    """The icalendar library's reading of the file (typed loosely: values have many types)."""
    return icalendar.Calendar.from_ical(content)


def _feed_url(world: World) -> str:
    client = world.client("participant")
    client.post(reverse("programmes:calendar_feed_reset"))
    page = client.get(reverse("programmes:my_calendar"))
    url: str = page.context["feed_url"]
    assert url.startswith("http://testserver/calendar/feed/")
    return url.removeprefix("http://testserver")


def _feed(world: World) -> bytes:
    response = world.client("anonymous").get(_feed_url(world))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_the_calendar_page_lists_the_participants_activities(world: World) -> None:
    page = world.client("participant").get(reverse("programmes:my_calendar"))
    assert page.status_code == 200
    assert "Leading in complexity" in page.content.decode()
    assert "Launch" not in page.content.decode()  # another programme's activity


def test_the_feed_is_valid_icalendar_with_each_activity(world: World) -> None:
    calendar = _parse(_feed(world))
    assert calendar["PRODID"] == "-//Common Ground//Programme calendar//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == "Common Ground: Pat Participant"
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Leading in complexity"]
    event = events[0]
    assert str(event["UID"]) == f"activity-{world.activity.pk}@127.0.0.1"
    assert event["DTSTART"].dt == world.activity.starts_at
    assert event["DTSTART"].to_ical().endswith(b"Z")  # written in UTC
    assert str(event["LOCATION"]) == "County Hall, Chelmsford"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]).endswith(f"/activities/{world.activity.pk}/")
    assert "DTSTAMP" in event and "DESCRIPTION" in event


def test_changes_and_cancellations_flow_through_the_feed(world: World) -> None:
    url = _feed_url(world)
    first = _parse(world.client("anonymous").get(url).content)
    change_activity(world, place="Essex Police HQ")
    world.activity.refresh_from_db()
    cancel_activity(world.activity, by=world.users["staff"])
    after = _parse(world.client("anonymous").get(url).content)
    before_event, event = first.walk("VEVENT")[0], after.walk("VEVENT")[0]
    assert event["UID"] == before_event["UID"]
    assert int(event["SEQUENCE"]) == int(before_event["SEQUENCE"]) + 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["LOCATION"]) == "Essex Police HQ"


def test_an_independent_parser_reads_the_feed_as_the_icalendar_library_does(
    world: World,
) -> None:
    cancel_activity(world.activity, by=None)
    [event] = read(_feed(world))
    assert (event.uid, event.summary) == (
        f"activity-{world.activity.pk}@127.0.0.1",
        "Leading in complexity",
    )
    assert (event.status, event.sequence) == ("CANCELLED", 1)
    assert event.location == "County Hall, Chelmsford"


def test_a_command_line_calendar_client_imports_the_feed(world: World, tmp_path: Path) -> None:
    feed = tmp_path / "feed.ics"
    feed.write_bytes(_feed(world))
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(KHAL_CONFIG.format(path=tmp_path / "calendar"))
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"}
    khal = ["/usr/bin/khal", "-c", str(config)]
    subprocess.run([*khal, "import", "--batch", str(feed)], env=env, check=True)
    day = timezone.localtime(world.activity.starts_at).date()
    listed = subprocess.run(
        [*khal, "list", "--format", "{title} at {location} {start-time}", day.isoformat(), "2d"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Leading in complexity at County Hall, Chelmsford 09:00" in listed


def test_resetting_the_link_stops_the_old_one(world: World) -> None:
    old = _feed_url(world)
    new = _feed_url(world)
    assert old != new
    anonymous = world.client("anonymous")
    gone = anonymous.get(old)
    assert gone.status_code == 404
    assert "This calendar link does not work" in gone.content.decode()
    assert anonymous.get(new).status_code == 200


def test_a_deactivated_accounts_feed_stops_working(world: World) -> None:
    url = _feed_url(world)
    anonymous = world.client("anonymous")
    assert anonymous.get(url).status_code == 200
    world.users["participant"].is_active = False
    world.users["participant"].save()
    gone = anonymous.get(url)
    assert gone.status_code == 404
    assert "This calendar link does not work" in gone.content.decode()


def test_invitations_carry_the_event_as_a_request(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("staff").post(
            reverse("programmes:activity_invite", args=[world.activity.pk]), {"confirm": "yes"}
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    sent = calendar_part(mail.outbox[0])
    assert (sent.content_type, sent.method) == ("text/calendar", "REQUEST")
    assert sent.event.attendees[0]["value"] == "mailto:pat.participant@example.org"
    assert sent.event.organizer == "mailto:noreply@localhost"
    world.activity.refresh_from_db()
    assert world.activity.invitations_sent_at is not None


def test_cancelling_tells_participants_and_marks_the_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("programmes:activity_cancel", args=[world.activity.pk]), {"confirm": "yes"}
        )
    assert mail.outbox[0].subject.startswith("Cancelled: Leading in complexity")
    assert calendar_part(mail.outbox[0]).event.method == "CANCEL"
    page = client.get(reverse("programmes:activity", args=[world.activity.pk]))
    assert "This activity is cancelled." in page.content.decode()


def test_cancelling_tells_participants_once_it_is_saved_and_only_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assert cancel_activity(world.activity, by=world.users["staff"])
    assert not mail.outbox  # nobody hears of it before the cancellation is stored
    for callback in pending:
        callback()
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    assert mail.outbox[0].subject.startswith("Cancelled: Leading in complexity")
    with django_capture_on_commit_callbacks(execute=True):
        assert not cancel_activity(world.activity, by=world.users["staff"])
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="programmes.activity.cancelled").count() == 1


def test_reminders_go_once_for_activities_in_the_next_two_days(world: World) -> None:
    from django.core.management import call_command

    soon = timezone.now() + dt.timedelta(days=1)
    Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.ONLINE,
        title="Action learning",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        online_link="https://meet.example.org/x",
    )
    call_command("send_activity_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_activity_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.subject for message in mail.outbox] == [
        f"Reminder: Action learning, {timezone.localtime(soon):%A} {timezone.localtime(soon).day} "
        f"{timezone.localtime(soon):%B}"
    ]
