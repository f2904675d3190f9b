"""The learning sets of a cohort's published groupings, for `programmes.shared_groups`."""

from __future__ import annotations

from collections.abc import Iterator

from commonground.programmes.models import Cohort

from .models import Kind, Placement, Status


def learning_set_members(cohort: Cohort) -> Iterator[tuple[str, int]]:
    placements = Placement.objects.filter(
        group__grouping__cohort=cohort,
        group__grouping__kind=Kind.LEARNING_SETS,
        group__grouping__status=Status.PUBLISHED,
    ).values_list("group_id", "enrolment__person_id")
    for group_id, person_id in placements:
        yield str(group_id), person_id
