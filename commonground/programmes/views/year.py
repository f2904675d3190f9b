"""The staff home's two longer lists, each a page of its own: the year of every cohort in the year,
and every cohort where one kind of thing needs attention.

The home shows the first few of each; these pages hold the rest, a page at a time, so neither the
home nor they grow with the number of cohorts on the installation.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.lib.access import Viewer, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, CohortStatus, Programme

from ..year import CohortYear, Concern, cohort_years, concerns_in

IN_THE_YEAR = (CohortStatus.RECRUITING, CohortStatus.SELECTING, CohortStatus.RUNNING)
# The year page shows this many cohorts' task lists at a time.
YEARS_PER_PAGE = 10


def staff_viewer(request: AuthenticatedRequest) -> Viewer:
    """Programme staff, or 404: these pages say what goes on in the programmes they run."""
    viewer = load_viewer(request)
    if not viewer.is_programme_staff:
        raise Http404("Not found")
    return viewer


def staff_programmes(viewer: Viewer) -> QuerySet[Programme]:
    ids = viewer.staff_programme_ids()
    return Programme.objects.all() if ids is None else Programme.objects.filter(pk__in=ids)


def cohorts_in_the_year(viewer: Viewer) -> QuerySet[Cohort]:
    """The recruiting, selecting and running cohorts of the programmes this person runs."""
    return (
        Cohort.objects.filter(programme__in=staff_programmes(viewer), status__in=IN_THE_YEAR)
        .select_related("programme")
        .order_by("programme__name", "starts_on", "name", "pk")
    )


def shown_and_concerns(
    viewer: Viewer, now: dt.datetime, shown: int
) -> tuple[list[CohortYear], int, list[Concern]]:
    """The year of the first `shown` cohorts in the year, how many cohorts are in it, and what
    needs attention across all of them (counted, with no steps built for the rest). The cohorts
    are sent as a query, so however many there are no query carries a list of their ids."""
    cohorts = cohorts_in_the_year(viewer)
    found = concerns_in(cohorts, now)
    years = cohort_years(cohorts[:shown], now) if shown else []
    return years, len(cohorts), found


@login_required
def year(request: AuthenticatedRequest) -> HttpResponse:
    viewer = staff_viewer(request)
    page = Paginator(cohorts_in_the_year(viewer), YEARS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/year.html",
        {"page": page, "years": cohort_years(list(page.object_list), timezone.now())},
    )


@login_required
def attention(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    viewer = staff_viewer(request)
    _, _, found = shown_and_concerns(viewer, timezone.now(), 0)
    concern = next((each for each in found if each.slug == kind), None)
    lines = concern.lines if concern else []
    page = Paginator(lines, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programmes/attention.html", {"concern": concern, "page": page})
