"""Writes to recruitment records: applications, endorsements, reviews, selection and offers.

Every function validates first and raises ValidationError with a plain message, so a bad input
changes nothing; writes happen inside one transaction and leave audit entries; emails are sent
once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import record, snapshot
from commonground.audit.models import AuditEntry
from commonground.directory.models import Organisation, Person
from commonground.lib import emails
from commonground.lib.links import digest, new_secret
from commonground.programmes.models import EnrolmentStatus, ProgrammeRole, Role
from commonground.programmes.services import change_enrolment, enrol

from .models import (
    SENIOR_BANDS,
    Application,
    Endorsement,
    EndorsementStatus,
    EqualityResponse,
    Proposal,
    Review,
    Round,
    Status,
)
from .selection import EACH, Candidate, Problem, Rule, next_to_promote, select

CONTINUE_SALT = "recruitment.continue"
CONTINUE_DAYS = 14
MAX_REMINDERS = 3
MARKS = range(1, 6)


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y at %-I:%M%p").replace(":00", "")


def _link(path: str) -> str:
    return settings.SITE_URL + path


def after_commit(send: Callable[[], object]) -> None:
    """Emails leave once the change is saved (tests replace this to send at once)."""
    transaction.on_commit(send)


def _mail(name: str, to: Sequence[str], context: Mapping[str, Any]) -> None:
    recipients = [address for address in to if address]
    if recipients:
        after_commit(lambda: emails.send(name, recipients, context))


def staff_emails(round: Round) -> list[str]:
    return sorted(
        ProgrammeRole.objects.filter(
            programme_id=round.cohort.programme_id, role=Role.STAFF
        ).values_list("user__email", flat=True)
    )


# Applying ------------------------------------------------------------------------------------


def eligibility_problem(round: Round, organisation: Organisation | None, band: str) -> str | None:
    """Why this person may not apply, in plain words; None when they may."""
    eligible_ids = set(round.eligible_organisations.values_list("pk", flat=True))
    if organisation is None:
        return "Choose the organisation you work for."
    if eligible_ids and organisation.pk not in eligible_ids:
        return (
            f"{organisation} is not one of the partnership organisations this programme "
            "recruits from, so you cannot apply this year."
        )
    if round.eligible_bands and band not in round.eligible_bands:
        bands = ", ".join(round.band_labels()).lower()
        return f"This programme is for people in these seniority bands: {bands}."
    return None


def _refuse_unless_open(round: Round) -> None:
    now = timezone.now()
    if now < round.opens_at:
        raise ValidationError(
            f"Applications for {round.cohort} open on {_when(round.opens_at)}. Come back then."
        )
    if now >= round.closes_at:
        raise ValidationError(
            f"Applications for {round.cohort} closed on {_when(round.closes_at)}, so late "
            "applications cannot be accepted. Contact the programme team if you think this "
            "is wrong."
        )


def continue_token(user: User) -> str:
    return signing.dumps({"user": user.pk}, salt=CONTINUE_SALT)


def continue_url(user: User) -> str:
    return _link(reverse("recruitment:continue", args=[continue_token(user)]))


def user_from_continue_token(token: str) -> User:
    """The account a continue link names; raises SignatureExpired (old) or BadSignature."""
    data = signing.loads(token, salt=CONTINUE_SALT, max_age=dt.timedelta(days=CONTINUE_DAYS))
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None:
        raise signing.BadSignature("no such account")
    return user


@dataclass(frozen=True)
class Applicant:
    first_name: str
    last_name: str
    email: str
    organisation: Organisation | None
    job_title: str
    band: str


def _person_for(applicant: Applicant) -> tuple[Person, bool]:
    email = applicant.email.strip().lower()
    person = Person.objects.filter(email__iexact=email).select_related("user").first()
    made_account = False
    if person is None:
        person = Person.objects.create(
            first_name=applicant.first_name,
            last_name=applicant.last_name,
            email=email,
            organisation=applicant.organisation,
            job_title=applicant.job_title,
            band=applicant.band,
        )
        record(None, person, "directory.person.created")
    if person.user is None:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, None, name=person.name)
            made_account = True
        person.user = user
        person.save(update_fields=["user"])
    return person, made_account


def start_application(
    round: Round,
    applicant: Applicant,
    *,
    by: User | None,
    nominated_by: Person | None = None,
) -> tuple[Application, bool]:
    """A draft application, with an account made from the email when there is none.

    Returns the application and whether a new account was made. Late, ineligible and duplicate
    applications are refused with a message and nothing is written.
    """
    _refuse_unless_open(round)
    problem = eligibility_problem(round, applicant.organisation, applicant.band)
    if problem:
        raise ValidationError(problem)
    email = applicant.email.strip().lower()
    if Application.objects.filter(round=round, person__email__iexact=email).exists():
        raise ValidationError(
            f"{email} has already applied for {round.cohort}. Sign in to see that application; "
            "each person may apply once a year."
        )
    with transaction.atomic():
        person, made_account = _person_for(applicant)
        application = Application.objects.create(
            round=round,
            person=person,
            organisation=applicant.organisation,
            job_title=applicant.job_title,
            band=applicant.band,
            nominated_by=nominated_by,
            sponsor_name=nominated_by.name if nominated_by else "",
            sponsor_email=nominated_by.email if nominated_by else "",
        )
        record(by, application, "recruitment.application.created")
    return application, made_account


def send_continue_link(application: Application) -> None:
    """Email the applicant a link that signs them in to carry on with their application."""
    person = application.person
    assert person is not None and person.user is not None
    _mail(
        "recruitment-continue",
        [person.email],
        {
            "name": person.first_name,
            "round": application.round,
            "link": continue_url(person.user),
            "days": CONTINUE_DAYS,
            "password_link": _link(reverse("account_reset_password")),
        },
    )


def nominate(
    round: Round, nominator: Person, applicant: Applicant, *, by: User | None
) -> Application:
    """A senior leader names someone; they are invited to complete the application."""
    if nominator.band not in SENIOR_BANDS:
        raise ValidationError(
            "Only chief officers and directors may nominate someone. Ask them to apply "
            "themselves instead."
        )
    if applicant.email.strip().lower() == nominator.email:
        raise ValidationError("You cannot nominate yourself. Apply instead.")
    with transaction.atomic():
        application, _ = start_application(round, applicant, by=by, nominated_by=nominator)
        person = application.person
        assert person is not None and person.user is not None
        _mail(
            "recruitment-nominated",
            [person.email],
            {
                "name": person.first_name,
                "nominator": nominator,
                "round": round,
                "link": continue_url(person.user),
                "days": CONTINUE_DAYS,
            },
        )
    return application


def save_draft(application: Application, data: Mapping[str, Any], *, by: User | None) -> None:
    """Keep what the applicant has written so far; they may come back to it until the close."""
    if application.status != Status.DRAFT:
        raise ValidationError("This application has been sent, so it can no longer be changed.")
    _refuse_unless_open(application.round)
    with transaction.atomic():
        before = snapshot(application)
        for name in ("answers", "statements", "challenge_ranking"):
            if name in data:
                setattr(application, name, data[name])
        for name in ("sponsor_name", "sponsor_email"):
            if name in data:
                setattr(application, name, str(data[name]).strip())
        if "consent" in data:
            application.consent = bool(data["consent"])
        application.save()
        record(by, application, "recruitment.application.changed", before)


def missing_parts(application: Application) -> list[str]:
    """What still stops the application being sent, in the words the page uses."""
    round = application.round
    missing = []
    for index, question in enumerate(round.questions):
        if not str(application.answers.get(str(index), "")).strip():
            missing.append(f"Answer “{question}”")
    for index, criterion in enumerate(round.criteria):
        if not str(application.statements.get(str(index), "")).strip():
            missing.append(f"Write your statement for “{criterion}”")
    if not application.sponsor_name.strip() or not application.sponsor_email.strip():
        missing.append(
            "Name the senior leader who supports you and give their email address: without a "
            "sponsor the application is incomplete"
        )
    elif application.person and application.sponsor_email.lower() == application.person.email:
        missing.append("Name someone else as your sponsor: you cannot support yourself")
    if not application.consent:
        missing.append("Confirm that you have read the privacy notice and agree")
    return missing


def _sponsor_person(application: Application) -> Person:
    email = application.sponsor_email.strip().lower()
    sponsor = Person.objects.filter(email__iexact=email).first()
    if sponsor is None:
        first, _, last = application.sponsor_name.strip().partition(" ")
        sponsor = Person.objects.create(first_name=first, last_name=last or "-", email=email)
        record(None, sponsor, "directory.person.created")
    return sponsor


def submit(application: Application, *, by: User | None) -> Endorsement:
    """Send the application; the sponsor is asked, through a personal link, to endorse it."""
    if application.status != Status.DRAFT:
        raise ValidationError("This application has already been sent.")
    _refuse_unless_open(application.round)
    missing = missing_parts(application)
    if missing:
        raise ValidationError(["Your application is not finished yet.", *missing])
    now = timezone.now()
    token, token_digest = new_secret()
    with transaction.atomic():
        before = snapshot(application)
        application.status = Status.SUBMITTED
        application.submitted_at = now
        application.save()
        record(by, application, "recruitment.application.submitted", before)
        Endorsement.objects.filter(application=application).delete()
        endorsement = Endorsement.objects.create(
            application=application,
            sponsor=_sponsor_person(application),
            token_digest=token_digest,
            requested_at=now,
            next_reminder_at=now + dt.timedelta(days=application.round.reminder_days),
        )
        record(by, endorsement, "recruitment.endorsement.created")
        _ask_sponsor(endorsement, token, reminder=False)
        person = application.person
        assert person is not None
        _mail(
            "recruitment-submitted",
            [person.email],
            {"name": person.first_name, "application": application, "sponsor": endorsement.sponsor},
        )
    return endorsement


def _ask_sponsor(endorsement: Endorsement, token: str, *, reminder: bool) -> None:
    application = endorsement.application
    _mail(
        "recruitment-endorse",
        [endorsement.sponsor.email],
        {
            "sponsor": endorsement.sponsor,
            "applicant": application.name,
            "round": application.round,
            "link": _link(reverse("recruitment:endorse", args=[token])),
            "reminder": reminder,
            "closes": _when(application.round.closes_at),
        },
    )


def find_endorsement(token: str) -> Endorsement | None:
    return (
        Endorsement.objects.select_related(
            "application__person", "application__round__cohort__programme", "sponsor"
        )
        .filter(token_digest=digest(token))
        .first()
    )


def respond_to_endorsement(
    endorsement: Endorsement, *, endorse: bool, statement: str, by: User | None
) -> None:
    application = endorsement.application
    if endorsement.status != EndorsementStatus.PENDING:
        raise ValidationError(
            f"You have already answered: you {endorsement.get_status_display().lower()} "
            f"{application.name}'s application."
        )
    if application.status != Status.SUBMITTED:
        raise ValidationError(f"{application.name}'s application is no longer waiting for you.")
    if endorse and not statement.strip():
        raise ValidationError("Write a short statement of your support.")
    with transaction.atomic():
        before = snapshot(endorsement)
        endorsement.status = EndorsementStatus.ENDORSED if endorse else EndorsementStatus.DECLINED
        endorsement.statement = statement.strip()
        endorsement.responded_at = timezone.now()
        endorsement.next_reminder_at = None
        endorsement.save()
        record(by, endorsement, "recruitment.endorsement.changed", before)
        before = snapshot(application)
        application.status = Status.ENDORSED if endorse else Status.SPONSOR_DECLINED
        if not endorse:
            application.decided_at = timezone.now()
        application.save()
        record(by, application, "recruitment.application.changed", before)
        person = application.person
        assert person is not None
        _mail(
            "recruitment-sponsor-answered",
            [person.email],
            {"name": person.first_name, "application": application, "endorsed": endorse},
        )


def send_sponsor_reminders(now: dt.datetime | None = None) -> int:
    """Remind sponsors who have not answered; each row is claimed by one atomic UPDATE."""
    now = now or timezone.now()
    sent = 0
    due = Endorsement.objects.filter(
        status=EndorsementStatus.PENDING,
        next_reminder_at__lte=now,
        reminders_sent__lt=MAX_REMINDERS,
        application__status=Status.SUBMITTED,
    ).values_list("pk", "application__round__reminder_days")
    for pk, days in list(due):
        with transaction.atomic():
            claimed = Endorsement.objects.filter(
                pk=pk, next_reminder_at__lte=now, status=EndorsementStatus.PENDING
            ).update(
                next_reminder_at=now + dt.timedelta(days=days),
                reminders_sent=F("reminders_sent") + 1,
            )
            if not claimed:
                continue
            # The link is a fresh secret: only its hash is stored, so the old one cannot be sent.
            token, token_digest = new_secret()
            Endorsement.objects.filter(pk=pk).update(token_digest=token_digest)
            endorsement = Endorsement.objects.select_related(
                "sponsor", "application__person", "application__round__cohort__programme"
            ).get(pk=pk)
            _ask_sponsor(endorsement, token, reminder=True)
            sent += 1
    return sent


def withdraw(application: Application, *, by: User | None) -> Promoted | None:
    """The applicant withdraws; a place they held goes to the next on the waiting list."""
    round = application.round
    held_place = application.status in (Status.OFFERED, Status.ACCEPTED)
    if application.status in Status.OPEN:
        if round.has_closed:
            raise ValidationError(
                "Applications closed on "
                f"{_when(round.closes_at)}; contact the programme team to withdraw now."
            )
    elif application.status not in (Status.OFFERED, Status.ACCEPTED, Status.WAITING):
        raise ValidationError("This application cannot be withdrawn: it has already ended.")
    with transaction.atomic():
        before = snapshot(application)
        was = application.status
        application.status = Status.WITHDRAWN
        application.decided_at = timezone.now()
        application.waiting_rank = None
        application.save()
        record(by, application, "recruitment.application.withdrawn", before)
        if was == Status.ACCEPTED and application.person is not None:
            enrolment = application.person.enrolments.filter(cohort=round.cohort).first()
            if enrolment is not None:
                change_enrolment(
                    enrolment, status=EnrolmentStatus.WITHDRAWN, sponsor=enrolment.sponsor, by=by
                )
        if held_place:
            return promote_from_waiting_list(round, by=by, reason=f"{application.name} withdrew")
    return None


def save_equality(
    application: Application, answers: Mapping[str, str], *, by: User | None
) -> EqualityResponse:
    """Optional monitoring answers, kept apart from the application (no audit of the values)."""
    with transaction.atomic():
        response = EqualityResponse.objects.filter(application=application).first()
        if response is None:
            response = EqualityResponse(round=application.round, application=application)
        for name, value in answers.items():
            setattr(response, name, value)
        response.save()
    return response


# Panel and moderation ------------------------------------------------------------------------


def save_review(
    application: Application,
    reviewer: User,
    scores: Mapping[str, int],
    comment: str,
    *,
    submit_it: bool,
) -> Review:
    if not application.is_complete:
        raise ValidationError("Only complete applications (endorsed by their sponsor) are scored.")
    review = Review.objects.filter(application=application, reviewer=reviewer).first()
    if review is not None and review.submitted_at is not None:
        raise ValidationError("You have already submitted your marks for this application.")
    criteria = [str(i) for i in range(len(application.round.criteria))]
    if submit_it and any(scores.get(key) not in MARKS for key in criteria):
        raise ValidationError("Give a mark from 1 to 5 for every criterion before you submit.")
    with transaction.atomic():
        if review is None:
            review = Review(application=application, reviewer=reviewer)
        before = snapshot(review) if review.pk else None
        review.scores = {key: int(scores[key]) for key in criteria if scores.get(key) in MARKS}
        review.comment = comment.strip()
        if submit_it:
            review.submitted_at = timezone.now()
        review.save()
        action = "recruitment.review.changed" if before else "recruitment.review.created"
        record(reviewer, review, action, before)
    return review


def panel_score(reviews: Iterable[Review]) -> Decimal | None:
    """The mean of the submitted reviews' totals, to two places."""
    totals = [review.total for review in reviews if review.submitted_at is not None]
    if not totals:
        return None
    return Decimal(str(statistics.fmean(totals))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def score_of(application: Application) -> Decimal | None:
    """The moderated score when staff set one, else the panel's mean (needs reviews prefetched)."""
    if application.moderated_score is not None:
        return application.moderated_score
    return panel_score(application.reviews.all())


def moderate(
    application: Application, score: Decimal | None, note: str, *, by: User | None
) -> None:
    with transaction.atomic():
        before = snapshot(application)
        application.moderated_score = score
        application.moderation_note = note.strip()
        application.save()
        record(by, application, "recruitment.application.moderated", before)


# Selection -----------------------------------------------------------------------------------


def _attributes(application: Application) -> dict[str, str]:
    organisation = application.organisation
    if organisation is None:
        return {}
    return {
        "sector": organisation.sector,
        "area": organisation.area,
        "organisation": organisation.name,
    }


def engine_rules(round: Round) -> list[Rule]:
    return [
        Rule(rule.attribute, rule.value or EACH, rule.minimum, rule.maximum)
        for rule in round.rules.all()
    ]


def _candidate(application: Application) -> Candidate:
    score = score_of(application) or Decimal(0)
    return Candidate(application.pk, int(score * 100), _attributes(application))


def unscored(applications: Iterable[Application]) -> list[Application]:
    return [a for a in applications if score_of(a) is None]


def selectable(round: Round) -> list[Application]:
    return list(
        round.applications.filter(status=Status.ENDORSED)
        .select_related("organisation", "person")
        .prefetch_related("reviews")
        .order_by("pk")
    )


def problem_for(round: Round, applications: Sequence[Application]) -> Problem:
    return Problem(
        [_candidate(a) for a in applications], capacity=round.places, rules=engine_rules(round)
    )


def propose(round: Round, *, by: User | None, seconds: float = 20.0) -> Proposal:
    """Ask the solver for the cohort with the best total score that keeps every rule."""
    # Unscored applications wait for the panel; the proposal page says how many were left out.
    applications = [a for a in selectable(round) if score_of(a) is not None]
    if not applications:
        raise ValidationError(
            "There are no complete, scored applications to choose from yet. Finish the panel's "
            "scoring or moderate a score first."
        )
    selection = select(problem_for(round, applications), seconds=seconds)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            round=round,
            created_by=by,
            status=selection.status,
            objective=Decimal(selection.objective) / 100,
            seconds=selection.seconds,
            chosen=list(selection.chosen),
            solver_chosen=list(selection.chosen),
            conflicts=[rule.label for rule in selection.conflicts],
        )
        record(by, proposal, "recruitment.proposal.created")
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
    with transaction.atomic():
        before = snapshot(proposal)
        proposal.chosen = chosen
        proposal.changed_by_hand = sorted(chosen) != sorted(proposal.solver_chosen)
        proposal.save()
        record(by, proposal, "recruitment.proposal.changed", before)


def confirm_proposal(proposal: Proposal, *, by: User | None) -> int:
    """Offer places to the chosen, rank the waiting list, tell the rest. Returns offers sent."""
    round = proposal.round
    if proposal.confirmed_at is not None:
        raise ValidationError("This proposal has already been confirmed.")
    if not proposal.chosen:
        raise ValidationError("Nobody is in this proposal. Ask for a new one or add people.")
    if len(proposal.chosen) > round.places:
        raise ValidationError(
            f"The proposal has {len(proposal.chosen)} people for {round.places} places. "
            "Take someone out first."
        )
    if round.applications.filter(status__in=(Status.OFFERED, Status.ACCEPTED)).exists():
        raise ValidationError("Offers have already been made for this round.")
    applications = [a for a in selectable(round) if score_of(a) is not None]
    by_pk = {a.pk: a for a in applications}
    if set(proposal.chosen) - set(by_pk):
        raise ValidationError(
            "Someone in the proposal is no longer a complete application (they may have "
            "withdrawn). Ask for a new proposal."
        )
    now = timezone.now()
    others = sorted(
        (a for a in applications if a.pk not in set(proposal.chosen)),
        key=lambda a: (-(score_of(a) or Decimal(0)), a.pk),
    )
    with transaction.atomic():
        for pk in proposal.chosen:
            _offer(by_pk[pk], now, by=by)
        for rank, application in enumerate(others, start=1):
            before = snapshot(application)
            if rank <= round.waiting_list_size:
                application.status = Status.WAITING
                application.waiting_rank = rank
                template = "recruitment-waiting"
            else:
                application.status = Status.UNSUCCESSFUL
                application.decided_at = now
                template = "recruitment-unsuccessful"
            application.save()
            record(by, application, "recruitment.application.decided", before)
            _tell(application, template)
        for application in round.applications.filter(status=Status.SUBMITTED).select_related(
            "person", "round__cohort__programme"
        ):
            before = snapshot(application)
            application.status = Status.UNSUCCESSFUL
            application.decided_at = now
            application.save()
            record(by, application, "recruitment.application.decided", before)
            _tell(application, "recruitment-unsuccessful", incomplete=True)
        before = snapshot(proposal)
        proposal.confirmed_at = now
        proposal.save()
        record(by, proposal, "recruitment.proposal.confirmed", before)
    return len(proposal.chosen)


def _tell(application: Application, template: str, **extra: Any) -> None:
    person = application.person
    if person is None:
        return
    _mail(
        template,
        [person.email],
        {
            "name": person.first_name,
            "application": application,
            "round": application.round,
            "link": _link(application.get_absolute_url()),
            **extra,
        },
    )


def _offer(application: Application, now: dt.datetime, *, by: User | None) -> None:
    before = snapshot(application)
    application.status = Status.OFFERED
    application.offered_at = now
    application.offer_deadline = now + dt.timedelta(days=application.round.offer_days)
    application.waiting_rank = None
    application.save()
    record(by, application, "recruitment.application.offered", before)
    person = application.person
    assert person is not None
    _mail(
        "recruitment-offer",
        [person.email],
        {
            "name": person.first_name,
            "round": application.round,
            "deadline": _when(application.offer_deadline),
            "link": _link(reverse("recruitment:offer", args=[application.pk])),
        },
    )


class OfferExpired(ValidationError):
    """The offer's deadline has passed: the page answers 410."""


def respond_to_offer(application: Application, *, accept: bool, by: User | None) -> Promoted | None:
    if application.status == Status.EXPIRED or (
        application.status == Status.OFFERED
        and application.offer_deadline is not None
        and application.offer_deadline <= timezone.now()
    ):
        deadline = application.offer_deadline or timezone.now()
        raise OfferExpired(
            f"This offer expired on {_when(deadline)}, so it can no longer be accepted. "
            "Contact the programme team if you think this is wrong."
        )
    if application.status != Status.OFFERED:
        raise ValidationError("There is no open offer on this application.")
    with transaction.atomic():
        before = snapshot(application)
        application.status = Status.ACCEPTED if accept else Status.DECLINED
        application.decided_at = timezone.now()
        application.save()
        record(by, application, "recruitment.application.answered", before)
        if accept:
            person = application.person
            assert person is not None
            endorsement = Endorsement.objects.filter(application=application).first()
            enrol(
                person,
                application.round.cohort,
                sponsor=endorsement.sponsor if endorsement else None,
                by=by,
            )
            _tell(application, "recruitment-accepted")
            return None
        return promote_from_waiting_list(
            application.round, by=by, reason=f"{application.name} declined their offer"
        )


def expire_offers(now: dt.datetime | None = None) -> int:
    """Offers past their deadline expire (each claimed by one UPDATE) and the next is promoted."""
    now = now or timezone.now()
    expired = 0
    due = Application.objects.filter(status=Status.OFFERED, offer_deadline__lte=now)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = Application.objects.filter(pk=pk, status=Status.OFFERED).update(
                status=Status.EXPIRED, decided_at=now
            )
            if not claimed:
                continue
            application = Application.objects.select_related(
                "round__cohort__programme", "person"
            ).get(pk=pk)
            record(None, application, "recruitment.application.expired")
            _tell(application, "recruitment-expired")
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


def promote_from_waiting_list(round: Round, *, by: User | None, reason: str = "") -> Promoted:
    """Offer the freed place to the first on the waiting list who keeps the balance rules.

    Staff are told who was promoted, or that nobody could be; when nobody on the list keeps every
    rule, the first who breaks no maximum is offered the place and staff are told which minimum
    is now unmet.
    """
    holding = list(
        round.applications.filter(status__in=(Status.OFFERED, Status.ACCEPTED))
        .select_related("organisation")
        .prefetch_related("reviews")
    )
    waiting = list(
        round.applications.filter(status=Status.WAITING)
        .select_related("organisation", "person")
        .prefetch_related("reviews")
        .order_by("waiting_rank", "pk")
    )
    problem = problem_for(round, [*holding, *waiting])
    choice = next_to_promote(problem, {a.pk for a in holding}, [a.pk for a in waiting])
    by_pk = {a.pk: a for a in waiting}
    promoted = by_pk.get(choice.candidate_id) if choice.candidate_id is not None else None
    if promoted is not None:
        _offer(promoted, timezone.now(), by=by)
    result = Promoted(promoted, choice.keeps_every_rule, tuple(r.label for r in choice.unmet))
    _mail(
        "recruitment-promoted",
        staff_emails(round),
        {
            "round": round,
            "reason": reason,
            "promoted": promoted.name if promoted else None,
            "keeps_every_rule": result.keeps_every_rule,
            "unmet": result.unmet,
            "link": _link(reverse("recruitment:manage", args=[round.pk])),
        },
    )
    return result


def close_waiting_list(round: Round, *, by: User | None) -> int:
    """Everyone still waiting is told they were unsuccessful this year."""
    now = timezone.now()
    waiting = list(
        round.applications.filter(status=Status.WAITING).select_related(
            "person", "round__cohort__programme"
        )
    )
    with transaction.atomic():
        for application in waiting:
            before = snapshot(application)
            application.status = Status.UNSUCCESSFUL
            application.waiting_rank = None
            application.decided_at = now
            application.save()
            record(by, application, "recruitment.application.decided", before)
            _tell(application, "recruitment-unsuccessful")
    return len(waiting)


def ask_to_be_considered_next_year(application: Application, *, by: User | None) -> None:
    if application.status not in (Status.UNSUCCESSFUL, Status.WAITING):
        raise ValidationError(
            "You can ask to be considered next year once you have heard that this application "
            "was unsuccessful."
        )
    with transaction.atomic():
        before = snapshot(application)
        application.consider_next_year = True
        application.save()
        record(by, application, "recruitment.application.changed", before)
    _mail(
        "recruitment-next-year",
        staff_emails(application.round),
        {"application": application, "round": application.round},
    )


# Retention and the applicant's own data ------------------------------------------------------


def anonymise(application: Application) -> None:
    """Remove everything that identifies the applicant; keep what the figures count."""
    Application.objects.filter(pk=application.pk).update(
        person=None,
        answers={},
        statements={},
        challenge_ranking=[],
        sponsor_name="",
        sponsor_email="",
        nominated_by=None,
        job_title="",
        moderation_note="",
        anonymised_at=timezone.now(),
    )
    Endorsement.objects.filter(application=application).delete()
    Review.objects.filter(application=application).update(comment="")
    EqualityResponse.objects.filter(application=application).update(application=None)
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(application.pk),
    ).update(changes={}, object_repr=f"Anonymised applicant {application.pk}")


def anonymise_due(now: dt.datetime | None = None) -> int:
    """Anonymise ended applications older than their round's retention period.

    Someone who asked to be considered next year is kept a year longer.
    """
    now = now or timezone.now()
    done = 0
    for round_pk, days in Round.objects.values_list("pk", "retention_days"):
        cutoff = now - dt.timedelta(days=days)
        due = Application.objects.filter(
            Q(consider_next_year=False, decided_at__lte=cutoff)
            | Q(consider_next_year=True, decided_at__lte=cutoff - dt.timedelta(days=365)),
            round_id=round_pk,
            status__in=Status.ENDED,
            anonymised_at__isnull=True,
        )
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                claimed = Application.objects.filter(pk=pk, anonymised_at__isnull=True).update(
                    anonymised_at=now
                )
                if claimed:
                    anonymise(Application(pk=pk))
                    done += 1
    return done


def housekeeping(now: dt.datetime | None = None) -> dict[str, int]:
    """The scheduled work: sponsor reminders, expired offers, anonymisation."""
    return {
        "reminders": send_sponsor_reminders(now),
        "expired": expire_offers(now),
        "anonymised": anonymise_due(now),
    }


def held_data(person: Person) -> dict[str, Any]:
    """Everything recruitment holds about a person, as they may download it."""
    applications = (
        Application.objects.filter(person=person)
        .select_related("round__cohort__programme", "organisation", "endorsement__sponsor")
        .prefetch_related("reviews")
        .order_by("pk")
    )
    equality = {
        e.application_id: e for e in EqualityResponse.objects.filter(application__person=person)
    }
    held: list[dict[str, Any]] = []
    for application in applications:
        round = application.round
        endorsement = getattr(application, "endorsement", None)
        answer = equality.get(application.pk)
        held.append(
            {
                "round": str(round.cohort),
                "status": application.get_status_display(),
                "organisation": str(application.organisation or ""),
                "job_title": application.job_title,
                "band": application.get_band_display(),
                "answers": {
                    q: application.answers.get(str(i), "") for i, q in enumerate(round.questions)
                },
                "statements": {
                    c: application.statements.get(str(i), "") for i, c in enumerate(round.criteria)
                },
                "challenge_ranking": application.challenge_ranking,
                "sponsor": {"name": application.sponsor_name, "email": application.sponsor_email},
                "sponsor_response": (
                    {
                        "status": endorsement.get_status_display(),
                        "statement": endorsement.statement,
                    }
                    if endorsement
                    else None
                ),
                "panel_marks": [r.scores for r in application.reviews.all() if r.submitted_at],
                "moderated_score": (
                    str(application.moderated_score) if application.moderated_score else None
                ),
                "equality_monitoring": (
                    {
                        name: getattr(answer, f"get_{name}_display")()
                        for name in ("age_band", "sex", "ethnicity", "disability", "caring")
                        if getattr(answer, name)
                    }
                    if answer
                    else None
                ),
                "submitted_at": (
                    application.submitted_at.isoformat() if application.submitted_at else None
                ),
                "consider_next_year": application.consider_next_year,
            }
        )
    return {
        "person": {
            "name": person.name,
            "email": person.email,
            "organisation": str(person.organisation or ""),
            "job_title": person.job_title,
        },
        "applications": held,
    }
