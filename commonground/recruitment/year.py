"""Recruitment's part of a cohort's year on the staff home (see `programmes.year`): the round
opening and closing, selection and offers, and the endorsements still waiting.

Registered from `RecruitmentConfig.ready()`; two queries whatever the number of cohorts.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Person
from commonground.lib.days import long_date
from commonground.lib.words import count_of
from commonground.programmes.models import Cohort, CohortStatus
from commonground.programmes.year import (
    OFFERS,
    ROUND_CLOSES,
    ROUND_OPENS,
    SELECTION,
    Attention,
    Cohorts,
    Findings,
    Status,
    Step,
    Task,
)

from .models import SENIOR_BANDS, Application, Endorsement, EndorsementStatus, Round
from .models import Status as ApplicationStatus

DECIDED = (
    ApplicationStatus.OFFERED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.EXPIRED,
    ApplicationStatus.WAITING,
    ApplicationStatus.UNSUCCESSFUL,
)


def _day(when: dt.datetime) -> str:
    return long_date(timezone.localtime(when).date())


def part(cohorts: Cohorts, now: dt.datetime) -> Findings:
    rounds = {r.cohort_id: r for r in Round.objects.filter(cohort__in=cohorts)}
    counts: dict[int, dict[str, int]] = {}
    for round_id, status, number in (
        Application.objects.filter(round__cohort__in=cohorts)
        .values_list("round_id", "status")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        counts.setdefault(round_id, {})[status] = number
    found = Findings()
    for cohort in cohorts:
        application_round = rounds.get(cohort.pk)
        if application_round is None:
            if cohort.status in (CohortStatus.PLANNING, CohortStatus.RECRUITING):
                found.steps.append(
                    Step(
                        cohort.pk,
                        ROUND_OPENS,
                        "Application round",
                        Status.ATTENTION
                        if cohort.status == CohortStatus.RECRUITING
                        else Status.NOT_YET,
                        "No application round is set up.",
                        reverse("recruitment:round_new", args=[cohort.pk]),
                        "Set up the application round",
                    )
                )
            continue
        found.steps.extend(
            _steps(cohort, application_round, counts.get(application_round.pk, {}), now)
        )
    return found  # what needs attention is `attention`'s, below


def attention(cohorts: Cohorts, now: dt.datetime) -> list[Attention]:
    """The endorsements waiting in each cohort's round: only the waiting applications are read
    (by the round and status index), not every application of every round."""
    rounds = {r.cohort_id: r for r in Round.objects.filter(cohort__in=cohorts)}
    waiting = dict(
        Application.objects.filter(round__cohort__in=cohorts, status=ApplicationStatus.SUBMITTED)
        .values_list("round_id")
        .annotate(number=Count("pk"))
        .values_list("round_id", "number")
        .order_by()
    )
    return [
        Attention(
            cohort.pk,
            waiting.get(application_round.pk, 0),
            "endorsement waiting for a sponsor",
            "endorsements waiting for a sponsor",
            reverse("recruitment:manage", args=[application_round.pk]),
        )
        for cohort in cohorts
        if (application_round := rounds.get(cohort.pk)) is not None
        and waiting.get(application_round.pk)  # none waiting: no link to build
    ]


def _steps(
    cohort: Cohort, application_round: Round, counts: dict[str, int], now: dt.datetime
) -> list[Step]:
    manage = reverse("recruitment:manage", args=[application_round.pk])
    applications = reverse("recruitment:applications", args=[application_round.pk])
    opened = now >= application_round.opens_at
    closed = now >= application_round.closes_at
    complete = counts.get(ApplicationStatus.ENDORSED, 0)
    waiting = counts.get(ApplicationStatus.SUBMITTED, 0)
    decided = sum(counts.get(status, 0) for status in DECIDED)
    offered = counts.get(ApplicationStatus.OFFERED, 0)
    accepted = counts.get(ApplicationStatus.ACCEPTED, 0)
    steps = [
        Step(
            cohort.pk,
            ROUND_OPENS,
            "Applications open",
            Status.DONE if opened else Status.NOT_YET,
            f"{'Opened' if opened else 'Opens'} on {_day(application_round.opens_at)}.",
            "" if opened else reverse("recruitment:round_edit", args=[application_round.pk]),
            "Check the round before it opens",
        )
    ]
    if closed:
        steps.append(
            Step(
                cohort.pk,
                ROUND_CLOSES,
                "Applications close",
                Status.DONE,
                f"Closed on {_day(application_round.closes_at)} with "
                f"{count_of(complete + decided, 'complete application')}.",
            )
        )
    else:
        steps.append(
            Step(
                cohort.pk,
                ROUND_CLOSES,
                "Applications close",
                Status.IN_PROGRESS if opened else Status.NOT_YET,
                f"Closes on {_day(application_round.closes_at)}. "
                f"{count_of(complete, 'complete application')} so far; "
                f"{waiting} waiting for their sponsor.",
                manage if opened else "",
                "See the applications",
            )
        )
    if decided and not closed:
        selection = Step(
            cohort.pk,
            SELECTION,
            "Selection",
            Status.IN_PROGRESS,
            f"{count_of(decided, 'applicant')} decided while the round is still open; "
            f"it closes on {_day(application_round.closes_at)}.",
            applications,
            "See the applications",
        )
    elif decided:
        selection = Step(
            cohort.pk,
            SELECTION,
            "Selection",
            Status.DONE,
            f"{count_of(decided, 'applicant')} decided.",
        )
    elif closed:
        selection = Step(
            cohort.pk,
            SELECTION,
            "Selection",
            Status.IN_PROGRESS,
            f"{count_of(complete, 'complete application')} to choose from.",
            applications,
            "Choose the cohort",
        )
    else:
        selection = Step(
            cohort.pk,
            SELECTION,
            "Selection",
            Status.NOT_YET,
            f"After the round closes on {_day(application_round.closes_at)}.",
        )
    steps.append(selection)
    if offered:
        offers = Step(
            cohort.pk,
            OFFERS,
            "Offers",
            Status.IN_PROGRESS,
            f"{count_of(offered, 'offer')} waiting for a reply; {accepted} accepted.",
            applications,
            "See the offers",
        )
    elif accepted:
        offers = Step(cohort.pk, OFFERS, "Offers", Status.DONE, f"{accepted} accepted.")
    else:
        offers = Step(cohort.pk, OFFERS, "Offers", Status.NOT_YET, "After selection.")
    steps.append(offers)
    return steps


def _applicant(endorsement: Endorsement) -> str:
    person = endorsement.application.person
    return person.name if person is not None else "an application"


def sponsor_tasks(person_id: int, now: dt.datetime) -> list[Task]:
    """Applications waiting for this person's endorsement; the link to each is in their email."""
    waiting = list(
        Endorsement.objects.filter(
            sponsor_id=person_id,
            status=EndorsementStatus.PENDING,
            application__status=ApplicationStatus.SUBMITTED,
        )
        .select_related("application__person", "application__round__cohort__programme")
        .order_by("requested_at", "pk")
    )
    return [
        Task(
            f"Endorse {_applicant(endorsement)}",
            f"Their application to {endorsement.application.round.cohort}, sent to you on "
            f"{_day(endorsement.requested_at)}. Use the link in the email we sent you.",
            "",
            timezone.localtime(endorsement.application.round.closes_at).date(),
        )
        for endorsement in waiting
    ]


def alumni_news(person_id: int, programme_ids: set[int], now: dt.datetime) -> list[Task]:
    """Open application rounds of the programmes alumni completed, and for chief officers and
    directors among them, the page to nominate someone."""
    rounds = list(
        Round.objects.filter(
            cohort__programme_id__in=programme_ids, opens_at__lte=now, closes_at__gt=now
        )
        .select_related("cohort__programme")
        .order_by("closes_at", "pk")
    )
    if not rounds:
        return []
    nominates = Person.objects.filter(pk=person_id, band__in=SENIOR_BANDS).exists()
    news = []
    for application_round in rounds:
        closes = timezone.localtime(application_round.closes_at).date()
        news.append(
            Task(
                f"Applications for {application_round.cohort} are open",
                f"Until {_day(application_round.closes_at)}. Tell colleagues who could apply.",
                reverse("recruitment:round", args=[application_round.pk]),
                closes,
            )
        )
        if nominates:
            news.append(
                Task(
                    f"Nominate someone for {application_round.cohort}",
                    "As a chief officer or director, you may nominate someone and sponsor them.",
                    reverse("recruitment:nominate", args=[application_round.pk]),
                    closes,
                )
            )
    return news
