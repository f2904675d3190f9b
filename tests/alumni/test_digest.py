"""The weekly alumni email: new asks and offers and events coming up, once a week, with a
one-click unsubscribe (a signed link, and the RFC 8058 POST)."""

from __future__ import annotations

from urllib.parse import urlparse

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from commonground.alumni.digest import send_weekly, unsubscribe_token
from commonground.alumni.models import Post, PostKind, Profile
from commonground.alumni.tasks import send_weekly_digest
from tests.alumni.helpers import network, profile
from tests.conftest import World


def _ask_by_participant(world: World) -> Post:
    return Post.objects.create(
        programme=world.programme,
        author=world.participant_person,
        kind=PostKind.ASK,
        title="Speakers on suicide prevention?",
        body="For our staff conference.",
    )


def test_alumni_get_new_asks_and_events_with_an_unsubscribe_header(world: World) -> None:
    network(world)
    _ask_by_participant(world)
    assert send_weekly() == 1
    [email] = mail.outbox
    assert email.to == ["alex.alumnus@example.org"]
    body = str(email.body)
    assert "Speakers on suicide prevention?" in body
    assert "Alumni reunion" in body
    # Their own ask is not news to them.
    assert "Anyone who has set up a joint commissioning board?" not in body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The header's link is the one a mail application posts to, without signing in.
    url = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://") and url in body
    world.client("anonymous").post(urlparse(url).path, {"List-Unsubscribe": "One-Click"})
    assert Profile.objects.get(person=world.alumnus_person).digest is False


def test_a_second_run_in_the_same_week_sends_nothing(world: World) -> None:
    network(world)
    assert send_weekly_digest.call() == 1
    call_command("send_alumni_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_people_who_opted_out_and_participants_not_in_the_network_get_nothing(
    world: World,
) -> None:
    network(world)
    Profile.objects.filter(person=world.alumnus_person).update(digest=False)
    assert send_weekly() == 0
    profile(world.participant_person)
    assert send_weekly() == 1
    assert mail.outbox[0].to == ["pat.participant@example.org"]


def test_nothing_new_means_no_email(world: World) -> None:
    assert send_weekly() == 0
    assert not mail.outbox


def test_the_link_asks_first_and_one_click_stops_the_email(world: World) -> None:
    network(world)
    url = reverse("alumni:unsubscribe", args=[unsubscribe_token(world.alumnus_person.pk)])
    anonymous = world.client("anonymous")
    page = anonymous.get(url)
    assert "Stop the email" in page.content.decode()
    # A mail scanner opening the link changes nothing.
    assert Profile.objects.get(person=world.alumnus_person).digest is True
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Profile.objects.get(person=world.alumnus_person).digest is False
    assert send_weekly() == 0


def test_an_altered_link_does_nothing(world: World) -> None:
    token = unsubscribe_token(world.alumnus_person.pk)
    response = world.client("anonymous").post(
        reverse("alumni:unsubscribe", args=[token[:-2] + "xx"])
    )
    assert response.status_code == 404
    assert not Profile.objects.exists()
