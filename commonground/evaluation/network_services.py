"""Writes of the network survey: a programme's question sets and a participant's answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.programmes.models import Programme

from .models import NetworkAnswer, NetworkQuestionSet, OutsideName, SurveyResponse, TieType

# Hoppe and Reinelt's three ties, from the loosest to the closest.
STANDARD_TIE_TYPES = (
    ("know", "Whom do you know?"),
    ("advice", "Whom have you gone to for advice?"),
    ("worked_with", "With whom have you worked on something in the last six months?"),
)
ALREADY_SENT = "Your network answers have already been sent, so they cannot change."


def create_question_set(
    programme: Programme,
    title: str,
    wordings: Sequence[str],
    by: User | None,
    include_alumni: bool = False,
) -> NetworkQuestionSet:
    """A question set with one tie type per wording, keyed by the wording's first words."""
    if not wordings:
        raise ValidationError("Enter at least one question.")
    question_set = NetworkQuestionSet(
        programme=programme, title=title, include_alumni=include_alumni
    )
    with audited(by, question_set, "evaluation.networkquestionset.created"):
        question_set.save()
        taken: set[str] = set()
        for position, wording in enumerate(wordings):
            key = _key(wording, taken)
            TieType.objects.create(
                question_set=question_set, key=key, wording=wording, position=position
            )
    return question_set


def _key(wording: str, taken: set[str]) -> str:
    base = slugify(" ".join(wording.split()[:4]))[:50] or "tie"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


def standard_question_set(programme: Programme, by: User | None) -> NetworkQuestionSet:
    """The programme's set of the three standard questions, made the first time it is asked."""
    found = programme.network_question_sets.filter(title="Who works with whom").first()
    if found is not None:
        return found
    question_set = NetworkQuestionSet(programme=programme, title="Who works with whom")
    with audited(by, question_set, "evaluation.networkquestionset.created"):
        question_set.save()
        for position, (key, wording) in enumerate(STANDARD_TIE_TYPES):
            TieType.objects.create(
                question_set=question_set, key=key, wording=wording, position=position
            )
    return question_set


@transaction.atomic
def save_network_answers(
    response: SurveyResponse,
    *,
    named: Mapping[int, set[int]],
    outside: Mapping[int, list[str]],
    submit: bool,
    by: User | None,
) -> None:
    """Replace the draft's names (tie type id to person ids) with these; a sent answer is final.

    The history records how many people were named, never whom: who named whom is seen by
    programme staff in the report, not in every record's history.
    """
    locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    if locked.network_submitted_at is not None:
        raise ValidationError(ALREADY_SENT)
    locked.network_answers.all().delete()
    locked.outside_names.all().delete()
    NetworkAnswer.objects.bulk_create(
        NetworkAnswer(response=locked, tie_type_id=tie, person_id=person)
        for tie, people in named.items()
        for person in sorted(people)
        if person != locked.enrolment.person_id
    )
    OutsideName.objects.bulk_create(
        OutsideName(response=locked, tie_type_id=tie, name=name)
        for tie, names in outside.items()
        for name in names
    )
    fields = {"named": [None, sum(len(p) for p in named.values())]}
    if submit:
        locked.network_submitted_at = timezone.now()
        locked.save(update_fields=["network_submitted_at"])
        fields["sent"] = [False, True]
    record_changes(by, locked, "evaluation.networkanswers.saved", fields)
    response.network_submitted_at = locked.network_submitted_at
