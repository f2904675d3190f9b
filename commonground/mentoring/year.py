"""Mentoring on participants' and alumni's homes (see `programmes.year`): a participant sees their
mentor or is offered one, a mentor sees their mentees, and other alumni are asked to volunteer.

Registered from `MentoringConfig.ready()`; at most three queries whatever the number of matches.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from commonground.programmes.models import Cohort, CohortStatus, EnrolmentStatus, Programme
from commonground.programmes.year import Task

from .models import Match, MatchStatus, Mentor, MentoringRequest


def _where(person_organisation: object) -> str:
    return f", {person_organisation}" if person_organisation else ""


def participant_tasks(person_id: int, cohort_ids: set[int], now: dt.datetime) -> list[Task]:
    if not cohort_ids:
        return []
    mine = reverse("mentoring:mine")
    requests = {
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
            request__in=list(requests.values()), status=MatchStatus.PUBLISHED
        ).select_related("mentor__person__organisation")
    }
    tasks = []
    for cohort in Cohort.objects.filter(
        pk__in=cohort_ids, status=CohortStatus.RUNNING, programme__mentors__available=True
    ).distinct():
        request = requests.get(cohort.pk)
        if request is None:
            tasks.append(
                Task(
                    "Ask for a mentor",
                    "An alumnus of the programme from another organisation could mentor you "
                    "this year.",
                    reverse("mentoring:ask", args=[cohort.pk]),
                )
            )
        elif (match := live.get(request.pk)) is not None:
            mentor = match.mentor.person
            tasks.append(
                Task(
                    f"Your mentor: {mentor.name}",
                    f"{mentor.job_title}{_where(mentor.organisation)}. Why you were matched: "
                    f"{match.explanation}.",
                    mine,
                )
            )
        else:
            tasks.append(
                Task(
                    "You asked for a mentor",
                    "The programme team will introduce you to your mentor by email.",
                    mine,
                )
            )
    return tasks


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
    volunteered = set(
        Mentor.objects.filter(person_id=person_id).values_list("programme_id", flat=True)
    )
    for programme in Programme.objects.filter(
        pk__in=programme_ids - volunteered, cohorts__status=CohortStatus.RUNNING
    ).distinct():
        news.append(
            Task(
                f"Mentor someone on {programme.name}",
                "Offer an hour a month to a participant of this year's cohort from another "
                "organisation.",
                reverse("mentoring:volunteer", args=[programme.slug]),
            )
        )
    return news
