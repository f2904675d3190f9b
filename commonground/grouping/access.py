"""Who may see and change groupings: the cohort's programme staff change them, facilitators
look; participants see only their own published groups (on "My groups"); everyone else gets 404.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from commonground.lib.access import Level, require_programme_team
from commonground.programmes.models import Cohort

from .models import Grouping, PairRule, Placement


def _check(request: HttpRequest, programme_id: int, write: bool) -> None:
    require_programme_team(request, programme_id, Level.WRITE if write else Level.READ)


def staff_cohort(request: HttpRequest, pk: int, *, write: bool = False) -> Cohort:
    cohort = Cohort.objects.select_related("programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404("Not found")
    _check(request, cohort.programme_id, write)
    return cohort


def get_grouping(request: HttpRequest, pk: int, *, write: bool = False) -> Grouping:
    grouping = (
        Grouping.objects.select_related("cohort__programme", "created_by").filter(pk=pk).first()
    )
    if grouping is None:
        raise Http404("Not found")
    _check(request, grouping.cohort.programme_id, write)
    grouping.recover_if_stopped()
    return grouping


def get_placement(request: HttpRequest, pk: int, *, write: bool = False) -> Placement:
    placement = (
        Placement.objects.select_related(
            "group__grouping__cohort__programme", "enrolment__person__organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if placement is None:
        raise Http404("Not found")
    _check(request, placement.group.grouping.cohort.programme_id, write)
    return placement


def get_pair(request: HttpRequest, pk: int, *, write: bool = False) -> PairRule:
    pair = PairRule.objects.select_related("grouping__cohort__programme").filter(pk=pk).first()
    if pair is None:
        raise Http404("Not found")
    _check(request, pair.grouping.cohort.programme_id, write)
    return pair
