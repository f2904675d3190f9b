"""Completion: each cohort's participants against the rules, confirmed in bulk by staff;
withdrawal, deferral, sponsor alerts, certificates and their public verification page.

Every action here that emails someone or cannot simply be undone goes through the check page
(`lib/checks.py`): a GET, or a POST without confirm=yes, shows what will happen; only the
check page's button acts."""

from __future__ import annotations

from copy import copy
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.audit.log import history, save_form
from commonground.exports.views import ask_for_export
from commonground.lib.access import Level, get_cohort, load_viewer, require
from commonground.lib.checks import Check, EmailPreview, carried, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of, plural
from commonground.programmes import certificates, completion, completion_emails
from commonground.programmes.commitment import rules_for, standings
from commonground.programmes.completion_emails import recipient
from commonground.programmes.completion_forms import (
    ChooseCompletersForm,
    CompletionReasonsForm,
    WithdrawCompletionForm,
)
from commonground.programmes.delivery_forms import CompletionRulesForm, DeferForm, WithdrawForm
from commonground.programmes.models import (
    Certificate,
    Cohort,
    CompletionRules,
    Enrolment,
    EnrolmentStatus,
    Programme,
)


def _crumbs(cohort: Cohort, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Home", reverse("home")), (str(cohort), cohort.get_absolute_url()), *more]


def _page(
    request: AuthenticatedRequest, cohort: Cohort, data: Any = None
) -> tuple[dict[str, Any], ChooseCompletersForm]:
    progress = completion.cohort_progress(cohort)
    form = ChooseCompletersForm(
        data,
        # Every member is a valid choice, so a second press is told who is done already.
        choices=[(p.enrolment.pk, p.enrolment.person.name) for p in progress],
    )
    level = load_viewer(request).cohort_level(cohort)
    withdrawn = {
        certificate.withdrawn_from_id: certificate
        for certificate in Certificate.objects.filter(withdrawn_from__cohort=cohort).order_by(
            "withdrawn_at"
        )
    }
    context = {
        "cohort": cohort,
        "rules": rules_for(cohort.programme),
        "progress": progress,
        "rows": [(p, withdrawn.get(p.enrolment.pk)) for p in progress],
        "form": form,
        "may_change": level >= Level.WRITE,
        "meeting": sum(1 for p in progress if p.may_confirm and p.meets_rules),
        "active": sum(1 for p in progress if p.may_confirm),
        "early": timezone.localdate() < cohort.ends_on,
        "checked": (
            {int(pk) for pk in data.getlist("enrolments") if pk.isdigit()}
            if data is not None
            else {p.enrolment.pk for p in progress if p.may_confirm and p.meets_rules}
        ),
    }
    return context, form


@login_required
def completion_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    context, _ = _page(request, get_cohort(request, pk, Level.READ))
    ticked = request.GET.getlist("enrolments")
    if ticked:
        # Back from the check page: the people ticked before, not the default choice.
        context["checked"] = {int(pk) for pk in ticked if pk.isdigit()}
    return render(request, "programmes/completion.html", context)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's error on the form: on its field when the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _completion_check(
    request: AuthenticatedRequest, plan: completion.CompletionPlan, form: CompletionReasonsForm
) -> Check:
    cohort = plan.cohort
    people = [p.enrolment.person for p in plan.chosen]
    when = f"{plan.completed_on:%-d %B %Y}"
    rows = [
        ("Confirmed as completed", "\n".join(person.name for person in people)),
        ("Their status", f"Active to completed: they become alumni of {cohort.programme.name}"),
        (
            "Certificates",
            f"Each of them gets a certificate of completion dated {when}, which anyone can "
            "check online with the link printed on it",
        ),
        (
            "Completion date",
            when
            + (
                f", before the cohort ends on {cohort.ends_on:%-d %B %Y}: a reason is needed"
                if plan.early
                else ""
            ),
        ),
    ]
    if plan.short:
        rows.append(
            (
                "Do not meet the rules yet",
                "\n".join(
                    f"{p.enrolment.person.name}: " + "; ".join(r.detail for r in p.missing)
                    for p in plan.short
                ),
            )
        )
    with_email = [p for p in plan.chosen if p.enrolment.person.email]
    previews = (
        [
            EmailPreview.of(
                "Completion confirmed, with a link to the certificate",
                [recipient(p.enrolment.person) for p in with_email],
                completion_emails.TEMPLATE,
                completion_emails.completion_email(with_email[0].enrolment, plan.completed_on),
            )
        ]
        if with_email
        else []
    )
    count = count_of(len(people), "participant")
    return Check(
        title=f"Check before you confirm completion of {count}",
        caption=str(cohort),
        confirm_label=f"Confirm completion of {count}",
        # Cancel goes back with the same people ticked, so nobody has to tick them again.
        back_url=reverse("programmes:completion", args=[cohort.pk])
        + "?"
        + urlencode({"enrolments": [p.enrolment.pk for p in plan.chosen]}, doseq=True),
        rows=rows,
        emails=previews,
        no_email_note="No one is emailed: none of them has an email address.",
        warning="A confirmed completion can be withdrawn later only with a reason, and its "
        "certificate then shows as withdrawn to anyone who checks it.",
        form=form if form.fields else None,
        carry=carried(request, "enrolments"),
        breadcrumbs=_crumbs(
            cohort, ("Completion", reverse("programmes:completion", args=[cohort.pk]))
        ),
    )


@login_required
@require_POST
def completion_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The ticked participants go to the check page; only its button confirms them."""
    cohort = get_cohort(request, pk, Level.WRITE)
    context, form = _page(request, cohort, request.POST)
    if form.is_valid():
        try:
            plan = completion.plan_completion(cohort, form.ids())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            reasons = CompletionReasonsForm(
                request.POST if confirmed(request) else None,
                short=[p.enrolment.person.name for p in plan.short],
                ends_on=cohort.ends_on if plan.early else None,
            )
            if confirmed(request) and reasons.is_valid():
                try:
                    done = completion.confirm_completion(
                        cohort,
                        form.ids(),
                        by=request.user,
                        override_reason=reasons.reason("override_reason"),
                        early_reason=reasons.reason("early_reason"),
                    )
                except ValidationError as error:
                    _add_errors(reasons, error)
                else:
                    messages.success(
                        request,
                        f"{count_of(len(done), 'participant')} completed and "
                        f"{plural(len(done), 'is')} now alumni, each with a certificate. "
                        "Each is emailed the link to their certificate.",
                    )
                    return redirect("programmes:completion", pk=cohort.pk)
            return render_check(request, _completion_check(request, plan, reasons))
    return render(request, "programmes/completion.html", context, status=400)


@login_required
def completion_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    return ask_for_export(request, "programmes.completion", fmt, {"cohort": str(pk)})


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


def _leave_check(enrolment: Enrolment, title: str, confirm_label: str, **extra: Any) -> Check:
    cohort = enrolment.cohort
    return Check(
        title=title,
        caption=str(cohort),
        confirm_label=confirm_label,
        back_url=cohort.get_absolute_url(),
        breadcrumbs=_crumbs(cohort),
        **extra,
    )


def _not_active(enrolment: Enrolment) -> str:
    if enrolment.status == EnrolmentStatus.ACTIVE:
        return ""
    return (
        f"{enrolment.person.name} is not an active participant "
        f"({enrolment.get_status_display().lower()}), so there is nothing to change."
    )


@login_required
def enrolment_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page, with the reason; only its button withdraws them."""
    enrolment = _enrolment(request, pk)
    name = enrolment.person.name
    form = WithdrawForm(request.POST if confirmed(request) else None)
    if confirmed(request) and form.is_valid():
        try:
            completion.withdraw(enrolment, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{name} has withdrawn. Their record is kept.")
            return redirect(enrolment.cohort)
    check = _leave_check(
        enrolment,
        f"Check before you withdraw {name}",
        f"Withdraw {name}",
        rows=[
            ("Their status", "Active to withdrawn: they leave the programme today"),
            (
                "What they lose",
                "The cohort's pages, its calendar, their learning set and challenge team, "
                "and their place in the cohort",
            ),
            ("What is kept", "Their enrolment, attendance and history"),
        ],
        no_email_note=f"No one is emailed. Tell {enrolment.person.first_name} yourself.",
        warning="Their place is freed at once. To bring them back you must change their "
        "enrolment, and the withdrawal stays in its history.",
        form=form,
        nothing_to_do=_not_active(enrolment),
    )
    return render_check(request, check)


@login_required
def enrolment_defer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Choose the later cohort, then the check page; only its button defers them."""
    enrolment = _enrolment(request, pk)
    name = enrolment.person.name
    if request.method != "POST" or _not_active(enrolment):
        return render(
            request,
            "programmes/enrolment_leave.html",
            {
                "enrolment": enrolment,
                "form": DeferForm(enrolment=enrolment),
                "nothing_to_do": _not_active(enrolment),
            },
        )
    form = DeferForm(request.POST, enrolment=enrolment)
    if form.is_valid():
        later: Cohort = form.cleaned_data["cohort"]
        if confirmed(request):
            try:
                joined = completion.defer(enrolment, later, by=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{name} is deferred to {joined.cohort}. Their record here is kept.",
                )
                return redirect(enrolment.cohort)
        if not form.errors:
            check = _leave_check(
                enrolment,
                f"Check before you defer {name}",
                f"Defer {name} to {later.name}",
                rows=[
                    ("Their status here", f"Active to deferred, in {enrolment.cohort.name}"),
                    (
                        "They join",
                        f"{later} as an active participant, from "
                        f"{max(timezone.localdate(), later.starts_on):%-d %B %Y}, with the "
                        "same sponsor",
                    ),
                    ("What is kept", "Their enrolment here, its attendance and history"),
                ],
                no_email_note=f"No one is emailed. Tell {enrolment.person.first_name} yourself.",
                warning="They leave this cohort's pages, groups and team at once. The "
                "deferral cannot be undone from here.",
                carry=carried(request, "cohort"),
            )
            return render_check(request, check)
    return render(
        request,
        "programmes/enrolment_leave.html",
        {"enrolment": enrolment, "form": form},
        status=400,
    )


@login_required
def completion_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Withdraw a confirmed completion and its certificate: the check page, with the reason."""
    enrolment = _enrolment(request, pk)
    name = enrolment.person.name
    form = WithdrawCompletionForm(request.POST if confirmed(request) else None)
    back = reverse("programmes:completion", args=[enrolment.cohort_id])
    if confirmed(request) and form.is_valid():
        try:
            completion.withdraw_completion(enrolment, form.cleaned_data["reason"], request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"{name}'s completion is withdrawn and their certificate no longer shows as "
                "valid. The history keeps both, with your reason.",
            )
            return redirect(back)
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    done = enrolment.status == EnrolmentStatus.COMPLETED
    rows = [
        (
            "Their status",
            f"Completed to {completion.status_after_withdrawal(enrolment).lower()}, as before "
            "completion was confirmed"
            if done
            else "",
        ),
        (
            "Certificate",
            (
                f"Its page ({certificates.verification_url(certificate)}) will say it was "
                f"withdrawn on {timezone.localdate():%-d %B %Y}, and its PDF can no longer be "
                "downloaded"
            )
            if certificate is not None
            else "They have no certificate",
        ),
        ("What is kept", "The certificate, marked withdrawn, and the history of both"),
    ]
    check = Check(
        title=f"Check before you withdraw {name}'s completion",
        caption=str(enrolment.cohort),
        confirm_label=f"Withdraw {name}'s completion",
        back_url=back,
        rows=rows,
        no_email_note=f"No one is emailed. Tell {enrolment.person.first_name} yourself.",
        warning="A withdrawn certificate cannot be made valid again: if they complete later, "
        "they get a new one.",
        form=form,
        breadcrumbs=_crumbs(enrolment.cohort, ("Completion", back)),
        nothing_to_do=(
            ""
            if done
            else f"{name} has not completed ({enrolment.get_status_display().lower()}), so "
            "there is no completion to withdraw."
        ),
    )
    return render_check(request, check)


@login_required
def notify_sponsor(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page shows the sponsor and the email's text; only its button sends it."""
    enrolment = _enrolment(request, pk)
    standing = standings([enrolment])[enrolment.pk]
    back = reverse("programmes:cohort", args=[enrolment.cohort_id]) + "#at-risk"
    sponsor = enrolment.sponsor
    if confirmed(request):
        try:
            completion.notify_sponsor(standing, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{sponsor} has been told about {enrolment.person.name}'s attendance.",
            )
        return redirect(back)
    told = (
        history(enrolment)
        .filter(action="programmes.enrolment.sponsor_notified")
        .values_list("created_at", flat=True)
        .first()
    )
    nothing = ""
    if sponsor is None or not sponsor.email:
        nothing = (
            f"{enrolment.person.name} has no sponsor with an email address, so there is no one "
            "to tell. Add their sponsor on their enrolment first."
        )
    rows = [
        ("About", enrolment.person.name),
        (
            "Attendance so far",
            "\n".join(standing.reasons) or standing.shown,
        ),
        (
            "Told before",
            f"Last told on {timezone.localtime(told):%-d %B %Y}" if told else "Not told before",
        ),
    ]
    check = Check(
        title=f"Check before you tell {sponsor.name if sponsor else 'the sponsor'}",
        caption=str(enrolment.cohort),
        confirm_label=f"Send the email to {sponsor.name if sponsor else 'the sponsor'}",
        back_url=back,
        rows=rows,
        emails=(
            [
                EmailPreview.of(
                    "Attendance at risk, to the sponsor",
                    [recipient(sponsor)],
                    "attendance-at-risk",
                    completion.sponsor_notice(standing),
                )
            ]
            if not nothing and sponsor is not None
            else []
        ),
        breadcrumbs=_crumbs(enrolment.cohort),
        nothing_to_do=nothing,
    )
    return render_check(request, check)


@login_required
def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The certificate itself: for its holder and the programme's staff and facilitators.
    A withdrawn certificate is not offered: the page says when it was withdrawn instead."""
    enrolment = (
        Enrolment.objects.select_related("person", "cohort__programme", "certificate")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404("Not found")
    viewer = load_viewer(request)
    own = enrolment.person_id == viewer.person_id
    if not own and viewer.cohort_level(enrolment.cohort) < Level.READ:
        raise Http404("Not found")
    certificate = getattr(enrolment, "certificate", None)
    if certificate is not None:
        return certificates.certificate_pdf(certificate)
    withdrawn = enrolment.withdrawn_certificates.order_by("-withdrawn_at").first()
    if withdrawn is None:
        raise Http404("Not found")
    withdrawn.withdrawn_from = enrolment
    return render(
        request, "programmes/certificate_withdrawn.html", {"certificate": withdrawn}, status=410
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone with the link may check a certificate; an altered code is not valid, and a
    withdrawn certificate's page says so and when."""
    certificate = certificates.verify(code)
    if certificate is None:
        return render(request, "programmes/certificate_invalid.html", status=404)
    if certificate.is_withdrawn:
        return render(
            request, "programmes/certificate_withdrawn.html", {"certificate": certificate}
        )
    return render(request, "programmes/certificate_verify.html", {"certificate": certificate})
