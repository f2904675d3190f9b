"""Answering a survey: a participant's own (signed in) and a rater's (through a personal link)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from commonground.lib.access import load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Enrolment

from ..access import own_self_response
from ..adapters import load_version
from ..forms import SurveyForm
from ..models import RATER_TYPE_LABELS, SurveyResponse
from ..services import (
    NOT_OPEN_MESSAGE,
    LinkProblem,
    not_open_title,
    response_for_token,
    save_answers,
)

SAVED = "Your answers are saved. Come back to finish them before the survey closes."


@login_required
def my_surveys(request: AuthenticatedRequest) -> HttpResponse:
    """Every self assessment the participant has been asked for, newest wave first."""
    viewer = load_viewer(request)
    responses = list(
        SurveyResponse.objects.filter(rater_type="self", enrolment__person_id=viewer.person_id or 0)
        .select_related("wave__cohort__programme", "enrolment")
        .order_by("-wave__opens_on", "pk")
    )
    today = timezone.localdate()
    enrolments = Enrolment.objects.filter(person_id=viewer.person_id or 0).select_related(
        "cohort__programme"
    )
    return render(
        request,
        "evaluation/my_surveys.html",
        {
            "open": [r for r in responses if r.wave.is_open(today) and not r.submitted],
            "others": [r for r in responses if r.submitted or not r.wave.is_open(today)],
            "network_open": [
                r
                for r in responses
                if r.wave.network_questions_id
                and r.wave.is_open(today)
                and r.network_submitted_at is None
            ],
            "enrolments": list(enrolments.order_by("-cohort__starts_on")),
            "today": today,
        },
    )


def _answers(response: SurveyResponse) -> dict[str, dict[str, Any]]:
    return {
        "ratings": response.ratings,
        "before": response.before_ratings,
        "comments": response.comments,
    }


def _handle(request: HttpRequest, response: SurveyResponse, rater: bool) -> tuple[SurveyForm, str]:
    """The form, and what happened: "shown", "invalid", "saved" or "submitted"."""
    version = load_version(response.version_id)
    submitting = request.POST.get("action") == "submit"
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        version=version,
        wave=response.wave,
        rater=rater,
        answers=_answers(response),
        submitting=submitting,
    )
    if request.method != "POST":
        return form, "shown"
    if not form.is_valid():
        return form, "invalid"
    ratings, before, comments = form.answers()
    try:
        save_answers(response, ratings=ratings, before=before, comments=comments, submit=submitting)
    except ValidationError as error:
        form.add_error(None, error)
        return form, "invalid"
    return form, "submitted" if submitting else "saved"


@login_required
@never_cache
def survey(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = own_self_response(request, pk)
    wave = response.wave
    today = timezone.localdate()
    context: dict[str, Any] = {
        "response": response,
        "wave": wave,
        "rater": False,
        "not_yet": today < wave.opens_on,
        "not_open_title": not_open_title(wave),
        "not_open_message": NOT_OPEN_MESSAGE,
    }
    if response.submitted or not wave.is_open(today):
        return render(request, "evaluation/survey.html", context)
    form, outcome = _handle(request, response, rater=False)
    if outcome == "submitted":
        messages.success(
            request, f"Thank you: your {wave.get_kind_display().lower()} answers are sent."
        )
        return redirect("evaluation:my_surveys")
    if outcome == "saved":
        messages.success(request, SAVED)
        return redirect("evaluation:survey", pk=pk)
    context["form"] = form
    return render(request, "evaluation/survey.html", context, status=400 if form.errors else 200)


@never_cache
def rater_survey(request: HttpRequest, token: str) -> HttpResponse:
    """A rater's survey: shows the participant's first name and the questions, nothing more."""
    try:
        response = response_for_token(token)
    except LinkProblem as problem:
        return render(
            request, "evaluation/link_problem.html", {"problem": problem}, status=problem.status
        )
    form, outcome = _handle(request, response, rater=True)
    context: dict[str, Any] = {
        "wave": response.wave,
        "first_name": response.enrolment.person.first_name,
        "relationship": RATER_TYPE_LABELS[response.rater_type].lower(),
        "form": form,
    }
    if outcome == "submitted":
        return render(request, "evaluation/rater_thanks.html", context)
    if outcome == "saved":
        messages.success(request, SAVED)
        return redirect("evaluation:rater_survey", token=token)
    return render(
        request, "evaluation/rater_survey.html", context, status=400 if form.errors else 200
    )
