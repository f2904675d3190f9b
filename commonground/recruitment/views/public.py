"""Open rounds for everyone; starting an application; the sign-in link; sponsors' personal links."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Person
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.throttle import APPLICATION_STARTS, NOMINATIONS

from .. import services
from ..access import may_nominate
from ..forms import ApplicantForm, EndorseForm, NominationForm
from ..models import Application, EndorsementStatus, Round


def rounds(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    open_rounds = Round.objects.accepting_applications(now).select_related("cohort__programme")
    return render(request, "recruitment/rounds.html", {"rounds": list(open_rounds)})


def _public_round(pk: int) -> Round:
    application_round = Round.objects.select_related("cohort__programme").filter(pk=pk).first()
    if application_round is None or application_round.opens_at > timezone.now():
        raise Http404("Not found")
    return application_round


def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    application_round = _public_round(pk)
    return render(
        request,
        "recruitment/round.html",
        {
            "round": application_round,
            "organisations": list(application_round.eligible_organisations.all()),
            "bands": application_round.band_labels(),
        },
    )


def _applicant(data: dict[str, Any], email: str) -> services.Applicant:
    fields = ("first_name", "last_name", "organisation", "job_title", "band")
    return services.Applicant(email=email, **{name: data[name] for name in fields})


def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an application: signed-in people apply as themselves; others get an account made."""
    application_round = _public_round(pk)
    user = request.user if request.user.is_authenticated else None
    person = Person.objects.filter(user_id=user.pk).first() if user else None
    initial = {}
    if person is not None:
        initial = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "organisation": person.organisation_id,
            "job_title": person.job_title,
            "band": person.band,
        }
    form = ApplicantForm(
        request.POST or None,
        application_round=application_round,
        fixed_email=user.email if isinstance(user, User) else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = _applicant(data, user.email if isinstance(user, User) else data["email"])
        try:
            if isinstance(user, User):
                application, _ = services.start_application(application_round, applicant, by=user)
            elif not APPLICATION_STARTS.allow(request, applicant.email):
                raise ValidationError(APPLICATION_STARTS.message)
            else:
                services.request_application(application_round, applicant)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if isinstance(user, User):
                messages.success(request, "Your application is started. It saves as a draft.")
                return redirect(application)
            # The same page whoever the email belongs to: the email itself says what follows.
            return render(
                request,
                "recruitment/check_email.html",
                {
                    "round": application_round,
                    "email": applicant.email,
                    "hours": services.CONTINUE_HOURS,
                },
            )
    return render(
        request,
        "recruitment/start.html",
        {"round": application_round, "form": form, "signed_in": bool(user)},
    )


REFUSALS = {
    "used": ("recruitment/link_expired.html", 410),
    "expired": ("recruitment/link_expired.html", 410),
    "changed": ("recruitment/link_expired.html", 410),
    "account": ("recruitment/link_sign_in.html", 403),
}


def continue_application(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link. Opening it signs no one in: the page asks the applicant to press
    Continue, so mail scanners that follow links spend nothing; the press signs in once."""
    link = services.find_continue_link(token)
    if link is None:
        return render(request, "recruitment/link_invalid.html", {}, status=404)
    problem = services.continue_link_problem(link)
    if problem is None and request.method == "POST":
        try:
            user, application = services.use_continue_link(token)
        except services.LinkRefused as refused:
            problem = refused.reason
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                "You are signed in. The link works once: to sign in again later, set a password "
                "from “Your applications”.",
            )
            return redirect(application)
    context = {"link": link, "round": link.application.round, "hours": services.CONTINUE_HOURS}
    if problem is None:
        return render(request, "recruitment/continue.html", context)
    template, status = REFUSALS.get(problem, ("recruitment/link_invalid.html", 404))
    return render(request, template, context, status=status)


@login_required
def nominate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = _public_round(pk)
    nominator = Person.objects.filter(user_id=request.user.pk).first()
    if nominator is None or not may_nominate(request.user.pk):
        raise PermissionDenied("Only chief officers and directors may nominate someone.")
    form = NominationForm(request.POST or None, application_round=application_round)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = _applicant(data, data["email"])
        try:
            if not NOMINATIONS.allow(request, applicant.email):
                raise ValidationError(NOMINATIONS.message)
            # The answer is the same whether or not the nominee has applied already.
            services.nominate(application_round, nominator, applicant, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"We have emailed {applicant.first_name} {applicant.last_name} about your "
                "nomination and how to complete their application.",
            )
            return redirect(application_round)
    return render(request, "recruitment/nominate.html", {"round": application_round, "form": form})


def endorse(request: HttpRequest, token: str) -> HttpResponse:
    """The sponsor's personal link: read the application, then endorse or decline it."""
    endorsement = services.find_endorsement(token)
    if endorsement is None:
        return render(request, "recruitment/link_invalid.html", {}, status=404)
    application: Application = endorsement.application
    form = EndorseForm(request.POST or None)
    answered = endorsement.status != EndorsementStatus.PENDING
    page = {
        "endorsement": endorsement,
        "application": application,
        "answers": application.answer_pairs(),
        "statements": application.statement_pairs(),
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_endorsement(
                endorsement,
                endorse=form.cleaned_data["decision"] == "endorse",
                statement=form.cleaned_data["statement"],
                by=request.user if isinstance(request.user, User) else None,
            )
        except services.AlreadyDone as done:
            context = page | {"answered": True, "done": done.messages[0]}
            return render(request, "recruitment/endorse.html", context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("recruitment:endorse", token=token)
    return render(request, "recruitment/endorse.html", page | {"answered": answered})
