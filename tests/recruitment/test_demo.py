"""The demo's recruitment step: an open round with applications in every state, and history."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from commonground.accounts.models import User
from commonground.programmes.demo.seed import seed as seed_programme
from commonground.recruitment.demo import seed
from commonground.recruitment.models import Application, PanelMember, Round, Status


@pytest.mark.django_db
def test_the_demo_seeds_every_state_once_and_its_pages_open(client: Client) -> None:
    assert seed_programme() is not None
    line = seed()
    assert line is not None and "90 applications" in line
    assert seed() is None
    open_round = Round.objects.get(cohort__name="2027/28")
    assert open_round.is_open
    states = Counter(open_round.applications.values_list("status", flat=True))
    for status in (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.ENDORSED,
        Status.SPONSOR_DECLINED,
        Status.WITHDRAWN,
    ):
        assert states[status] > 0, status
    assert open_round.applications.filter(reviews__submitted_at__isnull=False).exists()
    past = Counter(
        Application.objects.filter(round__cohort__name="2026/27").values_list("status", flat=True)
    )
    assert all(past[s] > 0 for s in (Status.ACCEPTED, Status.WAITING, Status.UNSUCCESSFUL))
    staff = User.objects.get(email="staff@demo.commonground.example")
    assert PanelMember.objects.filter(round=open_round, user=staff).exists()
    client.force_login(staff)
    for name in ("manage", "applications", "panel"):
        assert client.get(reverse(f"recruitment:{name}", args=[open_round.pk])).status_code == 200
    # The demo's round is open, so a proposal now needs the override and its reason.
    proposed = client.post(
        reverse("recruitment:propose", args=[open_round.pk]),
        {"confirm": "yes", "early": "on", "reason": "To show the panel a first cohort."},
        follow=True,
    )
    body = proposed.content.decode()
    assert "proven to be the highest total score" in body
    assert "15 complete applications with no score yet are not in this proposal" in body
