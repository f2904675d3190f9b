"""The way into evaluation: surveys for participants, reports and plans for those who run it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from commonground.lib.access import Level, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, Programme

# A national installation has a thousand cohorts: the plans come a page at a time.
COHORTS_PER_PAGE = 50


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    viewer = load_viewer(request)
    programmes = Programme.objects.all()
    if not viewer.is_admin:
        readable = [pk for pk, level in viewer.programme_levels.items() if level >= Level.AGGREGATE]
        programmes = programmes.filter(pk__in=readable)
    staff_ids = viewer.staff_programme_ids()
    cohorts = Cohort.objects.select_related("programme").order_by("programme__name", "-starts_on")
    if staff_ids is not None:
        cohorts = cohorts.filter(programme__in=staff_ids)
    return render(
        request,
        "evaluation/home.html",
        {
            "programmes": list(programmes),
            "page": Paginator(cohorts, COHORTS_PER_PAGE).get_page(request.GET.get("page"))
            if viewer.is_programme_staff
            else None,
            "is_staff": viewer.is_programme_staff,
            "has_surveys": bool(viewer.cohort_ids),
        },
    )
