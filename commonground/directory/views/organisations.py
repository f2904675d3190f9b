"""Organisation pages: the list, its export, one organisation, and the create and edit forms."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history, save_form
from commonground.exports.views import ask_for_export
from commonground.lib.access import Viewer, require_programme_staff
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.limits import SHORT_TEXT
from commonground.programmes.models import Enrolment

from ..forms import OrganisationFilterForm, OrganisationForm
from ..models import Organisation
from ..search import ORGANISATION_COLUMNS, SUGGESTED, matching
from .scope import query_without_page, shown_count

# The organisation page lists this many people; the people list, filtered by it, has the rest.
PEOPLE_SHOWN = 25


def _with_counts(viewer: Viewer) -> QuerySet[Organisation]:
    participants = Q(people__enrolments__in=Enrolment.objects.visible_to(viewer))
    return Organisation.objects.annotate(
        people_count=Count("people", distinct=True),
        participant_count=Count("people__enrolments__person", filter=participants, distinct=True),
    ).order_by("name")


def _filtered(queryset: QuerySet[Organisation], form: OrganisationFilterForm) -> Any:
    form.is_valid()
    data = form.cleaned_data
    queryset = matching(queryset, ORGANISATION_COLUMNS, data.get("q") or "")
    if data.get("sector"):
        queryset = queryset.filter(sector=data["sector"])
    if data.get("area"):
        queryset = queryset.filter(area=data["area"])
    return queryset


@login_required
def organisation_list(request: AuthenticatedRequest) -> HttpResponse:
    viewer = require_programme_staff(request)
    form = OrganisationFilterForm(request.GET)
    # The page's ids first, counted and sorted on the organisations alone; only the page's
    # fifty are then joined to their people and enrolments to be counted.
    found = _filtered(Organisation.objects.order_by("name"), form).values_list("pk", flat=True)
    page = Paginator(found, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    counted: dict[int, Any] = {o.pk: o for o in _with_counts(viewer).filter(pk__in=ids)}
    rows = [
        (
            counted[pk],
            shown_count(viewer, counted[pk].people_count),
            shown_count(viewer, counted[pk].participant_count),
        )
        for pk in ids
    ]
    return render(
        request,
        "directory/organisations.html",
        {"form": form, "page": page, "rows": rows, "query": query_without_page(request.GET)},
    )


@login_required
def organisation_names(request: AuthenticatedRequest) -> JsonResponse:
    """The names of organisations holding every word typed: the people list's organisation
    filter asks as one types."""
    require_programme_staff(request)
    found = matching(
        Organisation.objects.order_by("name"),
        ORGANISATION_COLUMNS,
        request.GET.get("q", "")[:SHORT_TEXT],
    )
    return JsonResponse({"results": list(found.values_list("name", flat=True)[:SUGGESTED])})


@login_required
def organisation_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    return ask_for_export(request, "directory.organisations", fmt, {})


@login_required
def organisation_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    viewer = require_programme_staff(request)
    organisation = Organisation.objects.annotate(people_count=Count("people")).filter(pk=pk).first()
    if organisation is None:
        raise Http404("Not found")
    people = list(organisation.people.all()[:PEOPLE_SHOWN])
    enrolments = Enrolment.objects.visible_to(viewer).filter(person__organisation=organisation)
    enrolments = enrolments.select_related("cohort__programme", "person").order_by(
        "-cohort__starts_on", "cohort__programme__name", "person__last_name", "person__first_name"
    )
    return render(
        request,
        "directory/organisation.html",
        {
            "organisation": organisation,
            "people": people,
            "more_people": organisation.people_count > len(people),
            "enrolments": list(enrolments),
            "history": list(history(organisation)) if viewer.is_programme_staff else None,
        },
    )


def _edit(request: AuthenticatedRequest, organisation: Organisation | None) -> HttpResponse:
    # The form writes what was typed onto the organisation; the page names it as it was.
    name = organisation.name if organisation else ""
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        action = "changed" if organisation else "created"
        saved = save_form(form, request.user, f"directory.organisation.{action}")
        messages.success(request, f"{saved.name} saved.")
        return redirect(saved)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "organisation": organisation, "name": name},
    )


@login_required
def organisation_new(request: AuthenticatedRequest) -> HttpResponse:
    require_programme_staff(request, write=True)
    return _edit(request, None)


@login_required
def organisation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_programme_staff(request, write=True)
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404("Not found")
    return _edit(request, organisation)
