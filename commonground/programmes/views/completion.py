"""Completion: each cohort's participants against the rules, confirmed in bulk by staff;
withdrawal, deferral, sponsor alerts, certificates and their public verification page."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.audit.log import save_form
from commonground.lib.access import Level, get_cohort, load_viewer, require
from commonground.lib.exports import Table, export_response
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of, plural
from commonground.programmes import certificates, completion
from commonground.programmes.commitment import rules_for, standings
from commonground.programmes.delivery_forms import (
    CompletionRulesForm,
    ConfirmCompletionForm,
    DeferForm,
    WithdrawForm,
)
from commonground.programmes.models import Certificate, CompletionRules, Enrolment, Programme


def _page(
    request: AuthenticatedRequest, pk: int, data: Any = None
) -> tuple[dict[str, Any], ConfirmCompletionForm]:
    cohort = get_cohort(request, pk, Level.READ)
    progress = completion.cohort_progress(cohort)
    form = ConfirmCompletionForm(
        data,
        # Every member is a valid choice, so a second press is told who is done already.
        choices=[(p.enrolment.pk, p.enrolment.person.name) for p in progress],
        initial={
            "enrolments": [str(p.enrolment.pk) for p in progress if p.may_confirm and p.meets_rules]
        },
    )
    level = load_viewer(request).cohort_level(cohort)
    context = {
        "cohort": cohort,
        "rules": rules_for(cohort.programme),
        "progress": progress,
        "form": form,
        "may_change": level >= Level.WRITE,
        "meeting": sum(1 for p in progress if p.may_confirm and p.meets_rules),
        "active": sum(1 for p in progress if p.may_confirm),
        "checked": (
            {int(pk) for pk in data.getlist("enrolments") if pk.isdigit()}
            if data is not None
            else {p.enrolment.pk for p in progress if p.may_confirm and p.meets_rules}
        ),
    }
    return context, form


@login_required
def completion_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    context, _ = _page(request, pk)
    return render(request, "programmes/completion.html", context)


@login_required
@require_POST
def completion_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    context, form = _page(request, pk, request.POST)
    if form.is_valid():
        try:
            done = completion.confirm_completion(
                cohort,
                form.ids(),
                by=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{count_of(len(done), 'participant')} completed and "
                f"{plural(len(done), 'is')} now alumni, each with a certificate.",
            )
            return redirect("programmes:completion", pk=cohort.pk)
    return render(request, "programmes/completion.html", context, status=400)


@login_required
def completion_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.READ)
    progress = completion.cohort_progress(cohort)
    names = [result.rule for result in progress[0].results] if progress else []
    table = Table(
        title=f"Completion {cohort.name}",
        headers=["Name", "Organisation", "Status", "Meets the rules", *names, "Certificate"],
        rows=[
            [
                p.enrolment.person.name,
                p.enrolment.person.organisation.label if p.enrolment.person.organisation else "",
                p.enrolment.get_status_display(),
                "Yes" if p.meets_rules else "No",
                *[f"{r.tag}: {r.detail}" for r in p.results],
                certificates.verification_url(p.certificate) if p.certificate else "",
            ]
            for p in progress
        ],
        filename=f"completion-{cohort.programme.slug}-{cohort.name.replace('/', '-')}",
    )
    return export_response(table, fmt)


@login_required
def completion_rules(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    require(load_viewer(request).programme_level(programme.pk), Level.WRITE)
    rules = CompletionRules.objects.filter(programme=programme).first()
    instance = copy(rules) if rules is not None else CompletionRules(programme=programme)
    form = CompletionRulesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        action = "changed" if rules is not None else "created"
        save_form(form, request.user, f"programmes.completionrules.{action}")
        messages.success(request, "Completion rules saved.")
        return redirect(programme)
    return render(
        request, "programmes/completion_rules.html", {"programme": programme, "form": form}
    )


def _enrolment(request: AuthenticatedRequest, pk: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("person", "sponsor", "cohort__programme")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404("Not found")
    get_cohort(request, enrolment.cohort_id, Level.WRITE)
    return enrolment


@login_required
def enrolment_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            completion.withdraw(enrolment, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{enrolment.person.name} has withdrawn. Their record is kept."
            )
            return redirect(enrolment.cohort)
    return render(
        request,
        "programmes/enrolment_leave.html",
        {"enrolment": enrolment, "form": form, "action": "withdraw"},
    )


@login_required
def enrolment_defer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    form = DeferForm(request.POST or None, enrolment=enrolment)
    if request.method == "POST" and form.is_valid():
        try:
            later = completion.defer(enrolment, form.cleaned_data["cohort"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{enrolment.person.name} is deferred to {later.cohort}. "
                "Their record here is kept.",
            )
            return redirect(enrolment.cohort)
    return render(
        request,
        "programmes/enrolment_leave.html",
        {"enrolment": enrolment, "form": form, "action": "defer"},
    )


@login_required
@require_POST
def notify_sponsor(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    standing = standings([enrolment])[enrolment.pk]
    try:
        completion.notify_sponsor(standing, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{enrolment.sponsor} has been told about {enrolment.person.name}'s attendance.",
        )
    return redirect(reverse("programmes:cohort", args=[enrolment.cohort_id]) + "#at-risk")


@login_required
def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The certificate itself: for its holder and the programme's staff and facilitators."""
    certificate = (
        Certificate.objects.select_related("enrolment__person", "enrolment__cohort__programme")
        .filter(enrolment_id=pk)
        .first()
    )
    if certificate is None:
        raise Http404("Not found")
    viewer = load_viewer(request)
    enrolment = certificate.enrolment
    own = enrolment.person_id == viewer.person_id
    if not own and viewer.cohort_level(enrolment.cohort) < Level.READ:
        raise Http404("Not found")
    return certificates.certificate_pdf(certificate)


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone with the link may check a certificate; an altered code is not valid."""
    certificate = certificates.verify(code)
    if certificate is None:
        return render(request, "programmes/certificate_invalid.html", status=404)
    return render(request, "programmes/certificate_verify.html", {"certificate": certificate})
