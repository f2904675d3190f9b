"""Programme staff build instruments: a draft version changes freely, a published one never."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.audit.log import history
from commonground.lib.access import require_programme_staff
from commonground.lib.http import AuthenticatedRequest

from ..adapters import load_version
from ..forms import (
    FreeTextForm,
    IndicatorForm,
    InstrumentForm,
    StatementForm,
    ThemeForm,
)
from ..models import (
    FreeTextQuestion,
    Indicator,
    Instrument,
    InstrumentVersion,
    Statement,
    Theme,
)
from ..services import (
    create_instrument,
    delete_item,
    load_default_instrument,
    move_indicator,
    new_draft,
    publish,
    save_item,
)

ITEMS: dict[str, tuple[type[Any], type[forms.ModelForm[Any]], str]] = {
    "theme": (Theme, ThemeForm, "theme"),
    "indicator": (Indicator, IndicatorForm, "indicator"),
    "statement": (Statement, StatementForm, "reaction or outcome statement"),
    "free-text": (FreeTextQuestion, FreeTextForm, "free-text question"),
}


def _instruments(request: AuthenticatedRequest) -> QuerySet[Instrument]:
    viewer = require_programme_staff(request, write=True)
    ids = viewer.staff_programme_ids()
    instruments = Instrument.objects.all()
    if ids is not None:
        instruments = instruments.filter(Q(programme__isnull=True) | Q(programme__in=ids))
    return instruments


@login_required
def instruments(request: AuthenticatedRequest) -> HttpResponse:
    # A grouped query ignores Meta.ordering, so the order is stated.
    rows = (
        _instruments(request)
        .annotate(version_count=Count("versions"), latest=Max("versions__pk"))
        .order_by("title", "pk")
    )
    return render(
        request,
        "evaluation/instruments.html",
        {"instruments": list(rows.select_related("programme")), "form": InstrumentForm()},
    )


@login_required
def instrument_new(request: AuthenticatedRequest) -> HttpResponse:
    _instruments(request)
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["start"] == "default":
            version = load_default_instrument(by=request.user, title=form.cleaned_data["title"])
            messages.success(request, "Instrument created from the default instrument.")
        else:
            version = create_instrument(form.cleaned_data["title"], None, request.user)
            messages.success(request, "Instrument created. Add its themes and indicators.")
        return redirect(version)
    return render(
        request,
        "evaluation/instrument_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _version(request: AuthenticatedRequest, pk: int) -> InstrumentVersion:
    if not _instruments(request).filter(versions__pk=pk).exists():
        raise Http404("Not found")
    return load_version(pk)


@login_required
def version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shown = _version(request, pk)
    siblings = list(InstrumentVersion.objects.filter(instrument_id=shown.instrument_id))
    return render(
        request,
        "evaluation/version.html",
        {
            "version": shown,
            "siblings": siblings,
            "answered": shown.responses.filter(submitted_at__isnull=False).count(),
            "history": list(history(shown)),
        },
    )


@login_required
@require_POST
def version_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shown = _version(request, pk)
    try:
        publish(shown, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Version {shown.number} is published; waves can now ask it.")
    return redirect(shown)


@login_required
@require_POST
def version_new_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    draft = new_draft(_version(request, pk), request.user)
    messages.success(request, f"Version {draft.number} is a draft: change it, then publish it.")
    return redirect(draft)


def _item_form(
    kind: str, version: InstrumentVersion, data: Any, instance: Any = None
) -> forms.ModelForm[Any]:
    _, form_class, _ = ITEMS[kind]
    if form_class is IndicatorForm:
        return IndicatorForm(data, instance=instance, version=version)
    return form_class(data, instance=instance)


def _find(kind: str, version: InstrumentVersion, item: int) -> Any:
    model = ITEMS[kind][0]
    where = {"theme__version": version} if model is Indicator else {"version": version}
    found = model.objects.filter(pk=item, **where).first()
    if found is None:
        raise Http404("Not found")
    return found


def _edit(request: AuthenticatedRequest, pk: int, kind: str, item: int | None) -> HttpResponse:
    if kind not in ITEMS:
        raise Http404("Not found")
    shown = _version(request, pk)
    instance = _find(kind, shown, item) if item is not None else None
    if not shown.is_draft:
        messages.error(request, "This version is published. Make a new draft to change it.")
        return redirect(shown)
    form = _item_form(kind, shown, request.POST or None, instance)
    if request.method == "POST" and form.is_valid():
        try:
            save_item(form, shown, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(shown)
        messages.success(request, f"The {ITEMS[kind][2]} is saved.")
        return redirect(shown)
    return render(
        request,
        "evaluation/item_form.html",
        {"version": shown, "form": form, "noun": ITEMS[kind][2], "editing": instance is not None},
        status=400 if form.errors else 200,
    )


@login_required
def item_new(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    return _edit(request, pk, kind, None)


@login_required
def item_edit(request: AuthenticatedRequest, pk: int, kind: str, item: int) -> HttpResponse:
    return _edit(request, pk, kind, item)


@login_required
@require_POST
def item_delete(request: AuthenticatedRequest, pk: int, kind: str, item: int) -> HttpResponse:
    if kind not in ITEMS:
        raise Http404("Not found")
    shown = _version(request, pk)
    instance = _find(kind, shown, item)
    try:
        delete_item(instance, shown, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The {ITEMS[kind][2]} is removed.")
    return redirect(shown)


@login_required
@require_POST
def indicator_move(request: AuthenticatedRequest, pk: int, item: int) -> HttpResponse:
    """Move an indicator of a draft up or down within its theme (buttons, so keyboards work)."""
    shown = _version(request, pk)
    indicator = _find("indicator", shown, item)
    direction = request.POST.get("direction", "")
    try:
        moved = move_indicator(indicator, direction, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(shown)
    if moved:
        messages.success(request, f"Moved {direction}: {indicator.self_wording}")
    return redirect(f"{shown.get_absolute_url()}#indicator-{indicator.pk}")
