"""What recruitment holds about a person, for the subject access export: panel marks about them
come as scores without who gave them, and private links never appear."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from commonground.directory.models import Person
from commonground.lib import retention
from commonground.lib.personal_data import Holding, Row, register

from .models import (
    Application,
    ContinueLink,
    Endorsement,
    EqualityResponse,
    PanelMember,
    Review,
    Status,
)
from .services import anonymise

PURPOSE = "To select participants fairly and answer questions about a selection afterwards."


def _applications(person: Person) -> list[Row]:
    applications = Application.objects.filter(person=person).select_related(
        "round__cohort", "organisation", "nominated_by"
    )
    return [
        {
            "Cohort applied for": application.round.cohort.name,
            "Status": application.get_status_display(),
            "Organisation": application.organisation.name if application.organisation else "",
            "Job title": application.job_title,
            "Answers": application.answers,
            "Statements": application.statements,
            "Challenges ranked": application.challenge_ranking,
            "Agreed to the privacy notice": application.consent,
            "Sponsor named": application.sponsor_name,
            "Sponsor's email": application.sponsor_email,
            "Nominated by": application.nominated_by.name if application.nominated_by else "",
            "Submitted": application.submitted_at,
            "Decided": application.decided_at,
            "Moderated score": application.moderated_score,
            "Moderation note": application.moderation_note,
            "Place on the waiting list": application.waiting_rank,
            "Anonymised": application.anonymised_at,
        }
        for application in applications.order_by("created_at")
    ]


def _marks(person: Person) -> list[Row]:
    reviews = Review.objects.filter(application__person=person, submitted_at__isnull=False)
    return [
        {
            "Cohort applied for": review.application.round.cohort.name,
            "Panel member": f"Panel member {number}",
            "Marks by criterion": review.scores,
            "Comment": review.comment,
        }
        for number, review in enumerate(
            reviews.select_related("application__round__cohort").order_by("application", "pk"),
            start=1,
        )
    ]


def _endorsements(person: Person) -> list[Row]:
    endorsements = (
        Endorsement.objects.filter(application__person=person)
        | Endorsement.objects.filter(sponsor=person)
    ).select_related("application__person", "sponsor")
    return [
        {
            "Applicant": endorsement.application.person.name
            if endorsement.application.person
            else "",
            "Sponsor": endorsement.sponsor.name,
            "Status": endorsement.get_status_display(),
            "Statement": endorsement.statement,
            "Asked": endorsement.requested_at,
            "Answered": endorsement.responded_at,
        }
        for endorsement in endorsements.order_by("requested_at", "pk")
    ]


def _continue_links(person: Person) -> list[Row]:
    links = ContinueLink.objects.filter(email__iexact=person.email)
    return [
        {"Sent to": link.email, "Sent": link.created_at, "Used": link.used_at}
        for link in links.order_by("created_at")
    ]


def _equality(person: Person) -> list[Row]:
    """Equality monitoring answers, kept apart from the application and reported only as
    totals; the person sees their own."""
    answers = EqualityResponse.objects.filter(application__person=person).select_related(
        "round__cohort"
    )
    return [
        {
            "Cohort applied for": answer.round.cohort.name,
            "Age": answer.get_age_band_display(),
            "Sex": answer.get_sex_display(),
            "Ethnicity": answer.get_ethnicity_display(),
            "Disability": answer.get_disability_display(),
            "Caring responsibilities": answer.get_caring_display(),
        }
        for answer in answers
    ]


def _panels(person: Person) -> list[Row]:
    if person.user_id is None:
        return []
    panels = PanelMember.objects.filter(user_id=person.user_id).select_related("round__cohort")
    return [{"Selection panel for": panel.round.cohort.name} for panel in panels]


def _expired_applications(cutoff: dt.datetime) -> QuerySet[Application]:
    """Ended applications decided before the cutoff; someone who asked to be considered next
    year is kept a year longer, as the round's own housekeeping does."""
    return Application.objects.filter(
        Q(consider_next_year=False, decided_at__lte=cutoff)
        | Q(consider_next_year=True, decided_at__lte=cutoff - dt.timedelta(days=365)),
        status__in=Status.ENDED,
        anonymised_at__isnull=True,
    )


def _anonymise_applications(applications: QuerySet[Application]) -> int:
    done = 0
    for pk in list(applications.values_list("pk", flat=True)):
        with transaction.atomic():
            # Claimed first, so a round's hourly housekeeping running at once does it only once.
            claimed = Application.objects.filter(pk=pk, anonymised_at__isnull=True).update(
                anonymised_at=timezone.now()
            )
            if claimed:
                anonymise(Application(pk=pk))
                done += 1
    return done


def _expired_links(cutoff: dt.datetime) -> QuerySet[ContinueLink]:
    return ContinueLink.objects.filter(expires_at__lte=cutoff)


def _delete_links(links: QuerySet[ContinueLink]) -> int:
    # Nothing is counted from a link once it has expired, so it goes entirely.
    deleted, _ = links.delete()
    return deleted


def _erase_applications(person: Person) -> int:
    pending = Application.objects.filter(person=person, anonymised_at__isnull=True)
    return _anonymise_applications(pending)


ON_ERASURE: dict[str, dict[str, Any]] = {
    "recruitment.applications": {"erase": _erase_applications},
}


def register_holdings() -> None:
    retention.register(
        retention.RetentionKind(
            "unsuccessful_applications",
            "Unsuccessful applications",
            "the decision",
            "The applicant's name, answers, sponsor and the panel's comments are removed; the "
            "application's status and marks stay in the round's figures.",
            _expired_applications,
            "decided_at",
            _anonymise_applications,
        )
    )
    retention.register(
        retention.RetentionKind(
            "application_links",
            "Links to carry on an application",
            "the link expired",
            "The link, and the email address it was sent to, are deleted.",
            _expired_links,
            "expires_at",
            _delete_links,
        )
    )

    for key, title, models, rows in (
        ("recruitment.applications", "Applications", (Application,), _applications),
        ("recruitment.panel_marks", "Selection panel's marks about the person", (Review,), _marks),
        ("recruitment.endorsements", "Sponsors' endorsements", (Endorsement,), _endorsements),
        (
            "recruitment.continue_links",
            "Links sent to carry on an application",
            (ContinueLink,),
            _continue_links,
        ),
        ("recruitment.equality", "Equality monitoring answers", (EqualityResponse,), _equality),
        ("recruitment.panels", "Selection panels the person sat on", (PanelMember,), _panels),
    ):
        register(
            Holding(key, "Recruitment", title, PURPOSE, models, rows, **ON_ERASURE.get(key, {}))
        )
