"""The admin shows groupings to the site administrator; the demo step groups the running cohort."""

from __future__ import annotations

from django.urls import reverse

from commonground.grouping.demo import seed
from commonground.grouping.models import Grouping, Kind, Placement, Status
from commonground.programmes.models import Enrolment
from tests.conftest import World


def test_the_site_administrator_sees_groupings_in_the_admin(world: World) -> None:
    grouping = Grouping.objects.create(cohort=world.cohort, name="Autumn sets", group_count=2)
    client = world.client("admin")
    assert "Autumn sets" in client.get(reverse("admin:grouping_grouping_changelist")).text
    page = client.get(reverse("admin:grouping_grouping_change", args=[grouping.pk]))
    assert page.status_code == 200


def test_the_demo_publishes_learning_sets_and_plans_mixing_once(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    line = seed()
    assert line is not None and "8 published learning sets" in line
    assert "no challenge teams" in line  # the world has no challenges
    sets = Grouping.objects.get(kind=Kind.LEARNING_SETS)
    assert sets.status == Status.PUBLISHED
    assert Placement.objects.filter(group__grouping=sets).count() == 12
    plan = Grouping.objects.get(kind=Kind.MIXING_PLAN)
    assert plan.status == Status.READY and plan.rounds == 3
    assert seed() is None
