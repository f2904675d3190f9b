"""Mentoring on top of the shared `world`: the alumnus mentors the participant, introduced."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from commonground.directory.models import Sector
from commonground.mentoring.models import Match, MatchStatus, Mentor, MentoringRequest
from tests.conftest import World


@dataclass
class Mentoring:
    mentor: Mentor
    request: MentoringRequest
    match: Match


def mentoring(world: World, introduced: bool = True) -> Mentoring:
    """The alumnus (Essex County Council) offers to mentor; the participant (Essex Police) asks
    for help with commissioning; the two are introduced unless `introduced` is False."""
    mentor, _ = Mentor.objects.get_or_create(
        programme=world.programme,
        person=world.alumnus_person,
        defaults={
            "capacity": 2,
            "expertise": "commissioning, partnership boards",
            "prefers_sectors": [Sector.POLICE_AND_JUSTICE],
        },
    )
    request, _ = MentoringRequest.objects.get_or_create(
        enrolment=world.enrolment,
        defaults={"needs": "commissioning", "help_with": "Setting up a joint commissioning board"},
    )
    match = Match.objects.filter(request=request).first() or Match.objects.create(
        request=request,
        mentor=mentor,
        status=MatchStatus.PUBLISHED if introduced else MatchStatus.PROPOSED,
        published_at=timezone.now() if introduced else None,
        score=19,
        explanation="shares expertise in commissioning; different sector",
    )
    return Mentoring(mentor, request, match)
