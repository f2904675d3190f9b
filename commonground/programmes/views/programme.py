"""A programme's cohorts over the years; staff edit the programme and start new cohorts."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history, save_form
from commonground.lib.access import Level, load_viewer, require
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.small_numbers import threshold_for
from commonground.programmes.forms import CohortForm, ProgrammeForm
from commonground.programmes.models import Programme

from ..figures import cohort_figures, programme_table


def get_programme(
    request: HttpRequest, slug: str, needed: Level = Level.AGGREGATE
) -> tuple[Programme, Level]:
    """The programme and the viewer's level in it; people with no role in it get 404."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    level = load_viewer(request).programme_level(programme.pk)
    require(level, needed)
    return programme, level


@login_required
def programme(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, level = get_programme(request, slug)
    exact = level >= Level.READ
    threshold = threshold_for(exact)
    figures = cohort_figures(programme.cohorts.all())
    table = programme_table(figures, threshold)
    return render(
        request,
        "programmes/programme.html",
        {
            "programme": programme,
            "rows": [
                {"cohort": entry.cohort, "shown": shown}
                for entry, shown in zip(figures, table.cohorts, strict=True)
            ],
            "table": table,
            "exact": exact,
            "may_open_cohorts": exact,
            "may_change": level >= Level.WRITE,
            "threshold": threshold,
            "history": list(history(programme)) if level >= Level.WRITE else None,
        },
    )


@login_required
def programme_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_programme(request, slug, Level.WRITE)
    form = ProgrammeForm(request.POST or None, instance=copy(programme))
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user, "programmes.programme.changed")
        messages.success(request, "Programme saved.")
        return redirect(programme)
    return render(request, "programmes/programme_edit.html", {"programme": programme, "form": form})


@login_required
def cohort_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_programme(request, slug, Level.WRITE)
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        cohort = save_form(form, request.user, "programmes.cohort.created")
        messages.success(request, f"Cohort {form.cleaned_data['name']} added.")
        return redirect(cohort)
    return render(request, "programmes/cohort_form.html", {"programme": programme, "form": form})
