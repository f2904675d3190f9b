"""The recruitment page: what each signed-in person runs, scores or applied to."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.programmes.models import Cohort, CohortStatus, Programme
from commonground.recruitment.models import PanelMember, Round, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant
from tests.recruitment.fixtures import Setup

URL = reverse("recruitment:index")


def _planning(world: World, name: str = "2028/29", programme: Programme | None = None) -> Cohort:
    return Cohort.objects.create(
        programme=programme or world.programme,
        name=name,
        starts_on=timezone.localdate() + dt.timedelta(days=600),
        ends_on=timezone.localdate() + dt.timedelta(days=900),
        status=CohortStatus.PLANNING,
    )


def test_it_lists_the_rounds_staff_run_with_their_counts(world: World, setup: Setup) -> None:
    page = world.client("staff").get(URL).content.decode()
    assert reverse("recruitment:manage", args=[setup.round.pk]) in page
    assert f"Manage the round for {setup.cohort}" in page
    assert "Offered a place: 1" in page
    assert "Open" in page


def test_a_round_whose_offers_were_sent_is_tagged_so_not_open(world: World, setup: Setup) -> None:
    setup.proposal.confirmed_at = timezone.now()
    setup.proposal.save()
    page = world.client("staff").get(URL).content.decode()
    assert ">Offers sent</strong>" in page
    assert ">Open</strong>" not in page
    setup.round.closes_at = timezone.now() - dt.timedelta(days=1)
    setup.round.opens_at = setup.round.closes_at - dt.timedelta(days=30)
    setup.round.save()
    setup.proposal.confirmed_at = None
    setup.proposal.save()
    assert ">Closed</strong>" in world.client("staff").get(URL).content.decode()


def test_it_offers_to_open_a_round_for_cohorts_in_planning(world: World, setup: Setup) -> None:
    planning = _planning(world)
    elsewhere = _planning(world, programme=world.other_programme)
    page = world.client("staff").get(URL).content.decode()
    assert reverse("recruitment:round_new", args=[planning.pk]) in page
    # Not for a cohort that has its round, one already running, or another programme's.
    assert reverse("recruitment:round_new", args=[setup.cohort.pk]) not in page
    assert reverse("recruitment:round_new", args=[world.cohort.pk]) not in page
    assert reverse("recruitment:round_new", args=[elsewhere.pk]) not in page


def test_the_site_administrator_sees_every_programme(world: World, setup: Setup) -> None:
    elsewhere = _planning(world, programme=world.other_programme)
    page = world.client("admin").get(URL).content.decode()
    assert reverse("recruitment:manage", args=[setup.round.pk]) in page
    assert reverse("recruitment:round_new", args=[elsewhere.pk]) in page


def test_people_who_do_not_run_the_programme_see_no_rounds_to_manage(
    world: World, setup: Setup
) -> None:
    _planning(world)
    for role in ("facilitator", "participant", "sponsor", "board", "evaluator", "outsider"):
        page = world.client(role).get(URL).content.decode()
        assert "Application rounds you run" not in page, role
        assert reverse("recruitment:manage", args=[setup.round.pk]) not in page, role
        assert "Open an application round" not in page, role


def test_panel_members_find_their_scoring_page(world: World, setup: Setup) -> None:
    PanelMember.objects.create(round=setup.round, user=world.users["facilitator"])
    panel = reverse("recruitment:panel", args=[setup.round.pk])
    assert panel in world.client("facilitator").get(URL).content.decode()
    assert panel not in world.client("participant").get(URL).content.decode()


def test_applicants_find_their_applications_and_everyone_the_open_rounds(
    world: World, setup: Setup
) -> None:
    mine = reverse("recruitment:mine")
    rounds = reverse("recruitment:rounds")
    applicant = world.client("participant").get(URL).content.decode()
    assert mine in applicant and rounds in applicant
    other = world.client("alumnus").get(URL).content.decode()
    assert mine not in other and rounds in other


def test_signed_out_visitors_are_sent_to_sign_in(world: World) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_costs_the_same_whatever_the_numbers(
    world: World,
    setup: Setup,
    make_applicant: MakeApplicant,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client = world.client("staff")
    client.get(URL)  # the first load fills Django's caches
    with django_assert_num_queries(8):
        assert client.get(URL).status_code == 200
    now = timezone.now()
    for number in range(6):
        cohort = _planning(world, name=f"20{30 + number}/{31 + number}")
        if number % 2:
            application_round = Round.objects.create(
                cohort=cohort, opens_at=now, closes_at=now + dt.timedelta(days=30)
            )
            PanelMember.objects.create(round=application_round, user=world.users["staff"])
    for number in range(20):
        make_applicant(status=[Status.ENDORSED, Status.SUBMITTED, Status.WAITING][number % 3])
    with django_assert_num_queries(8):
        page = client.get(URL).content.decode()
    assert page.count("Manage the round for") == 4
    assert page.count("Open an application round") == 3
    assert "Complete: 7" in page
