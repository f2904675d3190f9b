"""An alumnus or participant joins the directory, choosing who sees each part of their profile."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from commonground.alumni.models import Profile, Visibility
from commonground.audit.models import AuditEntry
from tests.conftest import World

URL = reverse("alumni:profile")


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "listed": "on",
        "works_on": "The county's domestic abuse partnership",
        "expertise_text": "Joint commissioning, domestic abuse,  joint commissioning ",
        "places": "Basildon",
        "offers": "A visit to our hub",
        "looking_for": "A data-sharing agreement",
        "digest": "on",
        **{
            f"{name}_visibility": Visibility.STAFF
            for name in ("works_on", "expertise", "places", "offers", "looking_for", "email")
        },
        "works_on_visibility": Visibility.NETWORK,
        "expertise_visibility": Visibility.PROGRAMME,
    }
    data.update(changes)
    return data


def test_it_offers_staff_only_for_anything_personal_until_chosen(world: World) -> None:
    response = world.client("alumnus").get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["places_visibility"].value() == Visibility.STAFF
    assert form["looking_for_visibility"].value() == Visibility.STAFF
    assert form["email_visibility"].value() == Visibility.STAFF
    assert form["listed"].value() is False
    assert not Profile.objects.exists()


def test_an_alumnus_joins_with_their_expertise_and_choices(world: World) -> None:
    response = world.client("alumnus").post(URL, _form(), follow=True)
    assert "You are listed in the alumni directory" in response.content.decode()
    profile = Profile.objects.get(person=world.alumnus_person)
    assert profile.listed
    assert sorted(profile.expertise.values_list("name", flat=True)) == [
        "Joint commissioning",
        "domestic abuse",
    ]
    assert profile.expertise_visibility == Visibility.PROGRAMME
    assert profile.places_visibility == Visibility.STAFF
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"alumni.profile.saved", "alumni.profile.expertise"} <= actions


def test_a_participant_may_join_too_and_leave_again(world: World) -> None:
    client = world.client("participant")
    client.post(URL, _form())
    client.post(URL, _form(listed=""))
    profile = Profile.objects.get(person=world.participant_person)
    assert not profile.listed
    assert profile.works_on == "The county's domestic abuse partnership"


def test_too_many_areas_of_expertise_are_refused_and_nothing_is_saved(world: World) -> None:
    many = ", ".join(f"topic {n}" for n in range(13))
    response = world.client("alumnus").post(URL, _form(expertise_text=many))
    assert response.status_code == 400
    assert "Give at most 12 areas of expertise; you gave 13." in response.content.decode()
    assert not Profile.objects.exists()


def test_a_visibility_must_be_chosen(world: World) -> None:
    response = world.client("alumnus").post(URL, _form(places_visibility="everyone"))
    assert response.status_code == 400
    assert not Profile.objects.exists()
