"""The library of past challenges: what cohorts worked on and what came of it; and its export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from commonground.lib.access import Level, load_viewer, require
from commonground.lib.exports import Table, export_response
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, Programme

from ..access import get_library
from ..forms import LibraryFilter
from ..models import Challenge, ChallengeTeam, Theme
from ..teams import teams_of

PER_PAGE = 20
EXPORT_HEADERS = (
    "Year",
    "Challenge",
    "Theme",
    "Status",
    "Owner",
    "Owner's organisation",
    "Organisations involved",
    "Problem statement",
    "Team",
    "Members",
    "Presented",
    "Showcase date",
    "Team outcomes",
    "Challenge outcomes",
)


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


def _filtered(programme: Programme, form: LibraryFilter) -> QuerySet[Challenge]:
    challenges = Challenge.objects.filter(programme=programme)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            words = data["q"].split()
            for word in words:
                challenges = challenges.filter(
                    Q(title__icontains=word)
                    | Q(problem_statement__icontains=word)
                    | Q(outcomes__icontains=word)
                    | Q(teams__showcase__outcomes_summary__icontains=word)
                )
        if data["theme"]:
            challenges = challenges.filter(theme=data["theme"])
        if data["year"]:
            challenges = challenges.filter(cohort_id=data["year"])
        if data["status"]:
            challenges = challenges.filter(status=data["status"])
    return (
        challenges.distinct()
        .select_related("cohort", "owner__organisation")
        .order_by("-cohort__starts_on", "title", "pk")
    )


@login_required
def library(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, level = get_library(request, slug)
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("-starts_on"))
    form = LibraryFilter(request.GET, cohorts=cohorts)
    page = Paginator(_filtered(programme, form), PER_PAGE).get_page(request.GET.get("page"))
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
    programme, level = get_library(request, slug)
    require(level, Level.READ)
    cohorts = list(Cohort.objects.filter(programme=programme))
    form = LibraryFilter(request.GET, cohorts=cohorts)
    challenges = list(_filtered(programme, form).prefetch_related("organisations"))
    teams: dict[int, list[ChallengeTeam]] = {}
    for team in teams_of([c.pk for c in challenges]):
        teams.setdefault(team.challenge_id, []).append(team)
    table = Table(
        f"Challenges {programme.name}",
        EXPORT_HEADERS,
        _rows(challenges, teams),
        f"{slugify(programme.name)}-challenges",
    )
    return export_response(table, fmt)


def _rows(
    challenges: list[Challenge], teams: dict[int, list[ChallengeTeam]]
) -> Iterator[tuple[Any, ...]]:
    for challenge in challenges:
        owner = challenge.owner
        base = (
            challenge.cohort.name if challenge.cohort else "Standing",
            challenge.title,
            Theme(challenge.theme).label,
            challenge.get_status_display(),
            owner.name if owner else "",
            owner.organisation.name if owner and owner.organisation else "",
            "; ".join(o.name for o in challenge.organisations.all()),
            challenge.problem_statement,
        )
        listed: list[ChallengeTeam | None] = [*teams.get(challenge.pk, [])] or [None]
        for team in listed:
            showcase = getattr(team, "showcase", None) if team else None
            yield (
                *base,
                team.name if team else "",
                "; ".join(m.enrolment.person.name for m in team.memberships.all()) if team else "",
                ("Yes" if showcase.presented else "No") if showcase else "",
                showcase.held_on if showcase else None,
                showcase.outcomes_summary if showcase else "",
                challenge.outcomes,
            )
