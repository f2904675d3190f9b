"""The introduction email a new pair receives, one for each of them, as sent and as previewed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import Match

EMAIL = "mentoring-introduction"


def context(match: Match, for_mentor: bool) -> dict[str, Any]:
    mentor = match.mentor.person
    mentee = match.request.enrolment.person
    return {
        "person": mentor if for_mentor else mentee,
        "other": mentee if for_mentor else mentor,
        "for_mentor": for_mentor,
        "help_with": match.request.help_with,
        "explanation": match.explanation,
        "cohort": match.request.enrolment.cohort,
        "mentoring_path": reverse("mentoring:mine"),
    }
