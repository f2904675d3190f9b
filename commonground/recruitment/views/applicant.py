"""The applicant's pages: their applications, the form, withdrawing, monitoring, the offer."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.exports.views import ask_for_export
from commonground.lib.http import AuthenticatedRequest

from .. import services
from ..access import own_application
from ..exports import held_about
from ..forms import ApplicationForm, EqualityForm, OfferForm
from ..models import Application, EqualityResponse, Status


@login_required
def mine(request: AuthenticatedRequest) -> HttpResponse:
    applications = list(
        Application.objects.filter(person__user_id=request.user.pk)
        .select_related("round__cohort__programme", "endorsement__sponsor")
        .order_by("-round__opens_at")
    )
    return render(request, "recruitment/mine.html", {"applications": applications})


@login_required
def my_data(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    """Everything recruitment holds about the signed-in person: as JSON at once (one person's
    records are small), or as a CSV prepared like every other export."""
    if fmt != "json":
        return ask_for_export(request, "recruitment.my_data", fmt, {})
    response = HttpResponse(
        json.dumps(held_about(request), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="my-applications.json"'
    return response


@login_required
def application(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A draft is edited here and saved or sent; a sent application is shown with its progress."""
    application = own_application(request, pk)
    application_round = application.round
    editable = application.status == Status.DRAFT and application_round.accepting_applications
    form = None
    if editable:
        form = ApplicationForm(
            request.POST or None,
            application_round=application_round,
            initial=ApplicationForm.initial_for(application),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.save_draft(application, form.as_data(), by=request.user)
                if request.POST.get("action") == "submit":
                    endorsement = services.submit(application, by=request.user)
                    messages.success(
                        request,
                        f"Your application is sent. We have asked {endorsement.sponsor.name} "
                        "to endorse it.",
                    )
                else:
                    messages.success(request, "Your draft is saved.")
                    return redirect(application)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(application)
    elif request.method == "POST":
        raise Http404("Not found")
    has_equality = EqualityResponse.objects.filter(application=application).exists()
    return render(
        request,
        "recruitment/application.html",
        {
            "application": application,
            "round": application_round,
            "form": form,
            "editable": editable,
            "answers": application.answer_pairs(),
            "statements": application.statement_pairs(),
            "endorsement": getattr(application, "endorsement", None),
            "has_equality": has_equality,
            "closed_draft": application.status == Status.DRAFT
            and not application_round.accepting_applications,
        },
    )


@login_required
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.withdraw(application, by=request.user)
        except services.AlreadyDone as problem:
            return render(
                request,
                "recruitment/withdraw.html",
                {"application": application, "done": problem.messages[0]},
                status=409,
            )
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, "Your application is withdrawn.")
            return redirect(application)
    return render(
        request,
        "recruitment/withdraw.html",
        {"application": application, "error": error},
        status=400 if error else 200,
    )


@login_required
def equality(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    existing = EqualityResponse.objects.filter(application=application).first()
    form = EqualityForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        services.save_equality(
            application,
            {name: form.cleaned_data.get(name) or "" for name in form.fields},
            by=request.user,
        )
        messages.success(request, "Thank you. Your monitoring answers are saved apart.")
        return redirect(application)
    return render(request, "recruitment/equality.html", {"application": application, "form": form})


@login_required
def offer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    form = OfferForm(request.POST or None)
    expired = application.status == Status.EXPIRED or (
        application.status == Status.OFFERED
        and application.offer_deadline is not None
        and application.offer_deadline <= timezone.now()
    )
    if expired:
        return render(
            request, "recruitment/offer_expired.html", {"application": application}, status=410
        )
    if application.status not in (Status.OFFERED, Status.ACCEPTED, Status.DECLINED):
        raise Http404("Not found")
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.respond_to_offer(
                application,
                accept=accept,
                by=request.user,
                follow_up=form.cleaned_data["follow_up"] if accept else None,
            )
        except services.OfferExpired:
            return render(
                request, "recruitment/offer_expired.html", {"application": application}, status=410
            )
        except services.AlreadyDone as done:
            return render(
                request,
                "recruitment/offer.html",
                {"application": application, "form": form, "done": done.messages[0]},
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"You have accepted your place in {application.round.cohort}. Welcome."
                if accept
                else "You have declined your place. Thank you for letting us know.",
            )
            return redirect(application)
    return render(
        request,
        "recruitment/offer.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def next_year(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    try:
        services.ask_to_be_considered_next_year(application, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "We will consider you for next year's cohort.")
    return redirect(application)
