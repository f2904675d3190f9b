"""The network's figures for the board, with small numbers hidden, and the alumnus's home."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from commonground.alumni.figures import provider
from commonground.alumni.models import Reply
from commonground.programmes.movement import movement_figures
from tests.alumni.helpers import network
from tests.conftest import World


def test_small_numbers_are_hidden_outside_staff(world: World) -> None:
    found = network(world)
    Reply.objects.create(post=found.post, author=world.participant_person, body="Yes")
    today = timezone.localdate()
    staff = {f.key: f for f in provider(world.programme, None, today)}
    assert staff["alumni_in_network"].number == 1
    assert staff["asks_answered"].value == "1 of 1 (100%)"
    board = {f.key: f for f in provider(world.programme, 5, today)}
    assert board["alumni_in_network"].value == "fewer than 5"
    assert board["alumni_in_network"].number is None and board["alumni_in_network"].hidden
    assert board["asks_answered"].value == "fewer than 5 of fewer than 5"
    keys = {f.key for f in movement_figures(world.programme, None, today)}
    assert {"alumni_in_network", "asks_answered"} <= keys


def test_the_alumnus_home_leads_to_the_network_and_the_next_event(world: World) -> None:
    event = network(world).event
    page = world.client("alumnus").get(reverse("home")).content.decode()
    assert reverse("alumni:profile") in page
    assert reverse("alumni:directory") in page
    assert event.get_absolute_url() in page
    assert "Say whether you are coming" in page
