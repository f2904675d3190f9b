"""Offers: acceptance enrols with the sponsor; decline, expiry and withdrawal promote the next."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Organisation
from commonground.programmes.models import Enrolment, EnrolmentStatus
from commonground.recruitment import services
from commonground.recruitment.models import Application, BalanceRule, Round, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant, signed_in
from tests.recruitment.fixtures import committed


def _offered(
    make_applicant: MakeApplicant, organisation: Organisation | None = None
) -> Application:
    application = make_applicant(organisation, status=Status.OFFERED)
    application.offer_deadline = timezone.now() + dt.timedelta(days=3)
    application.save()
    return application


def _client(world: World, application: Application):  # type: ignore[no-untyped-def]
    client = signed_in(application)
    return client


def test_accepting_enrols_them_with_their_sponsor(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    response = _client(world, application).post(
        reverse("recruitment:offer", args=[application.pk]),
        {"decision": "accept", "follow_up": "yes"},
        follow=True,
    )
    assert "You have accepted your place" in response.content.decode()
    enrolment = Enrolment.objects.get(person=application.person, cohort=application.round.cohort)
    assert enrolment.sponsor == world.sponsor_person
    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_an_expired_offer_link_says_so_and_changes_nothing(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    Application.objects.filter(pk=application.pk).update(
        offer_deadline=timezone.now() - dt.timedelta(minutes=5)
    )
    client = _client(world, application)
    response = client.post(
        reverse("recruitment:offer", args=[application.pk]),
        {"decision": "accept", "follow_up": "yes"},
    )
    assert response.status_code == 410
    assert "This offer has expired" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.OFFERED
    assert not Enrolment.objects.filter(person=application.person).exists()


def test_a_decline_promotes_the_next_who_keeps_the_rules_and_tells_staff(
    world: World, application_round: Round, health: Organisation, make_applicant: MakeApplicant
) -> None:
    BalanceRule.objects.create(
        round=application_round, attribute="sector", value="Health and care", minimum=1
    )
    leaving = _offered(make_applicant, health)
    first_waiting = make_applicant(world.organisation, status=Status.WAITING)
    second_waiting = make_applicant(health, status=Status.WAITING)
    Application.objects.filter(pk=first_waiting.pk).update(waiting_rank=1)
    Application.objects.filter(pk=second_waiting.pk).update(waiting_rank=2)
    with committed():
        _client(world, leaving).post(
            reverse("recruitment:offer", args=[leaving.pk]), {"decision": "decline"}
        )
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    # The council applicant is first in line, but only the health applicant keeps the rule.
    assert first_waiting.status == Status.WAITING
    assert second_waiting.status == Status.OFFERED
    staff_mail = next(m for m in mail.outbox if "staff@example.org" in m.to)
    assert "offered a place from the waiting list" in staff_mail.subject


def test_expired_offers_are_claimed_once_and_the_next_is_promoted(
    application_round: Round, make_applicant: MakeApplicant
) -> None:
    late = _offered(make_applicant)
    Application.objects.filter(pk=late.pk).update(
        offer_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    waiting = make_applicant(status=Status.WAITING)
    Application.objects.filter(pk=waiting.pk).update(waiting_rank=1)
    assert services.expire_offers() == 1
    assert services.expire_offers() == 0
    late.refresh_from_db()
    waiting.refresh_from_db()
    assert late.status == Status.EXPIRED
    assert waiting.status == Status.OFFERED


def test_withdrawing_after_accepting_frees_the_place(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    waiting = make_applicant(status=Status.WAITING)
    Application.objects.filter(pk=waiting.pk).update(waiting_rank=1)
    client = _client(world, application)
    client.post(
        reverse("recruitment:offer", args=[application.pk]),
        {"decision": "accept", "follow_up": "yes"},
    )
    client.post(reverse("recruitment:withdraw", args=[application.pk]))
    enrolment = Enrolment.objects.get(person=application.person)
    waiting.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    assert waiting.status == Status.OFFERED


def test_an_unsuccessful_applicant_asks_to_be_considered_next_year(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = make_applicant(status=Status.UNSUCCESSFUL)
    with committed():
        response = _client(world, application).post(
            reverse("recruitment:next_year", args=[application.pk]), follow=True
        )
    assert "We will consider you for next year" in response.content.decode()
    application.refresh_from_db()
    assert application.consider_next_year
    assert any("asks to be considered for next year" in m.subject for m in mail.outbox)
