"""The list of initiatives, one initiative, and adding or changing one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from commonground.audit.log import history
from commonground.audit.models import AuditEntry
from commonground.initiatives.models import (
    Indicator,
    IndicatorValue,
    Initiative,
    Involvement,
    InvolvementRole,
    Story,
)
from tests.conftest import World
from tests.initiatives.helpers import Initiatives


def _form(world: World, made: Initiatives, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Knife crime partnership",
        "summary": "Schools, police and youth services share one referral route.",
        "started_on-day": "1",
        "started_on-month": "2",
        "started_on-year": "2026",
        "status": "active",
        "organisations": [world.organisation.pk],
        "challenges": [made.initiative.challenges.get().pk],
        "leads": [world.alumnus_person.pk],
        "take_part": [world.participant_person.pk],
    }
    data.update(changes)
    return data


def test_a_participant_reads_the_initiative_with_its_chart_table_and_stories(
    world: World, made: Initiatives
) -> None:
    response = world.client("participant").get(made.initiative.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Police, councils and the NHS share one referral route" in page
    assert "Alex Alumnus, ECC: leads it" in page
    assert "Knife crime" in page  # the challenge it grew out of
    assert '<svg class="cg-chart"' in page
    assert "Repeat referrals: 30.5 referrals in the period to 31 March 2026, down from 42" in page
    assert "(the way wanted)" in page
    assert "30 Sep 2025" in page and "30.5" in page
    assert "Can be used in reports" in page
    # A story still waiting for someone's consent stays with those doing the work and staff.
    assert "Waiting for the consent of Kit Marlow" not in page
    assert "Edit the initiative" not in page
    assert "Tell a story" not in page


def test_the_lead_may_add_to_it_but_not_edit_it(world: World, made: Initiatives) -> None:
    page = world.client("alumnus").get(made.initiative.get_absolute_url()).content.decode()
    assert "Tell a story" in page and "Add an indicator" in page
    assert "Edit the initiative" not in page


def test_staff_add_an_initiative_with_its_people_organisations_and_challenge(
    world: World, made: Initiatives
) -> None:
    url = reverse("initiatives:initiative_new", args=[world.programme.slug])
    response = world.client("staff").post(url, _form(world, made))
    created = Initiative.objects.get(title="Knife crime partnership")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    roles = dict(Involvement.objects.filter(initiative=created).values_list("person_id", "role"))
    assert roles == {
        world.alumnus_person.pk: InvolvementRole.LEADS,
        world.participant_person.pk: InvolvementRole.TAKES_PART,
    }
    assert list(created.organisations.all()) == [world.organisation]
    actions = {entry.action for entry in history(created)}
    assert actions == {"initiatives.initiative.created", "initiatives.initiative.people_changed"}


def test_no_one_both_leads_and_takes_part(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:initiative_new", args=[world.programme.slug])
    data = _form(world, made, take_part=[world.alumnus_person.pk])
    response = world.client("staff").post(url, data)
    assert response.status_code == 400
    assert (
        "Choose each person once, as leading or taking part: Alex Alumnus"
        in response.content.decode()
    )
    assert not Initiative.objects.filter(title="Knife crime partnership").exists()


def test_a_programme_has_one_initiative_of_each_name(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:initiative_new", args=[world.programme.slug])
    data = _form(world, made, title="domestic abuse partnership")
    page = world.client("staff").post(url, data).content.decode()
    assert "Leading Greater Essex already has “domestic abuse partnership”" in page
    assert Initiative.objects.count() == 1


def test_only_the_programme_people_may_be_chosen(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:initiative_new", args=[world.programme.slug])
    data = _form(world, made, leads=[world.outsider_person.pk])
    response = world.client("staff").post(url, data)
    assert response.status_code == 400
    assert not Initiative.objects.filter(title="Knife crime partnership").exists()


def test_editing_moves_a_person_from_leading_to_taking_part(
    world: World, made: Initiatives
) -> None:
    url = reverse("initiatives:initiative_edit", args=[made.initiative.pk])
    client = world.client("staff")
    form = client.get(url).context["form"]
    data = _form(
        world,
        made,
        title=made.initiative.title,
        leads=[],
        take_part=[world.alumnus_person.pk],
        record_version=form["record_version"].value(),
    )
    assert client.post(url, data).status_code == 302
    assert made.initiative.involvements.get().role == InvolvementRole.TAKES_PART
    entry = AuditEntry.objects.get(action="initiatives.initiative.people_changed")
    assert entry.changes["leads"] == [["Alex Alumnus"], []]
    assert entry.changes["takes_part"] == [[], ["Alex Alumnus"]]


def test_the_list_shows_each_initiative_with_its_counts(world: World, made: Initiatives) -> None:
    page = world.client("alumnus").get(reverse("initiatives:index")).content.decode()
    assert "Domestic abuse partnership" in page
    assert "Add an initiative" not in page
    staff_page = world.client("staff").get(reverse("initiatives:index")).content.decode()
    assert "Add an initiative" in staff_page


def _grow(made: Initiatives, world: World) -> None:
    """More of everything a page lists: indicators, values, stories, people, organisations."""
    for number in range(4):
        indicator = Indicator.objects.create(
            initiative=made.initiative, name=f"Measure {number}", unit="cases", definition="x"
        )
        for month in (3, 6, 9, 12):
            IndicatorValue.objects.create(
                indicator=indicator, period_end=dt.date(2025, month, 28), value=number + month
            )
        story = Story.objects.create(
            initiative=made.initiative,
            title=f"Story {number}",
            what_changed="a",
            for_whom="b",
            evidence="c",
        )
        story.named_people.create(name=f"Person {number}")
    Involvement.objects.create(
        initiative=made.initiative, person=world.participant_person, role=InvolvementRole.TAKES_PART
    )
    made.initiative.organisations.add(world.other_organisation)
    Initiative.objects.create(
        programme=world.programme, title="Another", summary="s", started_on=dt.date(2026, 1, 1)
    )


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("initiatives:initiative", "initiative"),
        ("initiatives:index", None),
        ("initiatives:indicator", "indicator"),
        ("initiatives:story", "waiting"),
    ],
)
def test_a_page_runs_the_same_queries_whatever_its_size(
    world: World,
    made: Initiatives,
    django_assert_num_queries: DjangoAssertNumQueries,
    name: str,
    record: str | None,
) -> None:
    url = reverse(name, args=[getattr(made, record).pk] if record else [])
    client = world.client("staff")
    client.get(url)
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(url).status_code == 200
    _grow(made, world)
    for month in (1, 2, 4, 5):
        IndicatorValue.objects.create(
            indicator=made.indicator, period_end=dt.date(2024, month, 28), value=month
        )
    for number in range(5):
        made.waiting.named_people.create(name=f"Named {number}")
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(url).status_code == 200


QUERIES = {
    "initiatives:initiative": 13,
    "initiatives:index": 8,
    "initiatives:indicator": 8,
    "initiatives:story": 8,
}
