"""The alumni directory: opted-in people of the networks the viewer reaches, searchable by name,
expertise, sector, organisation, area and cohort, each field shown as its owner chose."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort

from ..access import require_network
from ..directory import search
from ..forms import DirectoryFilter

PER_PAGE = 20
# The search and filters, folded away unless one is in use.
FOLDED = ("q", "expertise", "organisation", "sector", "area", "cohort")


@login_required
def directory(request: AuthenticatedRequest) -> HttpResponse:
    scope = require_network(request)
    cohorts = list(
        Cohort.objects.filter(scope.programme_filter())
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )
    form = DirectoryFilter(request.GET, cohorts=cohorts)
    # A filter that does not validate (an old cohort's id, say) is left out; the rest apply.
    form.is_valid()
    filters = form.cleaned_data
    page = Paginator(search(scope, filters), PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in request.GET.items() if key != "page" and value})
    return render(
        request,
        "alumni/directory.html",
        {
            "form": form,
            "page": page,
            "entries": list(page.object_list),
            "query": query,
            "is_member": bool(scope.member),
            "filtering": any(request.GET.get(name) for name in FOLDED),
        },
    )
