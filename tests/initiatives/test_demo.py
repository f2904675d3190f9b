"""The demo's partnership: led by the demo alumnus, grown out of the domestic-abuse challenges,
eight quarters of values, and one story the board may read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from commonground.accounts.models import User
from commonground.challenges import demo as challenges_demo
from commonground.directory.models import Organisation, Person
from commonground.initiatives import demo
from commonground.initiatives.models import Initiative, InvolvementRole, Story
from commonground.programmes.demo.seed import SLUG, seed
from commonground.programmes.models import Programme


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    with django_db_blocker.unblock():
        assert seed() is not None
        assert challenges_demo.seed() is not None
        line = demo.seed()
        assert line is not None
        yield line
        Initiative.objects.all().delete()
        Programme.objects.filter(slug=SLUG).delete()
        Person.objects.all().delete()
        User.objects.all().delete()
        Organisation.objects.all().delete()


@pytest.mark.django_db
def test_the_demo_seeds_once(seeded: str) -> None:
    assert seeded.startswith("Seeded 1 initiative with ")
    assert demo.seed() is None


@pytest.mark.django_db
def test_the_demo_alumnus_leads_the_partnership_that_grew_out_of_its_challenges(
    seeded: str,
) -> None:
    initiative = Initiative.objects.get(title=demo.TITLE)
    leads = initiative.involvements.filter(role=InvolvementRole.LEADS)
    assert leads.filter(person__user__email=demo.ALUMNUS_EMAIL).exists()
    assert sorted(c.title for c in initiative.challenges.all()) == sorted(demo.CHALLENGES)
    assert initiative.organisations.count() == len(demo.ORGANISATIONS)
    for indicator in initiative.indicators.all():
        values = list(indicator.values.all())
        assert len(values) == demo.QUARTERS
        first, last = values[0].value, values[-1].value
        assert (last > first) == indicator.higher_is_better


@pytest.mark.django_db
def test_one_story_is_usable_and_one_waits_for_consent(seeded: str) -> None:
    stories = {s.title: s.usable for s in Story.objects.prefetch_related("named_people")}
    assert stories == {"Telling it once": True, "A place within a month": False}
