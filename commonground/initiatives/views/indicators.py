"""An initiative's indicators: adding one, its values over time, entering and importing values."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history, save_form
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of

from ..access import get_indicator, get_initiative
from ..figures import indicator_chart, trend
from ..forms import IndicatorForm, ValueForm, ValuesImportForm
from ..imports import read_values
from ..services import import_values

SUMMARY_PROBLEMS = 10


@login_required
def indicator_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_initiative(request, pk, contribute=True)
    form = IndicatorForm(request.POST or None, initiative=access.initiative)
    if request.method == "POST" and form.is_valid():
        indicator = save_form(form, request.user, "initiatives.indicator.created")
        messages.success(request, f"Indicator “{indicator.name}” added. Now add its values.")
        return redirect(indicator)
    return render(
        request,
        "initiatives/indicator_form.html",
        {"initiative": access.initiative, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def indicator(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found, access = get_indicator(request, pk)
    values = list(found.values.all())
    return render(
        request,
        "initiatives/indicator.html",
        {
            "indicator": found,
            "initiative": access.initiative,
            "access": access,
            "values": values,
            "trend": trend(found, values),
            "chart": indicator_chart(found, values) if values else None,
            "history": list(history(found)) if access.may_contribute else None,
        },
    )


@login_required
def value_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found, access = get_indicator(request, pk, contribute=True)
    form = ValueForm(request.POST or None, indicator=found)
    if request.method == "POST" and form.is_valid():
        value = save_form(form, request.user, "initiatives.indicator_value.created")
        messages.success(
            request, f"Value for the period ending {value.period_end:%-d %B %Y} added."
        )
        return redirect(found)
    return render(
        request,
        "initiatives/value_form.html",
        {"indicator": found, "initiative": access.initiative, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def values_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Values from a CSV file: a period already stored takes the file's value; nothing is written
    while any row is wrong, and every wrong row is listed with its line and column."""
    found, access = get_indicator(request, pk, contribute=True)
    form = ValuesImportForm(request.POST or None, request.FILES or None)
    context = {"indicator": found, "initiative": access.initiative, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        read = read_values(upload.read())
        if read.problems:
            context |= {
                "problems": read.problems,
                "summary_problems": read.problems[:SUMMARY_PROBLEMS],
                "more_problems": max(len(read.problems) - SUMMARY_PROBLEMS, 0),
                "filename": upload.name,
            }
            return render(request, "initiatives/values_import.html", context, status=400)
        done = import_values(found, read.rows, request.user)
        messages.success(
            request,
            f"Imported {upload.name}: {count_of(done.added, 'value')} added, "
            f"{count_of(done.changed, 'value')} changed.",
        )
        return redirect(found)
    return render(
        request, "initiatives/values_import.html", context, status=400 if form.errors else 200
    )
