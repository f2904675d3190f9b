"""Ways into recruitment: the navigation, the cohort page and the home page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from commonground.accounts.models import User
from commonground.programmes.models import Cohort, CohortStatus
from tests.conftest import ROLES, World
from tests.recruitment.conftest import MakeApplicant
from tests.recruitment.fixtures import Setup

INDEX = reverse("recruitment:index")
ROUNDS = reverse("recruitment:rounds")
MINE = reverse("recruitment:mine")


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_signed_in_person_has_recruitment_in_the_navigation(world: World, role: str) -> None:
    page = world.client(role).get(reverse("home")).content.decode()
    assert f'href="{INDEX}">Recruitment</a>' in page
    assert ">Apply</a>" not in page


def test_signed_out_visitors_see_apply_and_sign_in(db: None) -> None:
    page = Client().get(ROUNDS).content.decode()
    assert f'href="{ROUNDS}">Apply</a>' in page
    assert f'href="{reverse("account_login")}">Sign in</a>' in page
    assert ">Recruitment</a>" not in page


def _cohort_page(world: World, role: str, cohort: Cohort) -> str:
    return world.client(role).get(reverse("programmes:cohort", args=[cohort.pk])).content.decode()


def test_staff_reach_the_cohort_round_from_the_cohort_page(world: World, setup: Setup) -> None:
    manage = reverse("recruitment:manage", args=[setup.round.pk])
    assert manage in _cohort_page(world, "staff", setup.cohort)
    assert manage in _cohort_page(world, "admin", setup.cohort)
    assert manage not in _cohort_page(world, "facilitator", setup.cohort)


def test_staff_may_open_a_round_from_a_cohort_in_planning(world: World) -> None:
    world.cohort.status = CohortStatus.PLANNING
    world.cohort.save()
    new = reverse("recruitment:round_new", args=[world.cohort.pk])
    assert "Open an application round" in _cohort_page(world, "staff", world.cohort)
    assert new in _cohort_page(world, "staff", world.cohort)
    for role in ("facilitator", "participant"):
        assert new not in _cohort_page(world, role, world.cohort), role


def test_a_running_cohort_without_a_round_offers_none(world: World) -> None:
    page = _cohort_page(world, "staff", world.cohort)
    assert "Open an application round" not in page
    assert 'id="recruitment"' in page


def test_someone_whose_only_link_is_an_application_finds_it_from_home(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = make_applicant()
    assert application.person is not None and application.person.user is not None
    client = Client()
    client.force_login(application.person.user)
    page = client.get(reverse("home")).content.decode()
    assert "You do not have a programme yet" in page
    assert f'href="{MINE}"' in page


def test_someone_with_nothing_at_all_gets_no_applications_link_at_home(db: None) -> None:
    client = Client()
    client.force_login(User.objects.create_user("nobody@example.org", "pw", name="No Body"))
    page = client.get(reverse("home")).content.decode()
    assert "You do not have a programme yet" in page
    assert f'href="{MINE}"' not in page


def test_participants_see_their_cohort_not_the_applications_link_at_home(
    world: World, setup: Setup
) -> None:
    # The participant has applied too, but their home page is about their cohort.
    page = world.client("participant").get(reverse("home")).content.decode()
    assert 'id="your-applications"' not in page
    assert "Your cohort" in page
