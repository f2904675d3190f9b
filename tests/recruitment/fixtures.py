"""A recruitment round on top of the shared world, for the tests and the permission matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from django.test import TestCase
from django.utils import timezone

from commonground.lib.links import digest
from commonground.programmes.models import Cohort, CohortStatus
from commonground.recruitment.models import (
    DEFAULT_CRITERIA,
    DEFAULT_QUESTIONS,
    Application,
    BalanceRule,
    Endorsement,
    EndorsementStatus,
    PanelMember,
    Proposal,
    Round,
    Status,
)
from tests.conftest import World

SPONSOR_TOKEN = "sponsor-link-for-the-tests"


def committed() -> AbstractContextManager[list[Callable[[], object]]]:
    """Each test runs inside one transaction that never commits: this runs what waits for the
    commit (the email tasks) when the block ends, as a real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@dataclass
class Setup:
    cohort: Cohort
    round: Round
    rule: BalanceRule
    member: PanelMember
    application: Application  # the participant's, offered a place
    endorsement: Endorsement
    proposal: Proposal


def recruitment(world: World) -> Setup:
    """An open round for 2027/28: one rule, staff on the panel, the participant offered a place."""
    cached: Setup | None = getattr(world, "_recruitment", None)
    if cached is not None:
        return cached
    now = timezone.now()
    cohort = Cohort.objects.create(
        programme=world.programme,
        name="2027/28",
        starts_on=timezone.localdate() + dt.timedelta(days=200),
        ends_on=timezone.localdate() + dt.timedelta(days=500),
        status=CohortStatus.RECRUITING,
    )
    application_round = Round.objects.create(
        cohort=cohort,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        places=4,
        questions=DEFAULT_QUESTIONS,
        criteria=DEFAULT_CRITERIA,
        challenges=["Hospital discharge", "Knife crime"],
        privacy_notice="We use your application only to select the cohort.",
    )
    rule = BalanceRule.objects.create(round=application_round, attribute="organisation", maximum=3)
    member = PanelMember.objects.create(round=application_round, user=world.users["staff"])
    application = Application.objects.create(
        round=application_round,
        person=world.participant_person,
        organisation=world.other_organisation,
        job_title="Superintendent",
        band="head_of_service",
        status=Status.OFFERED,
        offered_at=now,
        offer_deadline=now + dt.timedelta(days=7),
        sponsor_name=world.sponsor_person.name,
        sponsor_email=world.sponsor_person.email,
        answers={"0": "Yes"},
        statements={"0": "I led the county's response."},
    )
    endorsement = Endorsement.objects.create(
        application=application,
        sponsor=world.sponsor_person,
        token_digest=digest(SPONSOR_TOKEN),
        status=EndorsementStatus.ENDORSED,
        statement="A leader who builds bridges.",
        responded_at=now,
    )
    proposal = Proposal.objects.create(
        round=application_round, status="optimal", chosen=[application.pk]
    )
    setup = Setup(cohort, application_round, rule, member, application, endorsement, proposal)
    world._recruitment = setup  # type: ignore[attr-defined]
    return setup
