"""The directory: opted-in people found by name, expertise, sector, organisation, area and
cohort, each field shown only to those its owner chose, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from commonground.alumni.models import Visibility
from commonground.directory.models import Area, Band, Person, Sector
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.alumni.helpers import network, profile
from tests.conftest import World

URL = reverse("alumni:directory")


def _names(world: World, role: str, **filters: Any) -> list[str]:
    response = world.client(role).get(URL, filters)
    assert response.status_code == 200
    return [p.person.name for p in response.context["entries"]]


def test_only_people_who_opted_in_are_listed(world: World) -> None:
    network(world)
    assert _names(world, "participant") == ["Alex Alumnus"]
    profile(world.participant_person).delete()
    assert _names(world, "alumnus") == ["Alex Alumnus"]


def test_an_alumnus_finds_someone_by_expertise(world: World) -> None:
    network(world)
    profile(world.participant_person, "public health")
    assert _names(world, "participant", expertise="commissioning") == ["Alex Alumnus"]
    assert _names(world, "alumnus", expertise="public") == ["Pat Participant"]


def test_the_search_and_filters_fold_away_until_one_is_used(world: World) -> None:
    network(world)
    client = world.client("alumnus")
    page = client.get(URL).content.decode()
    assert page.index('<details class="govuk-details">') < page.index('name="q"')
    filtered = client.get(URL, {"expertise": "commissioning"}).content.decode()
    assert '<details class="govuk-details" open>' in filtered


def test_a_search_never_finds_by_a_field_kept_from_the_viewer(world: World) -> None:
    found = network(world).alumnus_profile
    found.expertise_visibility = Visibility.STAFF
    found.save()
    assert _names(world, "participant", expertise="commissioning") == []
    assert _names(world, "staff", expertise="commissioning") == ["Alex Alumnus"]


def test_each_field_shows_to_whom_its_owner_chose(world: World) -> None:
    network(world)
    participant = world.client("participant").get(URL).content.decode()
    assert "joint commissioning" in participant
    assert "The county&#x27;s domestic abuse partnership" in participant
    assert "Basildon" not in participant  # places: programme staff only
    assert "alex.alumnus@example.org" not in participant
    staff = world.client("staff").get(URL).content.decode()
    assert "Basildon" in staff and "alex.alumnus@example.org" in staff
    # Facilitators see only what is shared with everyone in the programme.
    facilitator = world.client("facilitator").get(URL).content.decode()
    assert "Alex Alumnus" in facilitator and "joint commissioning" not in facilitator


def test_another_programmes_people_are_not_listed(world: World) -> None:
    network(world)
    profile(world.outsider_person, "public health")
    assert _names(world, "outsider") == ["Olly Outsider"]
    assert "Olly Outsider" not in _names(world, "alumnus")


def test_it_filters_by_sector_organisation_area_and_cohort(world: World) -> None:
    network(world)
    profile(world.participant_person)
    assert _names(world, "staff", sector=Sector.POLICE_AND_JUSTICE) == ["Pat Participant"]
    assert _names(world, "staff", organisation="ECC") == ["Alex Alumnus"]
    assert _names(world, "staff", area=Area.ESSEX) == ["Alex Alumnus"]
    assert _names(world, "staff", cohort=world.past_cohort.pk) == ["Alex Alumnus"]
    assert _names(world, "staff", q="pat") == ["Pat Participant"]


def _add_alumni(world: World, count: int) -> None:
    for n in range(count):
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
        profile(person, "domestic abuse", f"topic {n}")


@pytest.mark.parametrize("extra", [2, 30])
@pytest.mark.parametrize(("role", "queries"), [("staff", 9), ("alumnus", 12)])
def test_it_shows_a_page_in_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: Any, extra: int, role: str, queries: int
) -> None:
    network(world)
    _add_alumni(world, extra)
    client = world.client(role)
    with django_assert_num_queries(queries):
        response = client.get(URL, {"expertise": "domestic"})
    assert response.context["page"].paginator.count == 1 + extra
    assert len(response.context["entries"]) == min(1 + extra, 20)
