"""Applying: eligibility, continue links, starting an application or nominating someone, drafts,
and sending the application to the sponsor."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.directory.models import Organisation, Person
from commonground.lib.links import digest, new_secret
from commonground.programmes.models import Enrolment, ProgrammeRole

from ..models import (
    SENIOR_BANDS,
    Application,
    ContinueLink,
    Endorsement,
    EqualityResponse,
    Round,
    Status,
)
from .endorsing import ask_sponsor
from .notify import mail, sign_in_url, site_url, when

CONTINUE_HOURS = 72


def eligibility_problem(
    application_round: Round, organisation: Organisation | None, band: str
) -> str | None:
    """Why this person may not apply, in plain words; None when they may."""
    eligible_ids = set(application_round.eligible_organisations.values_list("pk", flat=True))
    if organisation is None:
        return "Choose the organisation you work for."
    if eligible_ids and organisation.pk not in eligible_ids:
        return (
            f"{organisation} is not one of the partnership organisations this programme "
            "recruits from, so you cannot apply this year."
        )
    if application_round.eligible_bands and band not in application_round.eligible_bands:
        bands = ", ".join(application_round.band_labels()).lower()
        return f"This programme is for people in these seniority bands: {bands}."
    return None


def _refuse_unless_open(application_round: Round) -> None:
    now = timezone.now()
    if now < application_round.opens_at:
        raise ValidationError(
            f"Applications for {application_round.cohort} open on "
            f"{when(application_round.opens_at)}. Come back then."
        )
    if now >= application_round.closes_at:
        raise ValidationError(
            f"Applications for {application_round.cohort} closed on "
            f"{when(application_round.closes_at)}, so late applications cannot be accepted. "
            "Contact the programme team if you think this is wrong."
        )
    if application_round.offers_sent_at is not None:
        raise ValidationError(
            f"Applications for {application_round.cohort} are closed: the places were offered on "
            f"{when(application_round.offers_sent_at)}. "
            "Contact the programme team if you think this is wrong."
        )


def may_sign_in_by_link(user: User) -> bool:
    """Whether an emailed link may sign this account in: only an account that exists for
    applying alone. Anyone with a password, a second factor or any other role signs in through
    the sign-in form, so a link can never skip what that form asks."""
    if not user.is_active or user.is_staff or user.is_superuser or user.has_usable_password():
        return False
    if Authenticator.objects.filter(user=user).exists():
        return False
    if ProgrammeRole.objects.filter(user=user).exists() or user.panels.exists():
        return False
    return not Enrolment.objects.filter(Q(person__user=user) | Q(sponsor__user=user)).exists()


def _continue_url(application: Application) -> str:
    """A fresh single-use link for the applicant; any earlier unused link stops working."""
    person = application.person
    assert person is not None
    now = timezone.now()
    ContinueLink.objects.filter(application=application, expires_at__gt=now).update(expires_at=now)
    secret, token_digest = new_secret(32)
    ContinueLink.objects.create(
        application=application,
        email=person.email.lower(),
        token_digest=token_digest,
        expires_at=now + dt.timedelta(hours=CONTINUE_HOURS),
    )
    return site_url(reverse("recruitment:continue", args=[secret]))


class LinkRefused(Exception):
    """Why a continue link signs no one in: "invalid", "used", "expired", "changed" or
    "account" (the account must sign in through the sign-in form)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def find_continue_link(token: str) -> ContinueLink | None:
    return (
        ContinueLink.objects.select_related("application__round__cohort", "application__person")
        .filter(token_digest=digest(token))
        .first()
    )


def continue_link_problem(link: ContinueLink) -> str | None:
    """The reason this link may not sign anyone in now, or None when it may."""
    if link.used_at is not None:
        return "used"
    if timezone.now() >= link.expires_at:
        return "expired"
    person = link.application.person
    user = person.user if person is not None else None
    if (
        person is None
        or user is None
        or person.email.lower() != link.email
        or user.email.lower() != link.email
    ):
        return "changed"
    if not may_sign_in_by_link(user):
        return "account"
    return None


def use_continue_link(token: str) -> tuple[User, Application]:
    """Spend a link: the account it signs in and the application it leads to.

    The row is locked, so two presses of one link sign in once; raises LinkRefused.
    """
    with transaction.atomic():
        link = ContinueLink.objects.select_for_update().filter(token_digest=digest(token)).first()
        if link is None:
            raise LinkRefused("invalid")
        problem = continue_link_problem(link)
        if problem is not None:
            raise LinkRefused(problem)
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        application = link.application
        assert application.person is not None and application.person.user is not None
        user = application.person.user
        record_changes(
            user,
            application,
            "recruitment.application.signed_in_by_link",
            {"signed in by link": [None, link.used_at.isoformat()]},
        )
    return user, application


@dataclass(frozen=True)
class Applicant:
    first_name: str
    last_name: str
    email: str
    organisation: Organisation | None
    job_title: str
    band: str


def _person_for(applicant: Applicant) -> tuple[Person, bool]:
    """The applicant's directory entry, made with an account when there is none.

    An account found by its sign-in email brings its own person, whose directory email may
    differ; otherwise the person with that email, given an account if they have none.
    """
    email = applicant.email.strip().lower()
    user = User.objects.filter(email__iexact=email).select_related("person").first()
    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        person = Person.objects.filter(email__iexact=email).select_related("user").first()
    made_account = False
    if person is None:
        person = Person(
            first_name=applicant.first_name,
            last_name=applicant.last_name,
            email=email,
            organisation=applicant.organisation,
            job_title=applicant.job_title,
            band=applicant.band,
        )
        with audited(None, person, "directory.person.created"):
            person.save()
    if person.user is None:
        if user is None:
            user = User.objects.create_user(email, None, name=person.name)
            made_account = True
        person.user = user
        person.save(update_fields=["user"])
    return person, made_account


def _account_for(email: str) -> User | None:
    """The account an email reaches: by its sign-in email or by its person's directory email."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        person = Person.objects.filter(email__iexact=email, user__isnull=False).first()
        user = person.user if person is not None else None
    return user


def start_application(
    application_round: Round,
    applicant: Applicant,
    *,
    by: User | None,
    nominated_by: Person | None = None,
) -> tuple[Application, bool]:
    """A draft application, with an account made from the email when there is none.

    Returns the application and whether a new account was made. Late, ineligible and duplicate
    applications are refused with a message and nothing is written.
    """
    _refuse_unless_open(application_round)
    problem = eligibility_problem(application_round, applicant.organisation, applicant.band)
    if problem:
        raise ValidationError(problem)
    email = applicant.email.strip().lower()
    if Application.objects.filter(round=application_round, person__email__iexact=email).exists():
        raise ValidationError(
            f"{email} has already applied for {application_round.cohort}. Sign in to see that "
            "application; each person may apply once a year."
        )
    with transaction.atomic():
        person, made_account = _person_for(applicant)
        application = Application(
            round=application_round,
            person=person,
            organisation=applicant.organisation,
            job_title=applicant.job_title,
            band=applicant.band,
            nominated_by=nominated_by,
            sponsor_name=nominated_by.name if nominated_by else "",
            sponsor_email=nominated_by.email if nominated_by else "",
        )
        with audited(by, application, "recruitment.application.created"):
            application.save()
    return application, made_account


def send_continue_link(application: Application) -> None:
    """Email the applicant a link that signs them in once to carry on with their application."""
    person = application.person
    assert person is not None
    mail(
        "recruitment-continue",
        [person.email],
        {
            "name": person.first_name,
            "round": application.round,
            "link": _continue_url(application),
            "hours": CONTINUE_HOURS,
            "password_link": site_url(reverse("account_reset_password")),
        },
    )


def check_may_apply(application_round: Round, applicant: Applicant) -> None:
    """Refuse a late or ineligible application with a message; these depend only on the form."""
    _refuse_unless_open(application_round)
    problem = eligibility_problem(application_round, applicant.organisation, applicant.band)
    if problem:
        raise ValidationError(problem)


def request_application(application_round: Round, applicant: Applicant) -> None:
    """The signed-out start: what the form says is checked now, and the rest is done by a
    background task once this request is over, so the answer takes the same time whoever the
    email belongs to and says nothing about it."""
    from ..tasks import start_by_email

    check_may_apply(application_round, applicant)
    organisation_id = applicant.organisation.pk if applicant.organisation else None
    values = dataclasses.asdict(applicant) | {"organisation": organisation_id}
    transaction.on_commit(lambda: start_by_email.enqueue(application_round.pk, values))


def apply_by_email(application_round: Round, applicant: Applicant) -> None:
    """A signed-out visitor starts an application: the answer on screen is the same whoever the
    email belongs to, and the email sent to that address explains what happens next.

    A new address gets an account, a draft and a link to carry on. An address that already
    reaches an account never gets a draft attached by someone signed out: its owner is told to
    sign in and apply, or, for an account made only to apply, gets a fresh link to the draft.
    Late and ineligible applications are refused with a message, as they depend only on what
    the form says.
    """
    check_may_apply(application_round, applicant)
    email = applicant.email.strip().lower()
    with transaction.atomic():
        account = _account_for(email)
        mine = Application.objects.select_related("person").filter(round=application_round)
        application = (
            mine.filter(person__user=account)
            if account
            else mine.filter(person__email__iexact=email)
        ).first()
        if account is None and application is None:
            started, _ = start_application(application_round, applicant, by=None)
            send_continue_link(started)
            return
        if (
            account is not None
            and application is not None
            and application.person is not None
            and application.person.email.lower() == email
            and application.status == Status.DRAFT
            and may_sign_in_by_link(account)
        ):
            send_continue_link(application)
            return
        mail(
            "recruitment-account-exists",
            [email],
            {
                "round": application_round,
                "applied": application is not None,
                "sign_in_link": sign_in_url(),
                "password_link": site_url(reverse("account_reset_password")),
            },
        )


def nominate(
    application_round: Round, nominator: Person, applicant: Applicant, *, by: User | None
) -> Application | None:
    """A senior leader names someone; they are invited to complete the application.

    The nominator sees the same answer whether or not the nominee has already applied; the
    nominee's email says which. Returns the new application, or None when there was one.
    """
    if nominator.band not in SENIOR_BANDS:
        raise ValidationError(
            "Only chief officers and directors may nominate someone. Ask them to apply "
            "themselves instead."
        )
    email = applicant.email.strip().lower()
    if email == nominator.email.lower():
        raise ValidationError("You cannot nominate yourself. Apply instead.")
    _refuse_unless_open(application_round)
    problem = eligibility_problem(application_round, applicant.organisation, applicant.band)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        account = _account_for(email)
        existing = (
            Application.objects.filter(round=application_round, person__user=account).first()
            if account is not None
            else Application.objects.filter(
                round=application_round, person__email__iexact=email
            ).first()
        )
        if existing is not None:
            mail(
                "recruitment-nominated-again",
                [email],
                {"nominator": nominator, "round": application_round, "sign_in_link": sign_in_url()},
            )
            return None
        application, _ = start_application(
            application_round, applicant, by=by, nominated_by=nominator
        )
        person = application.person
        assert person is not None and person.user is not None
        by_link = may_sign_in_by_link(person.user)
        mail(
            "recruitment-nominated",
            [person.email],
            {
                "name": person.first_name,
                "nominator": nominator,
                "round": application_round,
                "link": _continue_url(application) if by_link else sign_in_url(),
                "by_link": by_link,
                "hours": CONTINUE_HOURS,
            },
        )
    return application


def save_draft(application: Application, data: Mapping[str, Any], *, by: User | None) -> None:
    """Keep what the applicant has written so far; they may come back to it until the close."""
    if application.status != Status.DRAFT:
        raise ValidationError("This application has been sent, so it can no longer be changed.")
    _refuse_unless_open(application.round)
    with audited(by, application, "recruitment.application.changed"):
        for name in ("answers", "statements", "challenge_ranking"):
            if name in data:
                setattr(application, name, data[name])
        for name in ("sponsor_name", "sponsor_email"):
            if name in data:
                setattr(application, name, str(data[name]).strip())
        if "consent" in data:
            application.consent = bool(data["consent"])
        application.save()


def missing_parts(application: Application) -> list[str]:
    """What still stops the application being sent, in the words the page uses."""
    application_round = application.round
    missing = []
    for index, question in enumerate(application_round.questions):
        if not str(application.answers.get(str(index), "")).strip():
            missing.append(f"Answer “{question}”")
    for index, criterion in enumerate(application_round.criteria):
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
        sponsor = Person(first_name=first, last_name=last or "-", email=email)
        with audited(None, sponsor, "directory.person.created"):
            sponsor.save()
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
        with audited(by, application, "recruitment.application.submitted"):
            application.status = Status.SUBMITTED
            application.submitted_at = now
            application.save()
        Endorsement.objects.filter(application=application).delete()
        endorsement = Endorsement(
            application=application,
            sponsor=_sponsor_person(application),
            token_digest=token_digest,
            requested_at=now,
            next_reminder_at=now + dt.timedelta(days=application.round.reminder_days),
        )
        with audited(by, endorsement, "recruitment.endorsement.created"):
            endorsement.save()
        ask_sponsor(endorsement, token, reminder=False)
        person = application.person
        assert person is not None
        mail(
            "recruitment-submitted",
            [person.email],
            {"name": person.first_name, "application": application, "sponsor": endorsement.sponsor},
        )
    return endorsement


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
