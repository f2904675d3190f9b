"""A grouping's export: one row per person placed, group by group, round by round."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest

from commonground.directory.models import Area
from commonground.exports.registry import Params, Sheet, register

from .access import get_grouping
from .models import Placement

HEADERS = ["Round", "Group", "Participant", "Organisation", "Sector", "Area", "Pinned"]


def groups(request: HttpRequest, params: Params) -> Sheet:
    grouping = get_grouping(request, int(params["grouping"]))
    placements = (
        Placement.objects.filter(group__grouping=grouping)
        .select_related("group", "enrolment__person__organisation")
        .order_by(
            "group__round",
            "group__number",
            "enrolment__person__last_name",
            "enrolment__person__first_name",
            "pk",
        )
    )

    def rows() -> Iterator[list[Any]]:
        for placement in placements.iterator(chunk_size=1000):
            person = placement.enrolment.person
            organisation = person.organisation
            yield [
                placement.group.round,
                placement.group.name,
                person.name,
                organisation.name if organisation else "",
                organisation.sector if organisation else "",
                Area(organisation.area).label if organisation else "",
                "yes" if placement.pinned else "no",
            ]

    return Sheet(grouping.name, f"grouping-{grouping.pk}", HEADERS, rows, placements.count)


def register_exports() -> None:
    register("grouping.groups", groups)
