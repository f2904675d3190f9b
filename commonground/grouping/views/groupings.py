"""A cohort's groupings: list, create, change the rules, run, follow progress, publish, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.audit.log import history
from commonground.directory.models import Area
from commonground.lib.access import Level, load_viewer
from commonground.lib.exports import Table, export_response
from commonground.lib.http import AuthenticatedRequest

from .. import services
from ..access import get_grouping, staff_cohort
from ..forms import GroupingForm, PairForm, initial_from
from ..inputs import enrolments_to_group
from ..models import Grouping, Kind, PairRule
from .display import groups_with_members, mixing_people, rounds


@login_required
def cohort_groupings(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    groupings = list(Grouping.objects.filter(cohort=cohort).select_related("created_by"))
    may_change = load_viewer(request).programme_level(cohort.programme_id) >= Level.WRITE
    return render(
        request,
        "grouping/list.html",
        {"cohort": cohort, "groupings": groupings, "may_change": may_change},
    )


@login_required
def grouping_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk, write=True)
    enrolments = enrolments_to_group(cohort)
    form = GroupingForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        grouping = services.create_grouping(cohort, form.settings(), by=request.user)
        messages.success(
            request, f"{grouping.name} is saved as a draft. Run it to form the groups."
        )
        return redirect(grouping)
    return render(
        request,
        "grouping/form.html",
        {"cohort": cohort, "form": form, "grouping": None, "people": len(enrolments)},
    )


@login_required
def grouping_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grouping = get_grouping(request, pk, write=True)
    enrolments = enrolments_to_group(grouping.cohort)
    form = GroupingForm(request.POST or None, initial=initial_from(grouping), enrolments=enrolments)
    if not grouping.editable:
        messages.error(request, _not_editable(grouping))
        return redirect(grouping)
    if request.method == "POST" and form.is_valid():
        services.change_settings(grouping, form.settings(), by=request.user)
        messages.success(request, "The rules are saved. Run the grouping again to use them.")
        return redirect(grouping)
    return render(
        request,
        "grouping/form.html",
        {"cohort": grouping.cohort, "form": form, "grouping": grouping, "people": len(enrolments)},
    )


def _not_editable(grouping: Grouping) -> str:
    if grouping.status == "published":
        return "This grouping is published: unpublish it before changing it."
    return "This grouping is running: wait until it finishes."


@login_required
def grouping(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk)
    may_change = load_viewer(request).programme_level(found.cohort.programme_id) >= Level.WRITE
    groups = groups_with_members(found)
    pairs = list(
        PairRule.objects.filter(grouping=found).select_related("first__person", "second__person")
    )
    context: dict[str, Any] = {
        "grouping": found,
        "cohort": found.cohort,
        "rounds": rounds(found, groups),
        "pairs": pairs,
        "may_change": may_change,
        "editable": may_change and found.editable,
        "pinnable": True,
        "choices": found.explanation.get("choices"),
        "mixing": found.explanation.get("mixing"),
        "mixing_people": mixing_people(found.explanation.get("mixing"), groups),
        "history": list(history(found)) if may_change else None,
    }
    return render(request, "grouping/detail.html", context)


@login_required
def grouping_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress bar alone, polled while a run is under way; a finished run reloads the page."""
    found = get_grouping(request, pk)
    response = render(request, "grouping/includes/progress.html", {"grouping": found})
    if not found.in_progress and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _act(request: AuthenticatedRequest, grouping: Grouping, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, done)
    return redirect(grouping)


@require_POST
@login_required
def grouping_run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    return _act(
        request,
        found,
        lambda: services.request_run(found, by=request.user),
        "The grouping is running.",
    )


@require_POST
@login_required
def grouping_replan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    return _act(
        request,
        found,
        lambda: services.request_run(found, by=request.user, replanning=True),
        "Re-planning: people move only where the rules or a change in the cohort need it.",
    )


@require_POST
@login_required
def grouping_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    done = "Published: participants now see their groups."
    if found.kind == Kind.CHALLENGE_TEAMS:
        done = "Published: the challenge teams are formed and participants see their team."
    return _act(request, found, lambda: services.publish(found, by=request.user), done)


@require_POST
@login_required
def grouping_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    return _act(
        request,
        found,
        lambda: services.unpublish(found, by=request.user),
        "Unpublished: participants no longer see these groups, and you may change them.",
    )


@require_POST
@login_required
def grouping_duplicate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    copy = services.duplicate(found, by=request.user)
    messages.success(request, f"{copy.name} is a draft with the same rules and pairs.")
    return redirect(copy)


@login_required
def grouping_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    found = get_grouping(request, pk)
    rows = []
    for group in groups_with_members(found):
        for placement in group.placements.all():
            person = placement.enrolment.person
            organisation = person.organisation
            rows.append(
                [
                    group.round,
                    group.name,
                    person.name,
                    organisation.name if organisation else "",
                    organisation.sector if organisation else "",
                    Area(organisation.area).label if organisation else "",
                    "yes" if placement.pinned else "no",
                ]
            )
    table = Table(
        title=found.name,
        headers=["Round", "Group", "Participant", "Organisation", "Sector", "Area", "Pinned"],
        rows=rows,
        filename=f"grouping-{found.pk}",
    )
    return export_response(table, fmt)


@login_required
def pair_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    enrolments = enrolments_to_group(found.cohort)
    form = PairForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_pair(
                found,
                form.enrolments[data["first"]],
                form.enrolments[data["second"]],
                kind=data["kind"],
                reason=data["reason"],
                by=request.user,
            )
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(request, "The pair is saved. Run the grouping again to use it.")
        return redirect(found)
    return render(request, "grouping/pair_form.html", {"grouping": found, "form": form})
