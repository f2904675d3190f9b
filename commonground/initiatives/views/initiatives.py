"""Initiatives: the list across the viewer's programmes, one initiative, adding and changing one."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history
from commonground.lib.access import Level, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Programme

from ..access import get_initiative, get_programme_initiatives
from ..figures import indicator_chart, trend
from ..forms import InitiativeForm
from ..models import Indicator, Initiative, Involvement, NamedPerson, Story
from ..services import save_initiative

PER_PAGE = 20


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The initiatives of every programme the viewer runs, facilitates or belongs to, and those
    they are involved in."""
    viewer = load_viewer(request)
    ids = viewer.programme_ids(Level.READ)
    reach = Q() if ids is None else Q(cohorts__pk__in=viewer.cohort_ids) | Q(pk__in=ids)
    programme_ids = set(Programme.objects.filter(reach).values_list("pk", flat=True))
    visible = Q(programme_id__in=programme_ids)
    if viewer.person_id is not None:
        visible |= Q(involvements__person_id=viewer.person_id)
    initiatives = (
        Initiative.objects.filter(visible)
        .select_related("programme")
        .annotate(
            people_count=Count("involvements", distinct=True),
            indicator_count=Count("indicators", distinct=True),
        )
        .order_by("programme__name", "status", "title", "pk")
    )
    staff_ids = viewer.staff_programme_ids()
    runs = list(
        Programme.objects.all()
        if staff_ids is None
        else Programme.objects.filter(pk__in=staff_ids).order_by("name")
    )
    if not programme_ids and not runs and not initiatives.exists():
        raise Http404("Not found")
    page = Paginator(initiatives, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "initiatives/index.html", {"page": page, "runs": runs})


@login_required
def initiative(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_initiative(request, pk)
    found = access.initiative
    indicators = list(
        Indicator.objects.filter(initiative=found).prefetch_related("values").order_by("name")
    )
    stories = list(
        Story.objects.filter(initiative=found)
        .select_related("author")
        .prefetch_related(Prefetch("named_people", NamedPerson.objects.all()))
    )
    if not access.may_contribute:
        stories = [story for story in stories if story.usable]
    rows = []
    for indicator in indicators:
        values = list(indicator.values.all())
        rows.append(
            {
                "indicator": indicator,
                "trend": trend(indicator, values),
                "chart": indicator_chart(indicator, values) if values else None,
            }
        )
    return render(
        request,
        "initiatives/initiative.html",
        {
            "initiative": found,
            "access": access,
            "organisations": list(found.organisations.all()),
            "challenges": list(found.challenges.select_related("cohort")),
            "involvements": list(
                Involvement.objects.filter(initiative=found).select_related("person__organisation")
            ),
            "indicators": rows,
            "stories": stories,
            "history": list(history(found)) if access.may_change else None,
        },
    )


@login_required
def initiative_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_programme_initiatives(request, slug, change=True)
    form = InitiativeForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        created = save_initiative(form, request.user)
        messages.success(request, f"Initiative “{created.title}” added.")
        return redirect(created)
    return render(
        request,
        "initiatives/initiative_form.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def initiative_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_initiative(request, pk, change=True)
    found = access.initiative
    form = InitiativeForm(request.POST or None, instance=copy(found), programme=found.programme)
    if request.method == "POST" and form.is_valid():
        saved = save_initiative(form, request.user)
        messages.success(request, "Initiative saved.")
        return redirect(saved)
    return render(
        request,
        "initiatives/initiative_form.html",
        {"programme": found.programme, "initiative": found, "form": form},
        status=400 if form.errors else 200,
    )
