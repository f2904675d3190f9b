"""What mentoring holds about a person, for the subject access export."""

from __future__ import annotations

from typing import Any

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import Match, Mentor, MentoringRequest

PURPOSE = "To pair participants with alumni mentors and follow how the pairs go."


def _offers(person: Person) -> list[Row]:
    offers = Mentor.objects.filter(person=person).select_related("programme")
    return [
        {
            "Programme": offer.programme.name,
            "People at a time": offer.capacity,
            "Expertise": offer.expertise,
            "Would rather mentor people from": offer.prefers_sectors,
            "Notes": offer.notes,
            "Available": offer.available,
            "Offered": offer.created_at,
        }
        for offer in offers
    ]


def _requests(person: Person) -> list[Row]:
    requests = MentoringRequest.objects.filter(enrolment__person=person).select_related(
        "enrolment__cohort"
    )
    return [
        {
            "Cohort": request.enrolment.cohort.name,
            "Needs": request.needs,
            "Help wanted with": request.help_with,
            "Why no mentor was found": request.unmatched_reason,
            "Asked": request.created_at,
        }
        for request in requests
    ]


def _matches(person: Person) -> list[Row]:
    matches = (
        Match.objects.filter(request__enrolment__person=person)
        | Match.objects.filter(mentor__person=person)
    ).select_related("request__enrolment__person", "mentor__person")
    return [
        {
            "Mentor": match.mentor.person.name,
            "Mentee": match.request.enrolment.person.name,
            "Status": match.get_status_display(),
            "Why they were paired": match.explanation,
            "Published": match.published_at,
            "Ended": match.ended_at,
            "Why it ended": match.ended_reason,
        }
        for match in matches.order_by("created_at", "pk")
    ]


def _withdraw_offers(person: Person) -> int:
    return Mentor.objects.filter(person=person).update(
        available=False, expertise="", notes="", prefers_sectors=[]
    )


ON_ERASURE: dict[str, dict[str, Any]] = {"mentoring.offers": {"erase": _withdraw_offers}}


def register_holdings() -> None:
    for key, title, models, rows in (
        ("mentoring.offers", "Offers to mentor", (Mentor,), _offers),
        ("mentoring.requests", "Requests for a mentor", (MentoringRequest,), _requests),
        ("mentoring.matches", "Mentoring pairs", (Match,), _matches),
    ):
        register(Holding(key, "Mentoring", title, PURPOSE, models, rows, **ON_ERASURE.get(key, {})))
