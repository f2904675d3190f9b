"""Buttons that change state act once however often, and however fast, they are pressed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.programmes.models import Certificate, Enrolment, EnrolmentStatus
from tests.conftest import World
from tests.crowd import at_once

pytestmark = pytest.mark.django_db(transaction=True)
PRESSES = 8


def _staff_clients(world: World) -> list[Client]:
    clients = []
    for _ in range(PRESSES):
        client = Client()
        client.force_login(world.users["staff"])
        clients.append(client)
    return clients


def test_confirming_completion_twice_at_once_completes_once(world: World) -> None:
    world.activity.delete()
    clients = _staff_clients(world)
    url = reverse("programmes:completion_confirm", args=[world.cohort.pk])
    form = {
        "enrolments": [world.enrolment.pk],
        "override_reason": "Joined late, agreed",
        "early_reason": "Moving abroad",
        "confirm": "yes",
    }
    responses = at_once(PRESSES, lambda i: clients[i].post(url, form))
    assert sorted({r.status_code for r in responses}) in ([302], [302, 400])
    assert sum(r.status_code == 302 for r in responses) == 1
    refused = [r.content.decode() for r in responses if r.status_code == 400]
    assert all("completion was already confirmed for Pat Participant" in r for r in refused)
    assert Certificate.objects.filter(enrolment=world.enrolment).count() == 1
    assert AuditEntry.objects.filter(action="programmes.enrolment.completed").count() == 1


def test_withdrawing_twice_at_once_withdraws_once(world: World) -> None:
    clients = _staff_clients(world)
    url = reverse("programmes:enrolment_withdraw", args=[world.enrolment.pk])
    responses = at_once(
        PRESSES, lambda i: clients[i].post(url, {"reason": "New job", "confirm": "yes"})
    )
    assert sum(r.status_code == 302 for r in responses) == 1
    refused = [r.content.decode() for r in responses if r.status_code != 302]
    assert all("Pat Participant is no longer an active participant" in r for r in refused)
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.WITHDRAWN
    assert AuditEntry.objects.filter(action="programmes.enrolment.withdrawn").count() == 1
