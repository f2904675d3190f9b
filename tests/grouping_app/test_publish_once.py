"""Publishing a grouping happens once however many times, and however fast, it is pressed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.grouping.models import Grouping, Status
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.crowd import at_once

pytestmark = pytest.mark.django_db(transaction=True)
PRESSES = 6


def test_publishing_twice_at_once_publishes_once_and_says_so(
    world: World,
    cohort_of_twelve: list[Enrolment],
    make_grouping: Callable[..., Grouping],
    run_now: Callable[[Grouping], Grouping],
) -> None:
    grouping = run_now(make_grouping())
    clients = []
    for _ in range(PRESSES):
        client = Client()
        client.force_login(world.users["staff"])
        clients.append(client)
    url = reverse("grouping:grouping_publish", args=[grouping.pk])
    pages = at_once(PRESSES, lambda i: clients[i].post(url, {"confirm": "yes"}, follow=True))
    assert all(page.status_code == 200 for page in pages)
    said = [page.content.decode() for page in pages]
    assert sum("Published: participants now see their groups." in page for page in said) == 1
    assert sum("This grouping is already published." in page for page in said) == PRESSES - 1
    grouping.refresh_from_db()
    assert grouping.status == Status.PUBLISHED
    assert AuditEntry.objects.filter(action="grouping.grouping.published").count() == 1
