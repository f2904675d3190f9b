"""Messages from staff to a whole cohort, a challenge team, a learning set or chosen people."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from commonground.accounts.models import User
from commonground.audit.log import record
from commonground.challenges.models import ChallengeTeam
from commonground.grouping.models import Group

from .audiences import group_label
from .models import Cohort, CohortMessage, Enrolment, EnrolmentStatus

WHOLE_COHORT = "Whole cohort"


def create_message(
    cohort: Cohort,
    *,
    subject: str,
    body: str,
    enrolment_ids: Iterable[int] | None = None,
    audience: str = WHOLE_COHORT,
    team: ChallengeTeam | None = None,
    group: Group | None = None,
    by: User | None,
) -> CohortMessage:
    """Record the message and send it in the background to the active participants chosen.

    Everyone by default; `enrolment_ids` for hand-picked people; `team` for a challenge team's
    members, `group` for a learning set's (the audience is then named after it).
    """
    active = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
    if team is not None:
        if team.cohort_id != cohort.pk:
            raise ValidationError("Choose a challenge team of this cohort.")
        active = active.filter(team_memberships__team=team)
        audience = f"Challenge team: {team.name}"
    elif group is not None:
        if group.grouping.cohort_id != cohort.pk:
            raise ValidationError("Choose a learning set of this cohort.")
        active = active.filter(grouping_placements__group=group)
        audience = f"Learning set: {group_label(group)}"
    elif enrolment_ids is not None:
        wanted = set(enrolment_ids)
        active = active.filter(pk__in=wanted)
    person_ids = list(active.values_list("person_id", flat=True).distinct())
    if not person_ids:
        raise ValidationError("Choose at least one active participant to send the message to.")
    from .tasks import send_cohort_message

    with transaction.atomic():
        message = CohortMessage.objects.create(
            cohort=cohort, subject=subject, body=body, audience=audience, sender=by
        )
        message.recipients.set(person_ids)
        record(by, message, "programmes.cohortmessage.created")
        transaction.on_commit(lambda: send_cohort_message.enqueue(message.pk))
    return message
