"""A participant nominates their 360 raters; programme staff approve or decline them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.lib.access import Level, get_cohort, load_viewer
from commonground.lib.http import AuthenticatedRequest

from ..access import participant_or_staff
from ..forms import NominationForm
from ..models import Nomination
from ..services import decide, nominate


@login_required
def nominations(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The participant's raters, and a form to nominate another."""
    enrolment = participant_or_staff(request, pk)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nominate(
                enrolment,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                relationship=form.cleaned_data["relationship"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{form.cleaned_data['name']} is nominated. Programme staff will approve them "
                "before they are asked.",
            )
            return redirect("evaluation:nominations", pk=pk)
    viewer = load_viewer(request)
    return render(
        request,
        "evaluation/nominations.html",
        {
            "enrolment": enrolment,
            "nominations": list(Nomination.objects.filter(enrolment=enrolment)),
            "form": form,
            "is_staff": viewer.programme_level(enrolment.cohort.programme_id) >= Level.WRITE,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def nomination_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = Nomination.objects.select_related("enrolment").filter(pk=pk).first()
    if nomination is None:
        raise Http404("Not found")
    cohort = get_cohort(request, nomination.enrolment.cohort_id, Level.WRITE)
    approve = request.POST.get("decision") == "approve"
    decide(nomination, approve=approve, by=request.user)
    messages.success(request, f"{nomination.name} {'approved' if approve else 'declined'}.")
    return redirect("evaluation:plan", pk=cohort.pk)
