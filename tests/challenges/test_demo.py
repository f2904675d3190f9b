"""The demo's challenges: past years presented, the running year mid-way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db.models import Count
from pytest_django import DjangoDbBlocker

from commonground.accounts.models import User
from commonground.challenges import demo
from commonground.challenges.models import Challenge, ChallengeTeam, Milestone
from commonground.directory.models import Organisation, Person
from commonground.programmes.demo.seed import SLUG, seed
from commonground.programmes.models import Programme


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    with django_db_blocker.unblock():
        assert seed() is not None
        line = demo.seed()
        assert line is not None
        yield line
        Programme.objects.filter(slug=SLUG).delete()
        Person.objects.all().delete()
        User.objects.all().delete()
        Organisation.objects.all().delete()


@pytest.mark.django_db
def test_the_demo_seeds_once(seeded: str) -> None:
    assert seeded.startswith("Seeded challenges:")
    assert demo.seed() is None


@pytest.mark.django_db
def test_every_past_challenge_has_a_team_of_four_to_six_that_presented(seeded: str) -> None:
    past = ChallengeTeam.objects.filter(cohort__status="completed").annotate(n=Count("members"))
    assert past.count() >= 80
    assert {team.n for team in past} <= {4, 5, 6}
    assert not past.filter(showcase__presented=False).exists()
    assert not Milestone.objects.filter(team__in=past, done_on__isnull=True).exists()


@pytest.mark.django_db
def test_the_running_cohort_is_mid_way_with_everyones_top_three(seeded: str) -> None:
    running = Challenge.objects.filter(cohort__status="running")
    assert running.count() == 10
    teams = ChallengeTeam.objects.filter(cohort__status="running")
    assert set(
        Milestone.objects.filter(team__in=teams, done_on__isnull=True).values_list(
            "kind", flat=True
        )
    ) == {"final"}
    per_person = (
        running.values("preferences__enrolment").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert set(per_person) == {3}


@pytest.mark.django_db
def test_the_demo_sponsor_owns_a_current_challenge(seeded: str) -> None:
    owned = Challenge.objects.filter(
        owner__user__email=demo.SPONSOR_EMAIL, cohort__status="running"
    )
    assert owned.exists()
