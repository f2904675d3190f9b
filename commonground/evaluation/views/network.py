"""The network survey and its reports: answering the roster questions, the cohort's network
(maps and names for staff, aggregates for everyone else), a participant's own ties, and a
programme's question sets."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from commonground.lib.access import Level, load_viewer
from commonground.lib.exports import FORMATS, cell
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.small_numbers import threshold_for as small_number_threshold

from ..access import (
    can_export_network,
    network_export_cohort,
    own_self_response,
    participant_or_staff,
    report_cohort,
    report_programme,
)
from ..access import threshold_for as report_threshold
from ..models import NetworkAnswer, OutsideName
from ..network import (
    EDGES_EXPORT_COLUMNS,
    PEOPLE_EXPORT_COLUMNS,
    cohort_network,
    own_ties,
    pseudonymised,
    roster,
    tie_types,
)
from ..network_forms import NetworkForm, QuestionSetForm
from ..network_presentation import legend, sections
from ..network_services import create_question_set, save_network_answers

SAVED = "Your network answers are saved. Come back to send them before the survey closes."


@login_required
@never_cache
def network_survey(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = own_self_response(request, pk)
    wave = response.wave
    if wave.network_questions_id is None:
        raise Http404("Not found")
    context: dict[str, Any] = {"response": response, "wave": wave}
    if response.network_submitted_at or not wave.is_open(timezone.localdate()):
        return render(request, "evaluation/network_survey.html", context)
    types = tie_types(wave)
    named: dict[int, set[int]] = {t.pk: set() for t in types}
    outside: dict[int, list[str]] = {t.pk: [] for t in types}
    for tie_id, person_id in NetworkAnswer.objects.filter(response=response).values_list(
        "tie_type_id", "person_id"
    ):
        named[tie_id].add(person_id)
    for tie_id, name in OutsideName.objects.filter(response=response).values_list(
        "tie_type_id", "name"
    ):
        outside[tie_id].append(name)
    form = NetworkForm(
        request.POST if request.method == "POST" else None,
        roster=roster(wave),
        tie_types=types,
        named=named,
        outside=outside,
        me=response.enrolment.person_id,
    )
    if request.method == "POST" and form.is_valid():
        sending = request.POST.get("action") == "submit"
        chosen, typed = form.answers()
        try:
            save_network_answers(
                response, named=chosen, outside=typed, submit=sending, by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if sending:
                messages.success(request, "Thank you: your network answers are sent.")
                return redirect("evaluation:my_surveys")
            messages.success(request, SAVED)
            return redirect("evaluation:network_survey", pk=pk)
    context["form"] = form
    return render(
        request, "evaluation/network_survey.html", context, status=400 if form.errors else 200
    )


@login_required
def cohort_network_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = report_cohort(request, pk)
    threshold = report_threshold(request, cohort.programme_id)
    network = cohort_network(cohort)
    report = network.report()
    return render(
        request,
        "evaluation/network_report.html",
        {
            "cohort": cohort,
            "is_staff": threshold is None,
            "threshold": threshold,
            "sections": sections(network, report, threshold),
            "legend": legend(network),
            "people": report.people,
            "outside_names": network.outside_names,
            "can_export": can_export_network(request, cohort.programme_id),
        },
    )


@login_required
def network_export(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """The cohort's network, pseudonymised, as the command line reads it: `people` (each person
    with their attributes) or `edges` (every named tie), for programme staff and evaluators."""
    if kind not in ("people", "edges"):
        raise Http404("Not found")
    cohort = network_export_cohort(request, pk)
    people, ties = pseudonymised(cohort_network(cohort))
    columns, rows = (
        (PEOPLE_EXPORT_COLUMNS, people) if kind == "people" else (EDGES_EXPORT_COLUMNS, ties)
    )
    response = HttpResponse(content_type=FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="network-{cohort.pk}-{kind}.csv"'
    writer = csv.writer(response)
    writer.writerow(columns)
    writer.writerows([cell(row[column]) for column in columns] for row in rows)
    return response


@login_required
def my_network(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A participant's own ties, and the cohort's figures as anyone but staff sees them."""
    enrolment = participant_or_staff(request, pk)
    # Staff looking at a participant's page see it as the participant does.
    shown = small_number_threshold(exact=False)
    network = cohort_network(enrolment.cohort)
    return render(
        request,
        "evaluation/my_network.html",
        {
            "enrolment": enrolment,
            "ties": own_ties(enrolment),
            "sections": sections(network, network.report(), shown),
            "threshold": shown,
            "is_self": enrolment.person_id == load_viewer(request).person_id,
        },
    )


@login_required
def network_questions(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = report_programme(request, slug, Level.WRITE)
    form = QuestionSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = create_question_set(
            programme,
            form.cleaned_data["title"],
            form.cleaned_data["questions"],
            request.user,
            include_alumni=form.cleaned_data["include_alumni"],
        )
        messages.success(request, f"{made.title} added. Choose it for a wave in its plan.")
        return redirect("evaluation:network_questions", slug=slug)
    question_sets = programme.network_question_sets.prefetch_related("tie_types")
    return render(
        request,
        "evaluation/network_questions.html",
        {"programme": programme, "question_sets": list(question_sets), "form": form},
        status=400 if form.errors else 200,
    )
