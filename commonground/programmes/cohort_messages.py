"""Messages from staff to a whole cohort or some of its participants, sent in the background."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from commonground.accounts.models import User
from commonground.audit.log import record

from .models import Cohort, CohortMessage, Enrolment, EnrolmentStatus

WHOLE_COHORT = "Whole cohort"


def create_message(
    cohort: Cohort,
    *,
    subject: str,
    body: str,
    enrolment_ids: Iterable[int] | None,
    audience: str = WHOLE_COHORT,
    by: User | None,
) -> CohortMessage:
    """Record the message and send it in the background: None means every active participant."""
    active = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
    if enrolment_ids is not None:
        wanted = set(enrolment_ids)
        active = active.filter(pk__in=wanted)
    person_ids = list(active.values_list("person_id", flat=True))
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
