"""The challenges menu item: the library, and for a sponsor the challenges they own."""

from __future__ import annotations

from django.urls import reverse

from tests.challenges.helpers import Challenges
from tests.conftest import World


def test_a_sponsor_who_owns_challenges_sees_their_own(world: World, made: Challenges) -> None:
    response = world.client("sponsor").get(reverse("challenges:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your challenges" in page
    assert f'href="{reverse("challenges:challenge", args=[made.current.pk])}"' in page
    assert "Rough sleeping" in page and "Hospital discharge" in page
    # They cannot see the library, so it is not offered to them.
    assert reverse("challenges:library", args=[world.programme.slug]) not in page
    opened = world.client("sponsor").get(reverse("challenges:challenge", args=[made.current.pk]))
    assert opened.status_code == 200


def test_a_sponsor_who_owns_nothing_finds_nothing(world: World) -> None:
    assert world.client("sponsor").get(reverse("challenges:index")).status_code == 404


def test_a_participant_goes_straight_to_the_library(world: World, made: Challenges) -> None:
    response = world.client("participant").get(reverse("challenges:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("challenges:library", args=[world.programme.slug])


def test_someone_who_owns_a_challenge_and_reads_the_library_sees_both(
    world: World, made: Challenges
) -> None:
    made.other.owner = world.participant_person
    made.other.save()
    page = world.client("participant").get(reverse("challenges:index")).content.decode()
    assert "Challenges of Leading Greater Essex" in page
    assert "Challenges you own" in page and "Hospital discharge" in page
