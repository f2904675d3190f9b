"""Answers that may be given once stay once when many presses of the button arrive together.

On PostgreSQL the presses are real concurrent requests (see `tests.crowd.at_once`); on SQLite
they run one after another, which still shows every press after the first is told it is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.lib.links import digest
from commonground.programmes.models import Enrolment
from commonground.recruitment.models import Application, Endorsement, EndorsementStatus, Status
from tests.conftest import World
from tests.crowd import at_once
from tests.recruitment.conftest import MakeApplicant

pytestmark = pytest.mark.django_db(transaction=True)

PRESSES = 10


def _press_together(clients: list[Client], path: str, data: dict[str, str]) -> list[int]:
    """Each client posts once, all at once; the status codes."""
    return at_once(len(clients), lambda i: clients[i].post(path, data).status_code)


def _as(application: Application) -> Callable[[], Client]:
    def make() -> Client:
        assert application.person is not None and application.person.user is not None
        client = Client(raise_request_exception=False)
        client.force_login(application.person.user)
        return client

    return make


def _offered(make_applicant: MakeApplicant) -> Application:
    application = make_applicant(status=Status.OFFERED)
    application.offer_deadline = timezone.now() + dt.timedelta(days=3)
    application.save()
    return application


def _answers(application: Application) -> int:
    return AuditEntry.objects.filter(
        action="recruitment.application.answered", object_id=str(application.pk)
    ).count()


def test_many_declines_of_one_offer_answer_once_and_promote_one(
    world: World, make_applicant: MakeApplicant
) -> None:
    leaving = _offered(make_applicant)
    waiting = [make_applicant(status=Status.WAITING) for _ in range(2)]
    for rank, application in enumerate(waiting, start=1):
        Application.objects.filter(pk=application.pk).update(waiting_rank=rank)
    clients = [_as(leaving)() for _ in range(PRESSES)]
    codes = _press_together(
        clients, reverse("recruitment:offer", args=[leaving.pk]), {"decision": "decline"}
    )
    assert sorted(codes) == [302] + [409] * (PRESSES - 1)
    assert _answers(leaving) == 1
    statuses = [Application.objects.get(pk=a.pk).status for a in waiting]
    assert statuses == [Status.OFFERED, Status.WAITING]


def test_many_accepts_of_one_offer_enrol_once(world: World, make_applicant: MakeApplicant) -> None:
    application = _offered(make_applicant)
    clients = [_as(application)() for _ in range(PRESSES)]
    codes = _press_together(
        clients,
        reverse("recruitment:offer", args=[application.pk]),
        {"decision": "accept", "follow_up": "yes"},
    )
    assert sorted(codes) == [302] + [409] * (PRESSES - 1)
    assert _answers(application) == 1
    assert Enrolment.objects.filter(person=application.person).count() == 1


def test_a_second_answer_to_an_offer_is_told_the_first_stands(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    client = _as(application)()
    path = reverse("recruitment:offer", args=[application.pk])
    assert client.post(path, {"decision": "decline"}).status_code == 302
    response = client.post(path, {"decision": "accept", "follow_up": "yes"})
    assert response.status_code == 409
    assert "You have already declined this offer." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DECLINED


def test_many_presses_of_a_sponsors_link_endorse_once(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = make_applicant(status=Status.SUBMITTED)
    token = "a-personal-link-pressed-many-times"
    Endorsement.objects.filter(application=application).update(token_digest=digest(token))
    clients = [Client(raise_request_exception=False) for _ in range(PRESSES)]
    codes = _press_together(
        clients,
        reverse("recruitment:endorse", args=[token]),
        {"decision": "endorse", "statement": "They lead across boundaries."},
    )
    assert sorted(codes) == [302] + [409] * (PRESSES - 1)
    assert Endorsement.objects.get(application=application).status == EndorsementStatus.ENDORSED
    assert (
        AuditEntry.objects.filter(
            action="recruitment.endorsement.changed", object_id=str(application.endorsement.pk)
        ).count()
        == 1
    )
