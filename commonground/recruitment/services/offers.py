"""Offers and what follows them: replies, expiry, the waiting list, withdrawing, and asking to be
considered next year.

A reply, a withdrawal or closing the waiting list holds the application's or round's row while
it runs (`once.lock`), so a second press finds the first already done and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.directory.career import record_career_choice
from commonground.lib.once import AlreadyDone, lock
from commonground.programmes.models import EnrolmentStatus
from commonground.programmes.services import change_enrolment, enrol

from ..models import Application, Endorsement, Round, Status
from ..selection import next_to_promote
from .notify import mail, site_url, staff_emails, tell, when
from .panel import problem_for


class OfferExpired(ValidationError):
    """The offer's deadline has passed: the page answers 410."""


def default_deadline(application_round: Round, now: dt.datetime) -> dt.datetime:
    """The round's days to answer, counted from now or, while it is open, from its close."""
    return max(now, application_round.closes_at) + dt.timedelta(days=application_round.offer_days)


def check_deadline(application_round: Round, deadline: dt.datetime, now: dt.datetime) -> None:
    """An offer's reply deadline falls after the round closes, so no offer ends while people
    may still apply, and in the future."""
    if deadline <= application_round.closes_at:
        raise ValidationError(
            "The reply deadline must be after applications close on "
            f"{when(application_round.closes_at)}, so no offer ends while people can still apply."
        )
    if deadline <= now:
        raise ValidationError("The reply deadline must be in the future.")


def offer_context(application: Application, deadline: dt.datetime) -> dict[str, Any]:
    """What the offer email says to this applicant (also shown on the check page)."""
    person = application.person
    return {
        "name": person.first_name if person else "",
        "round": application.round,
        "deadline": when(deadline),
        "link": site_url(reverse("recruitment:offer", args=[application.pk])),
    }


def make_offer(
    application: Application,
    now: dt.datetime,
    *,
    by: User | None,
    deadline: dt.datetime | None = None,
) -> None:
    deadline = deadline or default_deadline(application.round, now)
    check_deadline(application.round, deadline, now)
    with audited(by, application, "recruitment.application.offered"):
        application.status = Status.OFFERED
        application.offered_at = now
        application.offer_deadline = deadline
        application.waiting_rank = None
        application.save()
    person = application.person
    assert person is not None
    mail("recruitment-offer", [person.email], offer_context(application, deadline))


def respond_to_offer(
    application: Application, *, accept: bool, by: User | None, follow_up: bool | None = None
) -> Promoted | None:
    """Accept or decline, once: a second reply raises AlreadyDone, a late one OfferExpired.

    Accepting with `follow_up` also records the person's answer to the career record's privacy
    notice, in the same transaction: both are kept, or neither.
    """
    with transaction.atomic():
        lock(application)
        _refuse_unless_open_offer(application)
        with audited(by, application, "recruitment.application.answered"):
            application.status = Status.ACCEPTED if accept else Status.DECLINED
            application.decided_at = timezone.now()
            application.save()
        if not accept:
            return promote_from_waiting_list(
                application.round, by=by, reason=f"{application.name} declined their offer"
            )
        person = application.person
        assert person is not None
        endorsement = Endorsement.objects.filter(application=application).first()
        enrol(
            person,
            application.round.cohort,
            sponsor=endorsement.sponsor if endorsement else None,
            by=by,
        )
        if follow_up is not None:
            record_career_choice(person, follow_up, by)
        tell(application, "recruitment-accepted")
    return None


def _refuse_unless_open_offer(application: Application) -> None:
    if application.status == Status.EXPIRED or (
        application.status == Status.OFFERED
        and application.offer_deadline is not None
        and application.offer_deadline <= timezone.now()
    ):
        deadline = application.offer_deadline or timezone.now()
        raise OfferExpired(
            f"This offer expired on {when(deadline)}, so it can no longer be accepted. "
            "Contact the programme team if you think this is wrong."
        )
    if application.status == Status.ACCEPTED:
        raise AlreadyDone("You have already accepted this offer.")
    if application.status == Status.DECLINED:
        raise AlreadyDone("You have already declined this offer.")
    if application.status != Status.OFFERED:
        raise ValidationError("There is no open offer on this application.")


def expire_offers(now: dt.datetime | None = None) -> int:
    """Offers past their deadline expire (each claimed by one UPDATE) and the next is promoted."""
    now = now or timezone.now()
    expired = 0
    due = Application.objects.filter(status=Status.OFFERED, offer_deadline__lte=now)
    for application in due.select_related("round__cohort__programme", "person"):
        with transaction.atomic():
            lock(application)
            if application.status != Status.OFFERED:
                continue
            with audited(None, application, "recruitment.application.expired"):
                application.status = Status.EXPIRED
                application.decided_at = now
                application.save()
            tell(application, "recruitment-expired")
            promote_from_waiting_list(
                application.round, by=None, reason=f"{application.name}'s offer expired"
            )
            expired += 1
    return expired


@dataclass(frozen=True)
class Promoted:
    application: Application | None
    keeps_every_rule: bool
    unmet: tuple[str, ...]


def promote_from_waiting_list(
    application_round: Round, *, by: User | None, reason: str = ""
) -> Promoted:
    """Offer the freed place to the first on the waiting list who keeps the balance rules.

    Staff are told who was promoted, or that nobody could be; when nobody on the list keeps every
    rule, the first who breaks no maximum is offered the place and staff are told which minimum
    is now unmet. The round's row is held, so two places freed at once go to two people.
    """
    lock(application_round)
    holding = list(
        application_round.applications.filter(status__in=(Status.OFFERED, Status.ACCEPTED))
        .select_related("organisation")
        .prefetch_related("reviews")
    )
    waiting = list(
        application_round.applications.filter(status=Status.WAITING)
        .select_related("organisation", "person")
        .prefetch_related("reviews")
        .order_by("waiting_rank", "pk")
    )
    problem = problem_for(application_round, [*holding, *waiting])
    choice = next_to_promote(problem, {a.pk for a in holding}, [a.pk for a in waiting])
    by_pk = {a.pk: a for a in waiting}
    promoted = by_pk.get(choice.candidate_id) if choice.candidate_id is not None else None
    if promoted is not None:
        make_offer(promoted, timezone.now(), by=by)
    result = Promoted(promoted, choice.keeps_every_rule, tuple(r.label for r in choice.unmet))
    mail(
        "recruitment-promoted",
        staff_emails(application_round),
        {
            "round": application_round,
            "reason": reason,
            "promoted": promoted.name if promoted else None,
            "keeps_every_rule": result.keeps_every_rule,
            "unmet": result.unmet,
            "link": site_url(reverse("recruitment:manage", args=[application_round.pk])),
        },
    )
    return result


def still_waiting(application_round: Round) -> list[Application]:
    """Those on the waiting list, in rank order."""
    return list(
        application_round.applications.filter(status=Status.WAITING)
        .select_related("person", "round__cohort__programme")
        .order_by("waiting_rank", "pk")
    )


def close_waiting_list(application_round: Round, *, by: User | None) -> int:
    """Everyone still waiting is told they were unsuccessful this year, once."""
    now = timezone.now()
    with transaction.atomic():
        lock(application_round)
        waiting = still_waiting(application_round)
        if not waiting:
            raise AlreadyDone("The waiting list is already closed: nobody is waiting.")
        for application in waiting:
            with audited(by, application, "recruitment.application.decided"):
                application.status = Status.UNSUCCESSFUL
                application.waiting_rank = None
                application.decided_at = now
                application.save()
            tell(application, "recruitment-unsuccessful")
        record_changes(
            by,
            application_round,
            "recruitment.round.waiting_list_closed",
            {"told they were not selected": [None, len(waiting)]},
        )
    return len(waiting)


def withdraw(application: Application, *, by: User | None) -> Promoted | None:
    """The applicant withdraws, once; a place they held goes to the next on the waiting list."""
    application_round = application.round
    with transaction.atomic():
        lock(application)
        _refuse_unless_withdrawable(application)
        was = application.status
        with audited(by, application, "recruitment.application.withdrawn"):
            application.status = Status.WITHDRAWN
            application.decided_at = timezone.now()
            application.waiting_rank = None
            application.save()
        if was == Status.ACCEPTED and application.person is not None:
            enrolment = application.person.enrolments.filter(
                cohort=application_round.cohort
            ).first()
            if enrolment is not None:
                change_enrolment(
                    enrolment, status=EnrolmentStatus.WITHDRAWN, sponsor=enrolment.sponsor, by=by
                )
        if was in (Status.OFFERED, Status.ACCEPTED):
            return promote_from_waiting_list(
                application_round, by=by, reason=f"{application.name} withdrew"
            )
    return None


def _refuse_unless_withdrawable(application: Application) -> None:
    application_round = application.round
    if application.status == Status.WITHDRAWN:
        raise AlreadyDone("You have already withdrawn this application.")
    if application.status in Status.OPEN:
        if application_round.has_closed:
            raise ValidationError(
                "Applications closed on "
                f"{when(application_round.closes_at)}; contact the programme team to withdraw now."
            )
    elif application.status not in (Status.OFFERED, Status.ACCEPTED, Status.WAITING):
        raise ValidationError("This application cannot be withdrawn: it has already ended.")


def ask_to_be_considered_next_year(application: Application, *, by: User | None) -> None:
    if application.status not in (Status.UNSUCCESSFUL, Status.WAITING):
        raise ValidationError(
            "You can ask to be considered next year once you have heard that this application "
            "was unsuccessful."
        )
    with audited(by, application, "recruitment.application.changed"):
        application.consider_next_year = True
        application.save()
    mail(
        "recruitment-next-year",
        staff_emails(application.round),
        {"application": application, "round": application.round},
    )
