"""Background work of the challenges app: emails to people who join a challenge team."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from commonground.lib import emails

from .models import ChallengeTeam


@task()
def send_team_formed(team_id: int, enrolment_ids: list[int]) -> int:
    """Email each new member their team mates and the challenge owner; returns how many went."""
    team = (
        ChallengeTeam.objects.select_related("challenge__owner__organisation", "cohort")
        .filter(pk=team_id)
        .first()
    )
    if team is None:
        return 0
    memberships = list(
        team.memberships.select_related("enrolment__person__organisation").order_by(
            "enrolment__person__last_name", "enrolment__person__first_name"
        )
    )
    sent = 0
    for membership in memberships:
        if membership.enrolment_id not in enrolment_ids:
            continue
        person = membership.enrolment.person
        if not person.email:
            continue
        mates = [m for m in memberships if m.pk != membership.pk]
        emails.send(
            "challenge-team-formed",
            [person.email],
            {
                "person": person,
                "team": team,
                "challenge": team.challenge,
                "owner": team.challenge.owner,
                "mates": mates,
                "role": membership.get_role_display(),
                "team_path": reverse("challenges:team", args=[team.pk]),
            },
        )
        sent += 1
    return sent
