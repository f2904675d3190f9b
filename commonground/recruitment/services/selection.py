"""Selection: the solver's proposed cohort, changes by hand, and confirming it, which makes the
offers, ranks the waiting list and tells everyone else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.lib.once import AlreadyDone, lock

from ..models import Application, Proposal, Round, Status
from ..selection import select
from .notify import tell
from .offers import make_offer
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


def propose(application_round: Round, *, by: User | None, seconds: float = 20.0) -> Proposal:
    """Ask the solver for the cohort with the best total score that keeps every rule."""
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


def confirm_proposal(proposal: Proposal, *, by: User | None) -> int:
    """Offer places to the chosen, rank the waiting list, tell the rest. Returns offers sent.

    The round's row is held while this runs, so two presses of "confirm" make one set of offers
    and the second is told it is done.
    """
    application_round = proposal.round
    with transaction.atomic():
        lock(application_round)
        lock(proposal)
        scored = _confirmable(proposal)
        now = timezone.now()
        for pk in proposal.chosen:
            make_offer(scored[pk], now, by=by)
        chosen = set(proposal.chosen)
        _rank_waiting_list(
            application_round, [a for a in scored.values() if a.pk not in chosen], now, by=by
        )
        _turn_down_incomplete(application_round, now, by=by)
        with audited(by, proposal, "recruitment.proposal.confirmed"):
            proposal.confirmed_at = now
            proposal.save()
    return len(proposal.chosen)


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


def _rank_waiting_list(
    application_round: Round, others: Iterable[Application], now: dt.datetime, *, by: User | None
) -> None:
    """The best of those not chosen wait, in score order; the rest are told they were not."""
    ranked = sorted(others, key=lambda a: (-(score_of(a) or Decimal(0)), a.pk))
    for rank, application in enumerate(ranked, start=1):
        with audited(by, application, "recruitment.application.decided"):
            if rank <= application_round.waiting_list_size:
                application.status = Status.WAITING
                application.waiting_rank = rank
                template = "recruitment-waiting"
            else:
                application.status = Status.UNSUCCESSFUL
                application.decided_at = now
                template = "recruitment-unsuccessful"
            application.save()
        tell(application, template)


def _turn_down_incomplete(application_round: Round, now: dt.datetime, *, by: User | None) -> None:
    """Applications their sponsor never endorsed are unsuccessful once the cohort is chosen."""
    for application in application_round.applications.filter(
        status=Status.SUBMITTED
    ).select_related("person", "round__cohort__programme"):
        with audited(by, application, "recruitment.application.decided"):
            application.status = Status.UNSUCCESSFUL
            application.decided_at = now
            application.save()
        tell(application, "recruitment-unsuccessful", incomplete=True)
