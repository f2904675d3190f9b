"""Staff ask for a balanced cohort, see its mix and binding rules, change it and confirm it."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Organisation
from commonground.recruitment.models import Application, BalanceRule, Proposal, Round, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant
from tests.recruitment.fixtures import committed


def _applicants(
    world: World, health: Organisation, make_applicant: MakeApplicant
) -> list[Application]:
    """Six complete applications: four from the council (the best scores), two from health."""
    council = [make_applicant(world.organisation, score=str(20 - i)) for i in range(4)]
    nhs = [make_applicant(health, score=str(10 - i)) for i in range(2)]
    return council + nhs


def _clear(application_round: Round) -> None:
    # The shared setup's offered applicant would otherwise hold a place.
    application_round.applications.filter(status=Status.OFFERED).update(status=Status.WITHDRAWN)
    application_round.rules.all().delete()
    application_round.proposals.all().delete()
    # Selection waits for the round to close (tests/recruitment/test_checked_offers.py).
    application_round.closes_at = timezone.now() - dt.timedelta(hours=1)
    application_round.save()


def test_the_proposal_keeps_the_rules_and_says_which_bind(
    world: World, application_round: Round, health: Organisation, make_applicant: MakeApplicant
) -> None:
    _clear(application_round)
    people = _applicants(world, health, make_applicant)
    BalanceRule.objects.create(round=application_round, attribute="organisation", maximum=3)
    BalanceRule.objects.create(
        round=application_round, attribute="sector", value="Health and care", minimum=1
    )
    client = world.client("staff")
    response = client.post(reverse("recruitment:propose", args=[application_round.pk]), follow=True)
    body = response.content.decode()
    proposal = Proposal.objects.get(round=application_round)
    assert proposal.status == "optimal"
    # Four places: the best three from the council and the best from health (20+19+18+10).
    assert sorted(proposal.chosen) == sorted(
        [people[0].pk, people[1].pk, people[2].pk, people[4].pk]
    )
    assert "proven to be the highest total score (67.00)" in body
    assert "At most 3 from each organisation" in body and "Binds" in body
    assert "Health and care" in body


def test_rules_that_cannot_be_met_are_named_and_nothing_is_offered(
    world: World, application_round: Round, health: Organisation, make_applicant: MakeApplicant
) -> None:
    _clear(application_round)
    _applicants(world, health, make_applicant)
    BalanceRule.objects.create(
        round=application_round, attribute="sector", value="Health and care", minimum=3
    )
    BalanceRule.objects.create(
        round=application_round, attribute="area", value="Thurrock", maximum=0
    )
    response = world.client("staff").post(
        reverse("recruitment:propose", args=[application_round.pk]), follow=True
    )
    body = response.content.decode()
    assert "The balance rules cannot all be met" in body
    assert "At least 3 with sector Health and care" in body
    assert "Thurrock" not in body.split("cannot all be met")[1].split("</ul>")[0]
    assert not application_round.applications.filter(status=Status.OFFERED).exists()
    assert mail.outbox == []


def test_staff_change_the_proposal_by_hand_and_see_what_it_breaks(
    world: World, application_round: Round, health: Organisation, make_applicant: MakeApplicant
) -> None:
    _clear(application_round)
    people = _applicants(world, health, make_applicant)
    BalanceRule.objects.create(
        round=application_round, attribute="sector", value="Health and care", minimum=1
    )
    client = world.client("staff")
    client.post(reverse("recruitment:propose", args=[application_round.pk]))
    proposal = Proposal.objects.get(round=application_round)
    client.post(
        reverse("recruitment:proposal_change", args=[proposal.pk]), {"remove": people[4].pk}
    )
    client.post(reverse("recruitment:proposal_change", args=[proposal.pk]), {"add": people[3].pk})
    body = client.get(reverse("recruitment:proposal", args=[proposal.pk])).content.decode()
    assert "Changed by hand" in body
    assert "The changes by hand break: At least 1 with sector Health and care" in body


def test_confirming_sends_offers_ranks_the_waiting_list_and_tells_the_rest(
    world: World, application_round: Round, health: Organisation, make_applicant: MakeApplicant
) -> None:
    _clear(application_round)
    application_round.waiting_list_size = 1
    application_round.save()
    people = _applicants(world, health, make_applicant)
    client = world.client("staff")
    client.post(reverse("recruitment:propose", args=[application_round.pk]))
    proposal = Proposal.objects.get(round=application_round)
    check = client.get(reverse("recruitment:proposal_confirm", args=[proposal.pk]))
    assert "Check before you send the offers" in check.content.decode()
    reply_by = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    with committed():
        client.post(
            reverse("recruitment:proposal_confirm", args=[proposal.pk]),
            {"confirm": "yes", "reply_by": reply_by},
        )
    statuses = {a.pk: (a.status, a.waiting_rank) for a in application_round.applications.all()}
    assert [statuses[p.pk][0] for p in people[:4]] == [Status.OFFERED] * 4
    assert statuses[people[4].pk] == (Status.WAITING, 1)
    assert statuses[people[5].pk][0] == Status.UNSUCCESSFUL
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects.count("You are offered a place in Leading Greater Essex 2027/28") == 4
    assert "Your application to Leading Greater Essex 2027/28" in subjects
    response = client.post(
        reverse("recruitment:proposal_confirm", args=[proposal.pk]),
        {"confirm": "yes", "reply_by": reply_by},
        follow=True,
    )
    assert "already been confirmed" in response.content.decode()


def test_unscored_applications_are_left_out_and_counted(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _clear(application_round)
    unscored = make_applicant(score=None, first="Una")
    scored = make_applicant(score="12", first="Sid")
    response = world.client("staff").post(
        reverse("recruitment:propose", args=[application_round.pk]), follow=True
    )
    assert "1 complete application with no score yet is not in this proposal" in (
        response.content.decode()
    )
    proposal = Proposal.objects.get(round=application_round)
    assert proposal.chosen == [scored.pk]
    assert unscored.pk not in proposal.chosen


def test_with_nothing_scored_there_is_no_proposal(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _clear(application_round)
    make_applicant(score=None)
    response = world.client("staff").post(
        reverse("recruitment:propose", args=[application_round.pk]), follow=True
    )
    assert "no complete, scored applications to choose from yet" in response.content.decode()
    assert not Proposal.objects.filter(round=application_round).exists()
