"""Links into recruitment from other apps' pages, each costing at most one query."""

from __future__ import annotations

from django import template

from commonground.programmes.models import Cohort

from ..access import may_nominate as _may_nominate
from ..models import Application, Round

register = template.Library()


@register.simple_tag
def cohort_round(cohort: Cohort) -> Round | None:
    """The cohort's application round, if it has one: one query."""
    return Round.objects.filter(cohort_id=cohort.pk).only("pk", "cohort_id").first()


@register.simple_tag
def has_applications(person_id: int | None) -> bool:
    """Whether this person has applied (or was nominated) to any round: one query."""
    if person_id is None:
        return False
    return Application.objects.filter(person_id=person_id).exists()


@register.simple_tag
def may_nominate(user_id: int | None) -> bool:
    """Whether the nominate page would let this user in (chief officers and directors)."""
    return _may_nominate(user_id)
