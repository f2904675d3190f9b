"""Programme staff run the round: settings, rules, panel, applications, moderation, selection."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.audit.log import audited, history, save_form
from commonground.exports.views import ask_for_export
from commonground.lib.access import Level, get_cohort
from commonground.lib.checks import Check, EmailPreview, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.small_numbers import suppress, threshold_for
from commonground.lib.words import count_of

from .. import services
from ..access import staff_round
from ..forms import (
    EarlyForm,
    ModerateForm,
    OffersForm,
    PanelMemberForm,
    RoundForm,
    RuleForm,
    end_of,
)
from ..models import (
    DEFAULT_CRITERIA,
    DEFAULT_QUESTIONS,
    Application,
    BalanceRule,
    Endorsement,
    EndorsementStatus,
    PanelMember,
    Proposal,
    Review,
    Round,
    Status,
)
from ..selection import check_rules, mix_of


def _spread(reviews: list[Review]) -> dict[str, Any]:
    totals = [r.total for r in reviews if r.submitted_at]
    return {
        "count": len(totals),
        "low": min(totals) if totals else None,
        "high": max(totals) if totals else None,
        "mean": services.panel_score(reviews),
    }


@login_required
def manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = staff_round(request, pk)
    counts = dict(
        application_round.applications.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    waiting = list(
        Endorsement.objects.filter(
            application__round=application_round,
            status=EndorsementStatus.PENDING,
            application__status=Status.SUBMITTED,
        )
        .select_related("application__person", "sponsor")
        .order_by("requested_at", "pk")
    )
    return render(
        request,
        "recruitment/manage.html",
        {
            "round": application_round,
            "counts": [(label, counts.get(value, 0)) for value, label in Status.choices],
            "waiting": waiting,
            "rules": list(application_round.rules.all()),
            "rule_form": RuleForm(),
            "panel": list(application_round.panel.select_related("user")),
            "panel_form": PanelMemberForm(),
            "proposals": list(application_round.proposals.select_related("created_by")[:5]),
            "history": list(history(application_round)),
        },
    )


@login_required
def round_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    if Round.objects.filter(cohort=cohort).exists():
        messages.error(request, f"{cohort} already has an application round.")
        return redirect("recruitment:manage", pk=cohort.recruitment_round.pk)
    form = RoundForm(
        request.POST or None,
        initial={
            "places": cohort.capacity,
            "questions": DEFAULT_QUESTIONS,
            "criteria": DEFAULT_CRITERIA,
        },
    )
    if request.method == "POST" and form.is_valid():
        form.instance.cohort = cohort
        application_round = save_form(form, request.user, "recruitment.round.created")
        messages.success(request, f"The application round for {cohort} is saved.")
        return redirect("recruitment:manage", pk=application_round.pk)
    return render(request, "recruitment/round_form.html", {"cohort": cohort, "form": form})


@login_required
def round_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = staff_round(request, pk)
    form = RoundForm(request.POST or None, instance=application_round)
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user, "recruitment.round.changed")
        messages.success(request, "The application round is saved.")
        return redirect("recruitment:manage", pk=application_round.pk)
    return render(
        request,
        "recruitment/round_form.html",
        {"cohort": application_round.cohort, "form": form, "round": application_round},
    )


@login_required
@require_POST
def rule_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = staff_round(request, pk)
    form = RuleForm(request.POST)
    if form.is_valid():
        form.instance.round = application_round
        rule = save_form(form, request.user, "recruitment.rule.created")
        messages.success(request, f"Rule added: {rule.label}.")
        return redirect("recruitment:manage", pk=application_round.pk)
    return render(
        request,
        "recruitment/rule_form.html",
        {"round": application_round, "form": form},
        status=400,
    )


@login_required
@require_POST
def rule_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rule = BalanceRule.objects.filter(pk=pk).first()
    if rule is None:
        raise Http404("Not found")
    application_round = staff_round(request, rule.round_id)
    with audited(request.user, rule, "recruitment.rule.deleted"):
        rule.delete()
    messages.success(request, f"Rule removed: {rule.label}.")
    return redirect("recruitment:manage", pk=application_round.pk)


@login_required
@require_POST
def panel_member_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = staff_round(request, pk)
    form = PanelMemberForm(request.POST)
    if form.is_valid():
        user = form.cleaned_data["email"]
        if not PanelMember.objects.filter(round=application_round, user=user).exists():
            member = PanelMember(round=application_round, user=user)
            with audited(request.user, member, "recruitment.panelmember.created"):
                member.save()
        messages.success(request, f"{user} is on the panel.")
        return redirect("recruitment:manage", pk=application_round.pk)
    return render(
        request,
        "recruitment/panel_member_form.html",
        {"round": application_round, "form": form},
        status=400,
    )


@login_required
@require_POST
def panel_member_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = PanelMember.objects.select_related("user").filter(pk=pk).first()
    if member is None:
        raise Http404("Not found")
    application_round = staff_round(request, member.round_id)
    with audited(request.user, member, "recruitment.panelmember.deleted"):
        member.delete()
    messages.success(request, f"{member.user} is no longer on the panel.")
    return redirect("recruitment:manage", pk=application_round.pk)


def _applications(application_round: Round, status: str) -> QuerySet[Application]:
    found = application_round.applications.all()
    if status in Status.values:
        found = found.filter(status=status)
    return (
        found.select_related("person", "organisation", "endorsement__sponsor")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.order_by("pk")))
        .order_by("person__last_name", "person__first_name", "pk")
    )


@login_required
def applications(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = staff_round(request, pk)
    status = request.GET.get("status", "")
    page = Paginator(_applications(application_round, status), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        (application, _spread(list(application.reviews.all())), services.score_of(application))
        for application in page
    ]
    return render(
        request,
        "recruitment/applications.html",
        {
            "round": application_round,
            "rows": rows,
            "page": page,
            "query": urlencode({"status": status}) if status else "",
            "statuses": Status.choices,
            "status": status,
        },
    )


@login_required
def staff_application(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The whole application for staff, every panel mark and their spread, and moderation."""
    application = (
        Application.objects.select_related(
            "round__cohort__programme", "person", "organisation", "endorsement__sponsor"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("Not found")
    application_round = staff_round(request, application.round_id)
    reviews = list(application.reviews.select_related("reviewer").order_by("pk"))
    form = ModerateForm(
        request.POST or None,
        initial={
            "moderated_score": application.moderated_score,
            "note": application.moderation_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.moderate(
            application,
            form.cleaned_data["moderated_score"],
            form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, f"{application.name}'s score is moderated.")
        return redirect("recruitment:staff_application", pk=application.pk)
    return render(
        request,
        "recruitment/staff_application.html",
        {
            "application": application,
            "round": application_round,
            "reviews": reviews,
            "spread": _spread(reviews),
            "criteria": list(enumerate(application_round.criteria)),
            "answers": application.answer_pairs(),
            "statements": application.statement_pairs(),
            "endorsement": getattr(application, "endorsement", None),
            "form": form,
            "history": list(history(application)),
        },
    )


def _crumbs(application_round: Round) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("home")),
        (
            str(application_round.cohort),
            reverse("programmes:cohort", args=[application_round.cohort_id]),
        ),
        ("Recruitment", reverse("recruitment:manage", args=[application_round.pk])),
    ]


def _recipient(application: Application) -> str:
    person = application.person
    return f"{person.name} ({person.email})" if person else application.name


def _names(applications: list[Application], numbered: bool = False) -> str:
    if not applications:
        return "No one"
    return "\n".join(
        f"{n}. {a.name}" if numbered else a.name for n, a in enumerate(applications, start=1)
    )


def _emailed(applications: list[Application]) -> list[Application]:
    return [a for a in applications if a.person is not None]


@login_required
@require_POST
def propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask for a proposal; while the round is open only with the override and a reason."""
    application_round = staff_round(request, pk)
    early_reason = ""
    if not application_round.has_closed:
        form = EarlyForm(
            request.POST if confirmed(request) else None,
            application_round=application_round,
            doing="propose",
        )
        if not (confirmed(request) and form.is_valid()):
            return render_check(request, _early_proposal_check(application_round, form))
        early_reason = form.early_reason
    try:
        proposal = services.propose(application_round, by=request.user, early_reason=early_reason)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("recruitment:manage", pk=application_round.pk)
    return redirect(proposal)


def _early_proposal_check(application_round: Round, form: EarlyForm) -> Check:
    counts = dict(
        application_round.applications.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    closes = services.when(application_round.closes_at)
    return Check(
        title="Applications are still open",
        caption=str(application_round.cohort),
        confirm_label="Propose a cohort now",
        back_url=reverse("recruitment:manage", args=[application_round.pk]),
        rows=[
            ("Applications close", closes),
            ("Complete applications so far", str(counts.get(Status.ENDORSED, 0))),
            ("Waiting for their sponsor", str(counts.get(Status.SUBMITTED, 0))),
            ("Still being written", str(counts.get(Status.DRAFT, 0))),
            (
                "What happens",
                "The solver proposes a cohort from the complete, scored applications so far. "
                "Nothing is sent: you check the offers before they go.",
            ),
        ],
        no_email_note="No one is emailed.",
        warning=(
            f"Applications are open until {closes}. A cohort is normally proposed once they "
            "close, so that everyone who applies in time is considered."
        ),
        form=form,
        breadcrumbs=_crumbs(application_round),
    )


def _staff_proposal(request: AuthenticatedRequest, pk: int) -> Proposal:
    proposal = Proposal.objects.select_related("round").filter(pk=pk).first()
    if proposal is None:
        raise Http404("Not found")
    proposal.round = staff_round(request, proposal.round_id)
    return proposal


MIX_LABELS = {"sector": "Sector", "area": "Area", "organisation": "Organisation"}


@login_required
def proposal(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _staff_proposal(request, pk)
    application_round = proposal.round
    pool = services.selectable(application_round)
    waiting_for_marks = len(services.unscored(pool))
    pool = [a for a in pool if services.score_of(a) is not None]
    if proposal.confirmed_at is not None:
        pool = list(
            application_round.applications.filter(pk__in=proposal.chosen)
            .select_related("organisation", "person")
            .prefetch_related("reviews")
        )
    problem = services.problem_for(application_round, pool)
    by_pk = {a.pk: a for a in pool}
    chosen = [by_pk[pk] for pk in proposal.chosen if pk in by_pk]
    chosen_ids = {a.pk for a in chosen}
    others = sorted(
        (a for a in pool if a.pk not in chosen_ids),
        key=lambda a: (-(services.score_of(a) or Decimal(0)), a.pk),
    )
    checks = check_rules(problem, chosen_ids) if proposal.status != "infeasible" else ()
    mix = mix_of(problem.candidates, chosen_ids)
    total = sum((services.score_of(a) or Decimal(0)) for a in chosen)
    return render(
        request,
        "recruitment/proposal.html",
        {
            "proposal": proposal,
            "round": application_round,
            "chosen": [(a, services.score_of(a)) for a in chosen],
            "others": [(a, services.score_of(a)) for a in others],
            "checks": checks,
            "mix": [
                (MIX_LABELS.get(name, name), sorted(values.items())) for name, values in mix.items()
            ],
            "total": total,
            "broken": [c for c in checks if not c.met],
            "unscored": waiting_for_marks,
        },
    )


@login_required
@require_POST
def proposal_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _staff_proposal(request, pk)
    try:
        add = [int(v) for v in request.POST.getlist("add")]
        remove = [int(v) for v in request.POST.getlist("remove")]
    except ValueError as error:
        raise Http404("Not found") from error
    try:
        services.change_proposal(proposal, add=add, remove=remove, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The proposal is changed. Check the rules before confirming.")
    return redirect(proposal)


@login_required
def proposal_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page for the offers; only its button sends them."""
    proposal = _staff_proposal(request, pk)
    application_round = proposal.round
    try:
        plan = services.plan_offers(proposal)
    except services.AlreadyDone as error:
        messages.info(request, error.messages[0])
        return redirect("recruitment:manage", pk=proposal.round_id)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(proposal)
    form = OffersForm(
        request.POST if confirmed(request) else None, application_round=application_round
    )
    if confirmed(request) and form.is_valid():
        try:
            offers = services.confirm_proposal(
                proposal, by=request.user, deadline=form.deadline, early_reason=form.early_reason
            )
        except services.AlreadyDone as error:
            messages.info(request, error.messages[0])
            return redirect("recruitment:manage", pk=proposal.round_id)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            waiting = count_of(len(plan.waiting), "person")
            messages.success(
                request,
                f"{count_of(offers, 'offer')} sent. {waiting} on the waiting list and "
                f"{count_of(len(plan.not_selected), 'person')} told they were not selected.",
            )
            return redirect("recruitment:manage", pk=proposal.round_id)
    deadline = (
        form.deadline
        if form.is_bound and not form.errors
        else end_of(form.fields["reply_by"].initial)
    )
    return render_check(request, _offers_check(proposal, plan, form, deadline))


def _offers_check(
    proposal: Proposal, plan: services.OfferPlan, form: OffersForm, deadline: dt.datetime
) -> Check:
    application_round = proposal.round
    closes = services.when(application_round.closes_at)
    rows = [
        (f"Offered a place ({len(plan.offers)})", _names(plan.offers)),
        ("Reply by", services.when(deadline)),
        (f"Put on the waiting list ({len(plan.waiting)})", _names(plan.waiting, numbered=True)),
        (f"Told they were not selected ({len(plan.not_selected)})", _names(plan.not_selected)),
    ]
    emails = []
    offered = _emailed(plan.offers)
    if offered:
        emails.append(
            EmailPreview.of(
                "Offer of a place",
                [_recipient(a) for a in offered],
                "recruitment-offer",
                services.offer_context(offered[0], deadline),
            )
        )
    waiting = _emailed(plan.waiting)
    if waiting:
        emails.append(
            EmailPreview.of(
                "On the waiting list",
                [_recipient(a) for a in waiting],
                "recruitment-waiting",
                services.tell_context(waiting[0]),
            )
        )
    not_selected = _emailed(plan.not_selected)
    if not_selected:
        emails.append(
            EmailPreview.of(
                "Not selected",
                [_recipient(a) for a in not_selected],
                "recruitment-unsuccessful",
                services.tell_context(not_selected[0]),
            )
        )
    sponsor_key = f"Waiting for their sponsor ({len(plan.not_endorsed)})"
    if plan.tell_not_endorsed:
        rows.append(
            (
                sponsor_key,
                _names(plan.not_endorsed) + "\nTold their application could not be considered.",
            )
        )
        not_endorsed = _emailed(plan.not_endorsed)
        if not_endorsed:
            emails.append(
                EmailPreview.of(
                    "Not endorsed by their sponsor in time",
                    [_recipient(a) for a in not_endorsed],
                    "recruitment-unsuccessful",
                    services.tell_context(not_endorsed[0], incomplete=True),
                )
            )
        rows.append(("Applications", f"Closed on {closes}"))
    else:
        rows.append(
            (
                sponsor_key,
                f"They stay as they are and are not emailed: applications are open until {closes}.",
            )
        )
        rows.append(
            (
                "Applications",
                f"Close today instead of {closes}: the public page will say applications are "
                "closed.",
            )
        )
    return Check(
        title="Check before you send the offers",
        caption=str(application_round.cohort),
        confirm_label=f"Send {count_of(len(plan.offers), 'offer')}",
        back_url=proposal.get_absolute_url(),
        rows=rows,
        emails=emails,
        warning=(
            "Offers cannot be taken back once they are sent, and everyone listed is emailed "
            "at once."
            if application_round.has_closed
            else f"Applications are open until {closes}. Offers are normally sent once they "
            "close. Offers cannot be taken back once they are sent."
        ),
        form=form,
        breadcrumbs=[
            *_crumbs(application_round),
            ("Proposed cohort", proposal.get_absolute_url()),
        ],
    )


@login_required
def close_waiting_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page for closing the waiting list; only its button tells those on it."""
    application_round = staff_round(request, pk)
    if confirmed(request):
        try:
            told = services.close_waiting_list(application_round, by=request.user)
        except services.AlreadyDone as error:
            messages.info(request, error.messages[0])
        else:
            messages.success(
                request, f"The waiting list is closed: {count_of(told, 'person')} told."
            )
        return redirect("recruitment:manage", pk=application_round.pk)
    waiting = services.still_waiting(application_round)
    emailed = _emailed(waiting)
    emails = (
        [
            EmailPreview.of(
                "Not selected",
                [_recipient(a) for a in emailed],
                "recruitment-unsuccessful",
                services.tell_context(emailed[0]),
            )
        ]
        if emailed
        else []
    )
    return render_check(
        request,
        Check(
            title="Check before you close the waiting list",
            caption=str(application_round.cohort),
            confirm_label=f"Close the waiting list and tell {count_of(len(waiting), 'person')}",
            back_url=reverse("recruitment:manage", args=[application_round.pk]),
            rows=[
                (f"Told they were not selected ({len(waiting)})", _names(waiting, numbered=True)),
                ("Places that come free", "Are no longer offered to anyone on the list"),
            ],
            emails=emails,
            warning="This cannot be undone: nobody can be put back on the waiting list.",
            breadcrumbs=_crumbs(application_round),
            nothing_to_do=(
                "" if waiting else "Nobody is on the waiting list, so there is nothing to close."
            ),
        ),
    )


@login_required
def equality_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Monitoring answers in aggregate only, with small groups hidden from staff too.

    Each question's answers, with those who did not answer it, add up to the responses, so
    each is one line of the small-number rule beside that total.
    """
    application_round = staff_round(request, pk)
    # Special-category answers: nobody sees a small group, so staff get the outsiders' view.
    threshold = threshold_for(exact=False)
    counted, _ = services.equality_counts(application_round)
    sections = []
    totals = []
    for title, rows in counted:
        line = suppress([n for _, n in rows], threshold)
        totals.append(line.total)
        sections.append(
            (title, [(label, cell) for (label, _), cell in zip(rows, line.cells, strict=True)])
        )
    return render(
        request,
        "recruitment/equality_report.html",
        {
            "round": application_round,
            "sections": sections,
            # One figure shown once, so hidden if any question's line hides it.
            "total": next((t for t in totals if t.hidden), totals[0]),
            "threshold": threshold,
        },
    )


@login_required
def export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    return ask_for_export(request, "recruitment.applications", fmt, {"round": str(pk)})
