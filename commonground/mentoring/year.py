"""Mentoring on participants' and alumni's homes (see `programmes.year`): a participant sees their
mentor or is offered one, a mentor sees their mentees, and other alumni are asked to volunteer.

Registered from `MentoringConfig.ready()`; one to three queries whatever the number of matches.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from commonground.programmes.models import Cohort, CohortStatus, EnrolmentStatus, Programme
from commonground.programmes.year import Task

from .models import Match, MatchStatus, Mentor, MentoringRequest


def _where(person_organisation: object) -> str:
    return f", {person_organisation}" if person_organisation else ""


def participant_tasks(person_id: int, cohort_ids: set[int], now: dt.datetime) -> list[Task]:
    """One query when the participant has not asked (an offer to ask, if there are mentors);
    three when they have (their request and its introduced match)."""
    if not cohort_ids:
        return []
    cohorts = list(
        Cohort.objects.filter(pk__in=cohort_ids, status=CohortStatus.RUNNING)
        .annotate(
            has_mentors=Exists(
                Mentor.objects.filter(programme_id=OuterRef("programme_id"), available=True)
            ),
            asked=Exists(
                MentoringRequest.objects.filter(
                    enrolment__cohort_id=OuterRef("pk"), enrolment__person_id=person_id
                )
            ),
        )
        .filter(Q(has_mentors=True) | Q(asked=True))
        .order_by("starts_on", "pk")
    )
    by_cohort: dict[int, MentoringRequest] = {}
    live: dict[int, Match] = {}
    if any(cohort.asked for cohort in cohorts):
        by_cohort = {
            request.enrolment.cohort_id: request
            for request in MentoringRequest.objects.filter(
                enrolment__person_id=person_id,
                enrolment__cohort_id__in=cohort_ids,
                enrolment__status=EnrolmentStatus.ACTIVE,
            ).select_related("enrolment")
        }
        live = {
            match.request_id: match
            for match in Match.objects.filter(
                request__in=list(by_cohort.values()), status=MatchStatus.PUBLISHED
            ).select_related("mentor__person__organisation")
        }
    return [_task(cohort.pk, by_cohort.get(cohort.pk), live) for cohort in cohorts]


def _task(cohort_id: int, request: MentoringRequest | None, live: dict[int, Match]) -> Task:
    mine = reverse("mentoring:mine")
    if request is None:
        return Task(
            "Ask for a mentor",
            "An alumnus of the programme from another organisation could mentor you this year.",
            reverse("mentoring:ask", args=[cohort_id]),
        )
    match = live.get(request.pk)
    if match is None:
        return Task(
            "You asked for a mentor",
            "The programme team will introduce you to your mentor by email.",
            mine,
        )
    mentor = match.mentor.person
    return Task(
        f"Your mentor: {mentor.name}",
        f"{mentor.job_title}{_where(mentor.organisation)}. Why you were matched: "
        f"{match.explanation}.",
        mine,
    )


def alumni_news(person_id: int, programme_ids: set[int], now: dt.datetime) -> list[Task]:
    if not programme_ids:
        return []
    mine = reverse("mentoring:mine")
    news = [
        Task(
            f"Your mentee: {match.request.enrolment.person.name}",
            f"{match.request.enrolment.person.job_title}"
            f"{_where(match.request.enrolment.person.organisation)}, "
            f"{match.request.enrolment.cohort.name} cohort.",
            mine,
        )
        for match in Match.objects.filter(
            mentor__person_id=person_id, status=MatchStatus.PUBLISHED
        ).select_related("request__enrolment__person__organisation", "request__enrolment__cohort")
    ]
    for programme in (
        Programme.objects.filter(pk__in=programme_ids, cohorts__status=CohortStatus.RUNNING)
        .exclude(mentors__person_id=person_id)
        .distinct()
    ):
        news.append(
            Task(
                f"Mentor someone on {programme.name}",
                "Offer an hour a month to a participant of this year's cohort from another "
                "organisation.",
                reverse("mentoring:volunteer", args=[programme.slug]),
            )
        )
    return news
