"""A cohort's evaluation plan for programme staff: waves, response rates, raters to approve."""

from __future__ import annotations

import datetime as dt
from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.lib.access import Level, get_cohort
from commonground.lib.checks import Check, EmailPreview, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.models import Enrolment, EnrolmentStatus

from ..forms import EarlyReasonForm, WaveForm
from ..models import InstrumentVersion, Nomination, NominationStatus, VersionStatus, Wave
from ..services import (
    Recipients,
    change_wave,
    create_standard_plan,
    early_reason_needed,
    invitation_recipients,
    invite,
    remind,
    reminder_recipients,
    response_rates,
)
from ..tasks import email_context


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
            "today": timezone.localdate(),
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
        saved = change_wave(form, request.user)
        messages.success(request, f"Wave saved. {_schedule(saved)}")
        return redirect("evaluation:plan", pk=wave.cohort_id)
    return render(
        request,
        "evaluation/wave_form.html",
        {"wave": wave, "form": form},
        status=400 if form.errors else 200,
    )


def _schedule(wave: Wave) -> str:
    if wave.invited_at is not None:
        return "Its invitations have been sent."
    if timezone.localdate() > wave.closes_on:
        return "It has closed without invitations."
    return f"Its invitations go out by themselves on {wave.opens_on:%-d %B %Y}."


def _day(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def _previews(wave: Wave, recipients: Recipients, email: str, what: str) -> list[EmailPreview]:
    """The email as the first participant and the first rater would read it."""
    previews = []
    for people, link, who in (
        (recipients.participants, "(their own link to the survey)", "participants"),
        (recipients.raters, "(a personal link for each rater)", "raters"),
    ):
        if people:
            first = people[0]
            context = email_context(
                wave,
                first.participant_first_name,
                first.name,
                link,
                first.relationship,
            )
            previews.append(
                EmailPreview.of(f"{what} for {who}", [p.label for p in people], email, context)
            )
    return previews


def _crumbs(wave: Wave) -> list[tuple[str, str]]:
    return [
        ("Evaluation", reverse("evaluation:home")),
        (f"Evaluation of {wave.cohort.name}", reverse("evaluation:plan", args=[wave.cohort_id])),
    ]


@login_required
def wave_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check, then send a wave's invitations now; before it opens only with a reason."""
    wave = _wave(request, pk)
    today = timezone.localdate()
    back = reverse("evaluation:plan", args=[wave.cohort_id])
    early = early_reason_needed(wave, today)
    form = EarlyReasonForm(request.POST if confirmed(request) else None) if early else None
    if confirmed(request) and (form is None or form.is_valid()):
        reason = form.cleaned_data["reason"] if form is not None else ""
        try:
            sent = invite(wave, request.user, reason=reason, today=today)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(back)
            form.add_error(None, error)
        else:
            opened = " The survey is open from today." if early else ""
            messages.success(
                request, f"Invitations are being sent to {count_of(sent, 'person')}.{opened}"
            )
            return redirect(back)
    recipients = invitation_recipients(wave)
    name = f"{wave.get_kind_display()} survey"
    rows = [("Survey", f"{name}, {wave.cohort}"), ("Questions", str(wave.version))]
    if early:
        rows.append(
            (
                "Opens",
                f"Today, {_day(today)}, instead of {_day(wave.opens_on)}, so the people "
                "emailed can answer",
            )
        )
    else:
        rows.append(("Opened", _day(wave.opens_on)))
    rows.append(("Closes", _day(wave.closes_on)))
    rows.append(("Participants invited", count_of(len(recipients.participants), "person")))
    if wave.includes_raters:
        rows.append(("Raters invited", count_of(len(recipients.raters), "person")))
    nothing = ""
    if today > wave.closes_on:
        nothing = f"This survey closed on {_day(wave.closes_on)}, so nobody can be invited to it."
    elif not recipients.total:
        nothing = "Everyone this survey asks has already been invited."
    warning = "Invitations cannot be taken back once they are sent."
    if early:
        warning = (
            f"This opens the survey early: it was planned to open on {_day(wave.opens_on)} and "
            "to send its invitations by itself then. Answers given now count as the "
            f"{wave.get_kind_display().lower()} answers. {warning}"
        )
    check = Check(
        title="Check before you send the invitations early"
        if early
        else "Check before you send the invitations",
        caption=f"{name}, {wave.cohort}",
        confirm_label=(
            f"Open the survey and send {count_of(recipients.total, 'invitation')}"
            if early
            else f"Send {count_of(recipients.total, 'invitation')}"
        ),
        back_url=back,
        rows=rows,
        emails=_previews(wave, recipients, "evaluation-invitation", "Invitation"),
        warning=warning,
        form=form,
        breadcrumbs=_crumbs(wave),
        nothing_to_do=nothing,
    )
    return render_check(request, check)


@login_required
def wave_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check, then remind everyone invited who has not answered and has not been reminded."""
    wave = _wave(request, pk)
    back = reverse("evaluation:plan", args=[wave.cohort_id])
    if confirmed(request):
        sent = remind(wave, request.user)
        if sent:
            messages.success(
                request,
                f"Reminders are being sent to {count_of(sent, 'person')} who have not answered.",
            )
        else:
            messages.success(
                request,
                "Nobody needed a reminder: everyone has answered or has been reminded once.",
            )
        return redirect(back)
    recipients = reminder_recipients(wave)
    name = f"{wave.get_kind_display()} survey"
    rows = [
        ("Survey", f"{name}, {wave.cohort}"),
        ("Closes", _day(wave.closes_on)),
        ("Participants reminded", count_of(len(recipients.participants), "person")),
    ]
    if wave.includes_raters:
        rows.append(("Raters reminded", count_of(len(recipients.raters), "person")))
    nothing = ""
    if wave.invited_at is None:
        nothing = "The invitations to this survey have not been sent, so there is nobody to remind."
    elif not recipients.total:
        nothing = "Nobody needs a reminder: everyone has answered or has been reminded once."
    check = Check(
        title="Check before you send the reminders",
        caption=f"{name}, {wave.cohort}",
        confirm_label=f"Send {count_of(recipients.total, 'reminder')}",
        back_url=back,
        rows=rows,
        emails=_previews(wave, recipients, "evaluation-reminder", "Reminder"),
        warning="Each person is reminded once; reminders cannot be taken back.",
        breadcrumbs=_crumbs(wave),
        nothing_to_do=nothing,
    )
    return render_check(request, check)
