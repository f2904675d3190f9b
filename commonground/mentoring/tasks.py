"""Background work of the mentoring app: the introduction emails of newly introduced pairs."""

from __future__ import annotations

from django_tasks import task

from commonground.lib import emails

from . import introductions
from .models import Match, MatchStatus


@task()
def send_introductions(match_ids: list[int]) -> int:
    """Email the mentor and the mentee of each pair; returns how many emails went."""
    matches = Match.objects.filter(pk__in=match_ids, status=MatchStatus.PUBLISHED).select_related(
        "mentor__person__organisation",
        "request__enrolment__person__organisation",
        "request__enrolment__cohort",
    )
    sent = 0
    for match in matches:
        for for_mentor in (True, False):
            person = match.mentor.person if for_mentor else match.request.enrolment.person
            if not person.email:
                continue
            emails.send(
                introductions.EMAIL, [person.email], introductions.context(match, for_mentor)
            )
            sent += 1
    return sent
