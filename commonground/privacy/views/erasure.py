"""Erasure on request: staff record the request, read per kind what will be erased and what
kept, then carry it out; the request stays as the record of what happened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from commonground.audit.log import save_form
from commonground.lib.access import require_programme_staff
from commonground.lib.checks import Check, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest

from .. import erasure
from ..forms import ErasureRequestForm
from ..models import ErasureRequest
from ..subject_access import person_for_staff


@require_http_methods(["GET", "POST"])
@login_required
def erasure_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = person_for_staff(request, pk)
    form = ErasureRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.instance.person = person
        form.instance.recorded_by = request.user
        saved = save_form(form, request.user, "privacy.erasure.requested")
        return redirect("privacy:erasure", pk=saved.pk)
    return render(
        request,
        "privacy/erasure_form.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def erasure_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_programme_staff(request, write=True)
    found = ErasureRequest.objects.select_related("person", "recorded_by", "erased_by")
    erasure_request = found.filter(pk=pk).first()
    if erasure_request is None:
        raise Http404("Not found")
    if erasure_request.erased_at is not None:
        return render(request, "privacy/erasure.html", {"erasure": erasure_request})
    person = erasure_request.person
    if confirmed(request):
        erasure.erase(erasure_request, request.user)
        messages.success(request, "The person's data has been erased; what was kept is listed.")
        return redirect("privacy:erasure", pk=erasure_request.pk)
    person_url = reverse("directory:person", args=[person.pk])
    steps = erasure.plan(person)
    check = Check(
        title="Check before you erase this person's data",
        caption=person.name,
        confirm_label="Erase their data",
        back_url=person_url,
        rows=[
            ("Request received", f"{erasure_request.received_on:%-d %B %Y}, {erasure_request.how}"),
            *[(step.holding.title, f"{step.count} records. {step.outcome}") for step in steps],
        ],
        warning=f"This cannot be undone. {person.name} will no longer be able to sign in.",
        no_email_note="No one is emailed. Tell the person yourself that their request is done.",
        breadcrumbs=[("People", reverse("directory:people")), (person.name, person_url)],
    )
    return render_check(request, check)
