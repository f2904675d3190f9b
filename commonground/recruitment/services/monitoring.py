"""Equality monitoring in aggregate: counts per answer, never who gave them."""

from __future__ import annotations

from collections import Counter

from django.db import models

from ..models import EQUALITY_FIELDS, EqualityResponse, Round

Section = tuple[str, list[tuple[str, int]]]


def equality_counts(application_round: Round) -> tuple[list[Section], int]:
    """For each monitoring question, how many gave each answer or none; and how many responded.

    Every count is exact: whoever shows them hides the small ones.
    """
    responses = list(
        EqualityResponse.objects.filter(round=application_round).values(*EQUALITY_FIELDS)
    )
    sections = []
    for name in EQUALITY_FIELDS:
        field = EqualityResponse._meta.get_field(name)
        assert isinstance(field, models.Field)
        counts = Counter(row[name] or "" for row in responses)
        rows = [(str(label), counts.get(value, 0)) for value, label in field.choices or []]
        # So that each question's rows add up to the responses, a total shown beside them.
        rows.append(("Not answered", counts.get("", 0)))
        sections.append((str(field.verbose_name).capitalize(), rows))
    return sections, len(responses)
