"""Selection: the solver's proposed cohort, changes by hand, and confirming it, which makes the
offers, ranks the waiting list and tells everyone else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.lib.once import AlreadyDone, lock

from ..models import Application, Proposal, Round, Status
from ..selection import select
from .notify import tell, when
from .offers import check_deadline, default_deadline, make_offer
from .panel import problem_for, score_of

# CP-SAT deterministic time for a selection: the same proposal on any machine, loaded or not.
SELECTION_WORK = 30.0


def unscored(applications: Iterable[Application]) -> list[Application]:
    return [a for a in applications if score_of(a) is None]


def selectable(application_round: Round) -> list[Application]:
    return list(
        application_round.applications.filter(status=Status.ENDORSED)
        .select_related("organisation", "person")
        .prefetch_related("reviews")
        .order_by("pk")
    )


def refuse_while_open(application_round: Round, early_reason: str, doing: str) -> None:
    """Selection and offers wait for the round to close, unless staff give a reason not to."""
    if not application_round.has_closed and not early_reason.strip():
        raise ValidationError(
            f"Applications are open until {when(application_round.closes_at)}. {doing} once "
            "they close, or tick the box and say why it cannot wait."
        )


def propose(
    application_round: Round, *, by: User | None, seconds: float = 20.0, early_reason: str = ""
) -> Proposal:
    """Ask the solver for the cohort with the best total score that keeps every rule.

    While the round is open this needs EARLY_REASON, which the round's history keeps."""
    refuse_while_open(application_round, early_reason, "Propose a cohort")
    # Unscored applications wait for the panel; the proposal page says how many were left out.
    applications = [a for a in selectable(application_round) if score_of(a) is not None]
    if not applications:
        raise ValidationError(
            "There are no complete, scored applications to choose from yet. Finish the panel's "
            "scoring or moderate a score first."
        )
    selection = select(
        problem_for(application_round, applications), seconds=seconds, work=SELECTION_WORK
    )
    proposal = Proposal(
        round=application_round,
        created_by=by,
        status=selection.status,
        objective=Decimal(selection.objective) / 100,
        seconds=selection.seconds,
        chosen=list(selection.chosen),
        solver_chosen=list(selection.chosen),
        conflicts=[rule.label for rule in selection.conflicts],
    )
    with audited(by, proposal, "recruitment.proposal.created"):
        proposal.save()
        if not application_round.has_closed:
            record_changes(
                by,
                application_round,
                "recruitment.round.proposed_before_close",
                {
                    "proposed before applications close": [None, when(application_round.closes_at)],
                    "reason": [None, early_reason.strip()],
                },
            )
    return proposal


def change_proposal(
    proposal: Proposal, *, add: Iterable[int] = (), remove: Iterable[int] = (), by: User | None
) -> None:
    """Staff put someone in or take them out by hand before confirming."""
    if proposal.confirmed_at is not None:
        raise ValidationError("This proposal has been confirmed, so it cannot be changed.")
    complete = proposal.round.applications.filter(status=Status.ENDORSED)
    allowed = set(complete.values_list("pk", flat=True))
    adding = set(add)
    if adding - allowed:
        raise ValidationError("Only complete applications can be added to the cohort.")
    chosen = [pk for pk in proposal.chosen if pk not in set(remove)]
    chosen += sorted(adding - set(chosen))
    with audited(by, proposal, "recruitment.proposal.changed"):
        proposal.chosen = chosen
        proposal.changed_by_hand = sorted(chosen) != sorted(proposal.solver_chosen)
        proposal.save()


@dataclass(frozen=True)
class OfferPlan:
    """Who confirming a proposal offers a place, puts on the waiting list and tells no."""

    offers: list[Application]
    waiting: list[Application]  # in rank order, first is offered the next free place
    not_selected: list[Application]
    not_endorsed: list[Application]  # still waiting for their sponsor
    tell_not_endorsed: bool  # only once the round has closed; while open they stay as they are


def plan_offers(proposal: Proposal) -> OfferPlan:
    """What confirming PROPOSAL would do now, without doing it (the check page shows this)."""
    application_round = proposal.round
    scored = _confirmable(proposal)
    chosen = set(proposal.chosen)
    ranked = sorted(
        (a for a in scored.values() if a.pk not in chosen),
        key=lambda a: (-(score_of(a) or Decimal(0)), a.pk),
    )
    size = application_round.waiting_list_size
    not_endorsed = list(
        application_round.applications.filter(status=Status.SUBMITTED)
        .select_related("person", "round__cohort__programme")
        .order_by("pk")
    )
    return OfferPlan(
        offers=[scored[pk] for pk in proposal.chosen],
        waiting=ranked[:size],
        not_selected=ranked[size:],
        not_endorsed=not_endorsed,
        tell_not_endorsed=application_round.has_closed,
    )


def confirm_proposal(
    proposal: Proposal,
    *,
    by: User | None,
    deadline: dt.datetime | None = None,
    early_reason: str = "",
) -> int:
    """Offer places to the chosen, rank the waiting list, tell the rest. Returns offers sent.

    While the round is open this needs EARLY_REASON, and those still waiting for their sponsor
    are left as they are. Every offer's reply DEADLINE (by default the round's days to answer)
    falls after the round closes. The round's row is held while this runs, so two presses of
    "confirm" make one set of offers and the second is told it is done.
    """
    application_round = proposal.round
    with transaction.atomic():
        lock(application_round)
        lock(proposal)
        plan = plan_offers(proposal)
        refuse_while_open(application_round, early_reason, "Send the offers")
        now = timezone.now()
        deadline = deadline or default_deadline(application_round, now)
        check_deadline(application_round, deadline, now)
        for application in plan.offers:
            make_offer(application, now, by=by, deadline=deadline)
        for rank, application in enumerate(plan.waiting, start=1):
            _decide(application, Status.WAITING, now, by=by, rank=rank)
        for application in plan.not_selected:
            _decide(application, Status.UNSUCCESSFUL, now, by=by)
        if plan.tell_not_endorsed:
            for application in plan.not_endorsed:
                _decide(application, Status.UNSUCCESSFUL, now, by=by, incomplete=True)
        with audited(by, proposal, "recruitment.proposal.confirmed"):
            proposal.confirmed_at = now
            proposal.save()
        changes: dict[str, list[Any]] = {
            "offers sent": [None, len(plan.offers)],
            "reply by": [None, when(deadline)],
            "on the waiting list": [None, len(plan.waiting)],
            "told they were not selected": [None, len(plan.not_selected)],
        }
        if plan.tell_not_endorsed:
            changes["told their sponsor had not endorsed them"] = [None, len(plan.not_endorsed)]
        else:
            changes["sent before applications close"] = [None, when(application_round.closes_at)]
            changes["reason"] = [None, early_reason.strip()]
            changes["left waiting for their sponsor"] = [None, len(plan.not_endorsed)]
        record_changes(by, application_round, "recruitment.round.offers_sent", changes)
    return len(plan.offers)


def _confirmable(proposal: Proposal) -> dict[int, Application]:
    """The scored applications by key, once the proposal is shown fit to confirm."""
    application_round = proposal.round
    if proposal.confirmed_at is not None:
        raise AlreadyDone("This proposal has already been confirmed.")
    if application_round.applications.filter(status__in=(Status.OFFERED, Status.ACCEPTED)).exists():
        raise AlreadyDone("Offers have already been made for this round.")
    if not proposal.chosen:
        raise ValidationError("Nobody is in this proposal. Ask for a new one or add people.")
    if len(proposal.chosen) > application_round.places:
        raise ValidationError(
            f"The proposal has {len(proposal.chosen)} people for {application_round.places} "
            "places. Take someone out first."
        )
    scored = {a.pk: a for a in selectable(application_round) if score_of(a) is not None}
    if set(proposal.chosen) - set(scored):
        raise ValidationError(
            "Someone in the proposal is no longer a complete application (they may have "
            "withdrawn). Ask for a new proposal."
        )
    return scored


def _decide(
    application: Application,
    status: str,
    now: dt.datetime,
    *,
    by: User | None,
    rank: int | None = None,
    incomplete: bool = False,
) -> None:
    """Put one applicant on the waiting list (at RANK) or tell them they were not selected."""
    with audited(by, application, "recruitment.application.decided"):
        application.status = status
        application.waiting_rank = rank
        if status == Status.UNSUCCESSFUL:
            application.decided_at = now
        application.save()
    if status == Status.WAITING:
        tell(application, "recruitment-waiting")
    elif incomplete:
        tell(application, "recruitment-unsuccessful", incomplete=True)
    else:
        tell(application, "recruitment-unsuccessful")
