"""My groups: a participant's published learning sets, challenge team and mixing groups."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from commonground.lib.access import load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import EnrolmentStatus

from ..models import Group, Placement, Status


@login_required
def my_groups(request: AuthenticatedRequest) -> HttpResponse:
    """Three queries whatever the number of groups: the viewer's, their groups, the members."""
    viewer = load_viewer(request)
    members = (
        Placement.objects.filter(enrolment__status__in=EnrolmentStatus.TAKING_A_PLACE)
        .select_related("enrolment__person__organisation")
        .order_by("enrolment__person__last_name", "enrolment__person__first_name", "pk")
    )
    groups = (
        list(
            Group.objects.filter(
                grouping__status=Status.PUBLISHED,
                placements__enrolment__person_id=viewer.person_id,
                # Someone who withdrew or deferred has left their groups with the cohort.
                placements__enrolment__status__in=EnrolmentStatus.TAKING_A_PLACE,
            )
            .select_related("grouping__cohort__programme")
            .prefetch_related(Prefetch("placements", members))
            .order_by("-grouping__cohort__starts_on", "-grouping__published_at", "round", "number")
        )
        if viewer.person_id is not None
        else []
    )
    return render(request, "grouping/mine.html", {"groups": groups, "person_id": viewer.person_id})
