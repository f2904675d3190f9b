"""Panel members score complete applications; others' marks stay hidden until they submit theirs.

Equality monitoring answers are never read here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from commonground.lib.checks import Check, carried, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest

from .. import services
from ..access import panel_round
from ..forms import ReviewForm
from ..models import Application, Review, Status

SCORED_STATUSES = (
    Status.ENDORSED,
    Status.OFFERED,
    Status.ACCEPTED,
    Status.DECLINED,
    Status.EXPIRED,
    Status.WAITING,
    Status.UNSUCCESSFUL,
)


@login_required
def panel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application_round = panel_round(request, pk)
    applications = list(
        application_round.applications.filter(status__in=SCORED_STATUSES, person__isnull=False)
        .select_related("person", "organisation")
        .prefetch_related(
            Prefetch(
                "reviews", queryset=Review.objects.filter(reviewer=request.user), to_attr="mine"
            )
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )
    done = sum(1 for a in applications if a.mine and a.mine[0].submitted_at)
    return render(
        request,
        "recruitment/panel.html",
        {"round": application_round, "applications": applications, "done": done},
    )


def _marks_check(
    request: AuthenticatedRequest, application: Application, form: ReviewForm
) -> Check:
    scores = form.scores()
    criteria = application.round.criteria
    rows = [
        (criterion, f"{scores.get(str(i))} out of {max(services.MARKS)}")
        for i, criterion in enumerate(criteria)
    ]
    rows.append(("Total", f"{sum(scores.values())} out of {max(services.MARKS) * len(criteria)}"))
    rows.append(("Your comment", form.cleaned_data["comment"].strip() or "None"))
    review_url = reverse("recruitment:review", args=[application.pk])
    return Check(
        title="Check your marks before you submit them",
        caption=application.name,
        confirm_label="Submit my marks",
        back_url=review_url,
        rows=rows,
        no_email_note="No one is emailed. Your marks are saved as a draft until you submit them.",
        warning=(
            "You cannot change your marks once you submit them. You will then see the other "
            "panel members' marks."
        ),
        carry=carried(request, *form.fields, "action"),
        breadcrumbs=[
            ("Applications to score", reverse("recruitment:panel", args=[application.round_id])),
            (f"Score {application.name}", review_url),
        ],
    )


@login_required
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = (
        Application.objects.select_related(
            "round__cohort__programme", "person", "organisation", "endorsement__sponsor"
        )
        .filter(pk=pk, status__in=SCORED_STATUSES, person__isnull=False)
        .first()
    )
    if application is None:
        raise Http404("Not found")
    application_round = panel_round(request, application.round_id)
    application.round = application_round
    seen = services.reviews_seen_by(application, request.user)
    own, submitted = seen.own, seen.submitted
    initial = {f"score_{k}": v for k, v in own.scores.items()} if own else {}
    if own:
        initial["comment"] = own.comment
    form = ReviewForm(request.POST or None, application_round=application_round, initial=initial)
    if request.method == "POST" and not submitted and form.is_valid():
        submit_it = request.POST.get("action") == "submit"
        # Submitting cannot be undone: the first press saves a draft and shows the check page,
        # whose button submits.
        acting = submit_it and confirmed(request)
        try:
            if submit_it and not acting:
                services.require_every_mark(application, form.scores())
            services.save_review(
                application,
                request.user,
                form.scores(),
                form.cleaned_data["comment"],
                submit_it=acting,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submit_it and not acting:
                return render_check(request, _marks_check(request, application, form))
            messages.success(
                request,
                "Your marks are submitted. You can now see the other panel members' marks."
                if acting
                else "Your marks are saved as a draft.",
            )
            return redirect("recruitment:review", pk=application.pk)
    return render(
        request,
        "recruitment/review.html",
        {
            "application": application,
            "round": application_round,
            "form": form,
            "own": own,
            "submitted": submitted,
            "others": seen.others,
            "criteria": list(enumerate(application_round.criteria)),
            "answers": application.answer_pairs(),
            "statements": application.statement_pairs(),
            "endorsement": getattr(application, "endorsement", None),
        },
    )
