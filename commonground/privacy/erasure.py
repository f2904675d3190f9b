"""Erasure on request: each kind of record is erased, kept without the person's name, or kept
for a stated legal duty; the request keeps the record of which, and the person can no longer
sign in.

What each kind does is registered with its holding (`lib/personal_data.py`). Every app's eraser
is given the person as they were before the erasure began, so one that finds records by the
person's address still finds them after the directory has anonymised the person.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, holdings

from .models import ErasureRequest

ANONYMISED = (
    "Kept without the person's name: the programme's figures count these records, and the "
    "person's own record is anonymised."
)


@dataclass(frozen=True)
class Step:
    """What an erasure does to one kind of record."""

    holding: Holding
    count: int

    @property
    def erased(self) -> bool:
        return self.holding.erase is not None

    @property
    def outcome(self) -> str:
        if self.holding.erase is not None:
            return "Erased"
        return f"Kept: {self.holding.kept_because}" if self.holding.kept_because else ANONYMISED


def plan(person: Person) -> list[Step]:
    """Every kind that holds something about the person, with what erasing will do to it."""
    steps = [Step(holding, len(holding.rows(person))) for holding in holdings()]
    return [step for step in steps if step.count]


def erase(request: ErasureRequest, actor: User) -> ErasureRequest:
    """Carry out the request once: erase what may be erased, anonymise the person, and record
    per kind what was erased and what was kept and why."""
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.erased_at is not None:
            return locked
        person = Person.objects.get(pk=locked.person_id)
        outcome = []
        for step in plan(person):
            erased = step.holding.erase(copy(person)) if step.holding.erase is not None else 0
            outcome.append(
                {
                    "kind": step.holding.title,
                    "records": step.count,
                    "erased": erased,
                    "outcome": step.outcome,
                }
            )
        with audited(actor, locked, "privacy.erasure.carried_out"):
            locked.erased_at = timezone.now()
            locked.erased_by = actor
            locked.outcome = outcome
            locked.save()
    return locked
