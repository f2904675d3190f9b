"""Offers go out only from the check page, and not while the round is open unless staff say why.

The check page names who is offered a place, who waits and who is told no, with each email's
text; nothing is sent or changed until its button is pressed. While applications are open, a
proposal or the offers need a ticked override and a reason, kept in the round's history; no
offer's reply date falls before the round closes; those still waiting for their sponsor are left
as they are; and once offers are out the public page no longer invites applications.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.audit.models import AuditEntry
from commonground.recruitment import services
from commonground.recruitment.models import Application, Proposal, Round, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant
from tests.recruitment.fixtures import committed


def _empty(application_round: Round, *, closed: bool) -> None:
    """The round without the shared setup's offer and proposal, closed an hour ago or open for
    another twenty days."""
    application_round.applications.filter(status=Status.OFFERED).update(status=Status.WITHDRAWN)
    application_round.rules.all().delete()
    application_round.proposals.all().delete()
    application_round.waiting_list_size = 1
    if closed:
        application_round.closes_at = timezone.now() - dt.timedelta(hours=1)
    application_round.save()


def _people(make_applicant: MakeApplicant) -> dict[str, Application]:
    """Two chosen, one for the waiting list, one not selected, one waiting for their sponsor."""
    return {
        "ada": make_applicant(first="Ada", score="20"),
        "grace": make_applicant(first="Grace", score="19"),
        "wanda": make_applicant(first="Wanda", score="15"),
        "nell": make_applicant(first="Nell", score="10"),
        "sam": make_applicant(first="Sam", status=Status.SUBMITTED, score=None),
    }


def _proposal(application_round: Round, *chosen: Application) -> Proposal:
    return Proposal.objects.create(
        round=application_round, status="optimal", chosen=[a.pk for a in chosen]
    )


def _url(proposal: Proposal) -> str:
    return reverse("recruitment:proposal_confirm", args=[proposal.pk])


def _reply_by(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _statuses(application_round: Round) -> dict[str, str]:
    return {
        a.person.first_name: a.status
        for a in application_round.applications.select_related("person")
        if a.person is not None
    }


def test_the_check_page_lists_everyone_and_each_email_and_sends_nothing(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=True)
    people = _people(make_applicant)
    proposal = _proposal(application_round, people["ada"], people["grace"])
    before = _statuses(application_round)
    client = world.client("staff")
    with committed():
        page = client.get(_url(proposal)).content.decode()
        # A press of the proposal page's old button, without the check page's confirm, acts on
        # nothing either.
        posted = client.post(_url(proposal)).content.decode()
    assert "Check before you send the offers" in page and "Check before" in posted
    offers = page.split("Offered a place (2)")[1].split("</dd>")[0]
    assert "Ada Test" in offers and "Grace Test" in offers and "Wanda" not in offers
    assert "1. Wanda Test" in page.split("Put on the waiting list (1)")[1].split("</dd>")[0]
    assert "Nell Test" in page.split("Told they were not selected (1)")[1].split("</dd>")[0]
    # Each email with its subject and text, as its first recipient will read it.
    assert "Offer of a place: 2 people" in page
    assert "You are offered a place in Leading Greater Essex 2027/28" in page
    assert "Dear Ada," in page and "We are delighted to offer you a place" in page
    assert "Dear Wanda," in page and "you are on the waiting list" in page
    assert "Dear Nell," in page and "we are sorry that we cannot offer you one" in page
    # The round has closed, so Sam, never endorsed, is told so.
    assert "Dear Sam," in page and "was not endorsed by your sponsor before selection" in page
    assert 'name="confirm" value="yes"' in page and "Send 2 offers" in page
    assert mail.outbox == []
    assert _statuses(application_round) == before
    assert Proposal.objects.get(pk=proposal.pk).confirmed_at is None

    with committed():
        done = client.post(
            _url(proposal), {"confirm": "yes", "reply_by": _reply_by(10)}, follow=True
        )
    assert "2 offers sent. 1 person on the waiting list and 1 person told they were not" in (
        done.content.decode()
    )
    assert _statuses(application_round) == {
        "Ada": Status.OFFERED,
        "Grace": Status.OFFERED,
        "Wanda": Status.WAITING,
        "Nell": Status.UNSUCCESSFUL,
        "Sam": Status.UNSUCCESSFUL,
        "Pat": Status.WITHDRAWN,
    }
    assert len(mail.outbox) == 5
    entry = AuditEntry.objects.get(action="recruitment.round.offers_sent")
    assert entry.object_id == str(application_round.pk)
    assert entry.changes["offers sent"] == [None, 2]


@pytest.mark.parametrize("extra", [0, 4])
def test_the_offers_check_page_runs_a_fixed_number_of_queries(
    world: World,
    application_round: Round,
    make_applicant: MakeApplicant,
    django_assert_num_queries: DjangoAssertNumQueries,
    extra: int,
) -> None:
    _empty(application_round, closed=True)
    people = _people(make_applicant)
    for _ in range(extra):
        make_applicant(score="5")
        make_applicant(status=Status.SUBMITTED, score=None)
    proposal = _proposal(application_round, people["ada"], people["grace"])
    client = world.client("staff")
    with django_assert_num_queries(10):
        assert client.get(_url(proposal)).status_code == 200


def test_offers_are_refused_while_the_round_is_open_without_the_override(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=False)
    people = _people(make_applicant)
    proposal = _proposal(application_round, people["ada"])
    client = world.client("staff")
    page = client.get(_url(proposal)).content.decode()
    closes = timezone.localtime(application_round.closes_at).strftime("%-d %B %Y")
    assert f"Send offers before the round closes on {closes}" in page
    assert "will not be considered in this selection" in page
    with committed():
        refused = client.post(_url(proposal), {"confirm": "yes", "reply_by": _reply_by(40)})
    assert refused.status_code == 400
    assert f"Applications are open until {closes}" in refused.content.decode()
    assert mail.outbox == []
    assert _statuses(application_round)["Ada"] == Status.ENDORSED
    with pytest.raises(ValidationError, match="Applications are open until"):
        services.confirm_proposal(proposal, by=world.users["staff"])


def test_the_override_and_its_reason_are_recorded_and_sponsor_waiting_applicants_stay(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=False)
    people = _people(make_applicant)
    proposal = _proposal(application_round, people["ada"], people["grace"])
    client = world.client("staff")
    page = client.get(_url(proposal)).content.decode()
    assert "They stay as they are and are not emailed" in page
    assert "was not endorsed by your sponsor" not in page
    reason = "The cohort starts early because of the January budget round."
    with committed():
        client.post(
            _url(proposal),
            {"confirm": "yes", "reply_by": _reply_by(30), "early": "on", "reason": reason},
        )
    statuses = _statuses(application_round)
    assert statuses["Ada"] == Status.OFFERED and statuses["Sam"] == Status.SUBMITTED
    assert not [m for m in mail.outbox if "sam@example.org" in m.to]
    entry = AuditEntry.objects.get(action="recruitment.round.offers_sent")
    assert entry.changes["reason"] == [None, reason]
    assert "sent before applications close" in entry.changes
    manage = client.get(reverse("recruitment:manage", args=[application_round.pk]))
    assert reason in manage.content.decode()


def test_a_reply_date_before_the_round_closes_is_refused(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=False)
    people = _people(make_applicant)
    proposal = _proposal(application_round, people["ada"])
    with committed():
        refused = world.client("staff").post(
            _url(proposal),
            {"confirm": "yes", "reply_by": _reply_by(5), "early": "on", "reason": "Budget."},
        )
    assert refused.status_code == 400
    assert "The reply deadline must be after applications close on" in refused.content.decode()
    assert mail.outbox == []
    assert _statuses(application_round)["Ada"] == Status.ENDORSED
    with pytest.raises(ValidationError, match="must be after applications close"):
        services.confirm_proposal(
            proposal,
            by=world.users["staff"],
            deadline=timezone.now() + dt.timedelta(days=5),
            early_reason="Budget.",
        )


def test_an_offer_made_while_open_is_answered_after_the_round_closes(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=False)
    waiting = make_applicant(status=Status.WAITING)
    services.promote_from_waiting_list(application_round, by=None)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED and waiting.offer_deadline is not None
    assert waiting.offer_deadline > application_round.closes_at


def test_the_public_page_stops_inviting_applications_once_offers_are_out(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=False)
    people = _people(make_applicant)
    public = reverse("recruitment:round", args=[application_round.pk])
    assert "Start your application" in world.client("anonymous").get(public).content.decode()
    proposal = _proposal(application_round, people["ada"])
    with committed():
        services.confirm_proposal(proposal, by=world.users["staff"], early_reason="Budget.")
    page = world.client("anonymous").get(public).content.decode()
    assert "Start your application" not in page
    assert "Applications are closed: the places were offered on" in page
    listed = world.client("anonymous").get(reverse("recruitment:rounds")).content.decode()
    assert "2027/28" not in listed
    started = world.client("outsider").post(
        reverse("recruitment:start", args=[application_round.pk]),
        {
            "first_name": "Olly",
            "last_name": "Outsider",
            "organisation": world.organisation.pk,
            "job_title": "Director",
            "band": "director",
        },
    )
    assert "the places were offered on" in started.content.decode()
    assert not Application.objects.filter(person__first_name="Olly").exists()


def test_a_proposal_while_open_needs_the_override_and_keeps_its_reason(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=False)
    make_applicant(first="Ada", score="20")
    client = world.client("staff")
    url = reverse("recruitment:propose", args=[application_round.pk])
    page = client.post(url).content.decode()
    assert "Applications are still open" in page and "Propose a cohort before the round" in page
    refused = client.post(url, {"confirm": "yes", "reason": "Early look."})
    assert refused.status_code == 400
    assert "Tick the box to go ahead before they close" in refused.content.decode()
    assert not Proposal.objects.filter(round=application_round).exists()
    reason = "The panel wants a first look before Christmas."
    client.post(url, {"confirm": "yes", "early": "on", "reason": reason})
    assert Proposal.objects.filter(round=application_round).count() == 1
    entry = AuditEntry.objects.get(action="recruitment.round.proposed_before_close")
    assert entry.changes["reason"] == [None, reason]
    with pytest.raises(ValidationError, match="Applications are open until"):
        services.propose(application_round, by=world.users["staff"])


def test_closing_the_waiting_list_is_checked_first(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _empty(application_round, closed=True)
    wanda = make_applicant(first="Wanda", status=Status.WAITING)
    url = reverse("recruitment:close_waiting_list", args=[application_round.pk])
    client = world.client("staff")
    with committed():
        page = client.get(url).content.decode()
    assert "Check before you close the waiting list" in page
    assert "1. Wanda Test" in page and "Dear Wanda," in page
    assert mail.outbox == []
    wanda.refresh_from_db()
    assert wanda.status == Status.WAITING
    with committed():
        done = client.post(url, {"confirm": "yes"}, follow=True)
    assert "The waiting list is closed: 1 person told." in done.content.decode()
    wanda.refresh_from_db()
    assert wanda.status == Status.UNSUCCESSFUL
    assert [m.to for m in mail.outbox] == [["wanda@example.org"]]
    assert "Nobody is on the waiting list" in client.get(url).content.decode()
