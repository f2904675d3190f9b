"""A cohort's evaluation plan for programme staff: waves, response rates, raters to approve."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.audit.log import save_form
from commonground.lib.access import Level, get_cohort
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.models import Enrolment, EnrolmentStatus

from ..forms import WaveForm
from ..models import InstrumentVersion, Nomination, NominationStatus, VersionStatus, Wave
from ..services import create_standard_plan, invite, remind, response_rates


@login_required
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    waves = list(Wave.objects.filter(cohort=cohort).select_related("version__instrument"))
    pending = list(
        Nomination.objects.filter(enrolment__cohort=cohort, status=NominationStatus.PENDING)
        .select_related("enrolment__person")
        .order_by("nominated_at", "pk")
    )
    versions = list(
        InstrumentVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("instrument")
        .order_by("-published_at", "-pk")
    )
    return render(
        request,
        "evaluation/plan.html",
        {
            "cohort": cohort,
            "waves": waves,
            "rates": response_rates(cohort),
            "pending": pending,
            "versions": versions,
            "enrolments": list(
                Enrolment.objects.filter(
                    cohort=cohort, status__in=EnrolmentStatus.TAKING_A_PLACE
                ).select_related("person")
            ),
        },
    )


@login_required
@require_POST
def plan_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    version = InstrumentVersion.objects.filter(
        pk=request.POST.get("version") or 0, status=VersionStatus.PUBLISHED
    ).first()
    if version is None:
        messages.error(request, "Choose a published instrument version for the plan.")
        return redirect("evaluation:plan", pk=pk)
    made = create_standard_plan(cohort, version, request.user)
    messages.success(request, f"{len(made)} waves added to the plan.")
    return redirect("evaluation:plan", pk=pk)


def _wave(request: AuthenticatedRequest, pk: int) -> Wave:
    wave = Wave.objects.select_related("cohort__programme").filter(pk=pk).first()
    if wave is None:
        raise Http404("Not found")
    get_cohort(request, wave.cohort_id, Level.WRITE)
    return wave


@login_required
def wave_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk)
    form = WaveForm(request.POST or None, instance=copy(wave))
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user, "evaluation.wave.changed")
        messages.success(request, "Wave saved.")
        return redirect("evaluation:plan", pk=wave.cohort_id)
    return render(request, "evaluation/wave_form.html", {"wave": wave, "form": form})


@login_required
@require_POST
def wave_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk)
    try:
        sent = invite(wave, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Invitations are being sent to {count_of(sent, 'person')}.")
    return redirect("evaluation:plan", pk=wave.cohort_id)


@login_required
@require_POST
def wave_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk)
    sent = remind(wave, request.user)
    if sent:
        messages.success(
            request,
            f"Reminders are being sent to {count_of(sent, 'person')} who have not answered.",
        )
    else:
        messages.success(
            request, "Nobody needed a reminder: everyone has answered or has been reminded once."
        )
    return redirect("evaluation:plan", pk=wave.cohort_id)
