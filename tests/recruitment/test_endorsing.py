"""Sponsors endorse or decline through a personal link; reminders go once; staff see who waits."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.lib.links import digest
from commonground.recruitment import services
from commonground.recruitment.models import Endorsement, EndorsementStatus, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant
from tests.recruitment.fixtures import committed


def _link(make_applicant: MakeApplicant) -> tuple[Endorsement, str]:
    application = make_applicant(status=Status.SUBMITTED, first="Eve")
    token = "a-personal-link-for-eve"
    Endorsement.objects.filter(application=application).update(token_digest=digest(token))
    return Endorsement.objects.get(application=application), token


def test_the_sponsor_reads_and_endorses_the_application(
    world: World, make_applicant: MakeApplicant
) -> None:
    endorsement, token = _link(make_applicant)
    client = world.client("anonymous")
    page = client.get(reverse("recruitment:endorse", args=[token]))
    assert "Endorse Eve Test's application" in page.content.decode()
    assert "A statement." in page.content.decode()
    with committed():
        response = client.post(
            reverse("recruitment:endorse", args=[token]),
            {"decision": "endorse", "statement": "Eve leads across boundaries."},
            follow=True,
        )
    assert "You endorsed this application" in response.content.decode()
    endorsement.refresh_from_db()
    endorsement.application.refresh_from_db()
    assert endorsement.status == EndorsementStatus.ENDORSED
    assert endorsement.application.status == Status.ENDORSED
    assert mail.outbox[-1].to == ["eve@example.org"]


def test_endorsing_without_a_statement_is_refused(
    world: World, make_applicant: MakeApplicant
) -> None:
    endorsement, token = _link(make_applicant)
    response = world.client("anonymous").post(
        reverse("recruitment:endorse", args=[token]), {"decision": "endorse", "statement": ""}
    )
    assert "Write a short statement of your support." in response.content.decode()
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.PENDING


def test_a_declined_application_cannot_go_forward(
    world: World, make_applicant: MakeApplicant
) -> None:
    endorsement, token = _link(make_applicant)
    with committed():
        world.client("anonymous").post(
            reverse("recruitment:endorse", args=[token]), {"decision": "decline", "statement": ""}
        )
    endorsement.application.refresh_from_db()
    assert endorsement.application.status == Status.SPONSOR_DECLINED
    assert "has not endorsed" in mail.outbox[-1].body


def test_a_wrong_link_gets_a_clear_page(world: World) -> None:
    response = world.client("anonymous").get(reverse("recruitment:endorse", args=["nope"]))
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_reminders_go_once_however_often_the_job_runs(make_applicant: MakeApplicant) -> None:
    endorsement, old_token = _link(make_applicant)
    Endorsement.objects.filter(pk=endorsement.pk).update(
        next_reminder_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with committed():
        assert services.send_sponsor_reminders() == 1
    assert services.send_sponsor_reminders() == 0
    [reminder] = mail.outbox
    assert reminder.subject.startswith("Reminder: please endorse Eve Test")
    endorsement.refresh_from_db()
    assert endorsement.reminders_sent == 1
    assert endorsement.token_digest != digest(old_token)


def test_staff_see_who_is_waiting_on_whom(world: World, make_applicant: MakeApplicant) -> None:
    endorsement, _ = _link(make_applicant)
    page = world.client("staff").get(
        reverse("recruitment:manage", args=[endorsement.application.round_id])
    )
    body = page.content.decode()
    assert "Waiting for a sponsor (1)" in body
    assert "Eve Test" in body and "Sam Sponsor (sam.sponsor@example.org)" in body
