"""The library of past challenges: what cohorts worked on and what came of it; and its export
(prepared in the background by `challenges/exports.py`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from commonground.exports.views import ask_for_export
from commonground.lib.access import Level, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, Programme

from ..access import get_library
from ..forms import LibraryFilter
from ..library_search import filtered_challenges
from ..models import Challenge, ChallengeTeam
from ..teams import teams_of

PER_PAGE = 20


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The libraries this person may browse, and the challenges they own.

    Straight to the library when there is one and they own none; a sponsor who owns challenges
    (and cannot see the library) gets a list of their own challenges.
    """
    viewer = load_viewer(request)
    ids = viewer.programme_ids(Level.READ)
    reach = Q() if ids is None else Q(cohorts__pk__in=viewer.cohort_ids) | Q(pk__in=ids)
    programmes = list(Programme.objects.filter(reach).distinct().order_by("name"))
    owned = (
        list(
            Challenge.objects.filter(owner_id=viewer.person_id)
            .select_related("programme", "cohort")
            .annotate(team_count=Count("teams"))
            .order_by("-cohort__starts_on", "title", "pk")
        )
        if viewer.person_id
        else []
    )
    if not programmes and not owned:
        raise Http404("Not found")
    if len(programmes) == 1 and not owned:
        return redirect("challenges:library", programmes[0].slug)
    return render(request, "challenges/index.html", {"programmes": programmes, "owned": owned})


@login_required
def library(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, level = get_library(request, slug)
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("-starts_on"))
    form = LibraryFilter(request.GET, cohorts=cohorts)
    page = Paginator(filtered_challenges(programme, form), PER_PAGE).get_page(
        request.GET.get("page")
    )
    challenges: list[Challenge] = list(page.object_list)
    teams: dict[int, list[ChallengeTeam]] = {}
    for team in teams_of([c.pk for c in challenges]):
        teams.setdefault(team.challenge_id, []).append(team)
    query = urlencode({key: value for key, value in request.GET.items() if key != "page" and value})
    return render(
        request,
        "challenges/library.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "entries": [(challenge, teams.get(challenge.pk, [])) for challenge in challenges],
            "query": query,
            "may_export": level >= Level.READ,
            "may_change": level >= Level.WRITE,
            "count": page.paginator.count,
            "years": cohorts
            if level >= Level.READ
            else [c for c in cohorts if c.pk in load_viewer(request).cohort_ids],
        },
    )


@login_required
def library_export(request: AuthenticatedRequest, slug: str, fmt: str) -> HttpResponse:
    """The filtered library as CSV or Excel, one row per team: staff and facilitators."""
    params = {key: str(value) for key, value in request.GET.items() if key != "page" and value}
    return ask_for_export(request, "challenges.library", fmt, {**params, "programme": slug})
