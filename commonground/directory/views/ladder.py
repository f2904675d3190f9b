"""The programme's ladder for its staff: the rungs in order with their words, the example titles
of each sector, and the forms that change them."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.lib.access import require_programme_team
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Programme

from ..ladder import RUNG_BANDS, ladder_for
from ..ladder_edits import BandExampleForm, RungForm, remove_example, save_example, save_rung
from ..models import BandExample, Rung


def _programme(request: AuthenticatedRequest, slug: str) -> Programme:
    """The programme's staff only: facilitators are refused, everyone else sees nothing."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    require_programme_team(request, programme.pk)
    return programme


@login_required
def ladder(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    examples = BandExample.objects.filter(programme=programme).order_by("sector", "band", "title")
    ladder = ladder_for(programme.pk)
    labels = ladder.labels
    sectors = [
        (sector, list(rows))
        for sector, rows in groupby(examples, key=lambda example: example.get_sector_display())
    ]
    for _sector, rows in sectors:
        rows.sort(key=lambda example: (RUNG_BANDS.index(example.band), example.title.casefold()))
    return render(
        request,
        "directory/ladder.html",
        {"programme": programme, "ladder": ladder, "labels": labels, "sectors": sectors},
    )


@login_required
def rung_edit(request: AuthenticatedRequest, slug: str, band: str) -> HttpResponse:
    programme = _programme(request, slug)
    rung = Rung.objects.filter(programme=programme, band=band).first()
    if rung is None:
        raise Http404("Not found")
    form = RungForm(request.POST if request.method == "POST" else None, instance=rung)
    if request.method == "POST" and form.is_valid():
        saved = save_rung(form, request.user)
        messages.success(request, f"The rung is now called “{saved.label}”.")
        return redirect("directory:ladder", slug=programme.slug)
    return render(
        request,
        "directory/ladder_rung_form.html",
        {"programme": programme, "form": form, "rung": rung},
        status=400 if form.errors else 200,
    )


def _edit_example(
    request: AuthenticatedRequest, programme: Programme, example: BandExample
) -> HttpResponse:
    form = BandExampleForm(
        request.POST if request.method == "POST" else None,
        instance=example,
        ladder=ladder_for(programme.pk),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_example(form, request.user)
        messages.success(request, f"“{saved.title}” ({saved.sector.lower()}) is on the ladder.")
        return redirect("directory:ladder", slug=programme.slug)
    return render(
        request,
        "directory/ladder_example_form.html",
        {"programme": programme, "form": form, "example": example},
        status=400 if form.errors else 200,
    )


@login_required
def example_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    return _edit_example(request, programme, BandExample(programme=programme))


def _example(programme: Programme, pk: int) -> BandExample:
    example = BandExample.objects.filter(programme=programme, pk=pk).first()
    if example is None:
        raise Http404("Not found")
    return example


@login_required
def example_edit(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug)
    return _edit_example(request, programme, _example(programme, pk))


@login_required
@require_POST
def example_remove(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug)
    example = _example(programme, pk)
    remove_example(example, request.user)
    messages.success(request, f"“{example.title}” ({example.sector.lower()}) is off the ladder.")
    return redirect("directory:ladder", slug=programme.slug)
