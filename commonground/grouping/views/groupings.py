"""A cohort's groupings: list, create, change the rules, run, follow progress, publish, export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from commonground.audit.log import history
from commonground.exports.views import ask_for_export
from commonground.lib.access import Level, load_viewer
from commonground.lib.checks import Check, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of, plural

from .. import services
from ..access import get_grouping, staff_cohort
from ..forms import GroupingForm, PairForm, initial_from
from ..inputs import enrolments_to_group
from ..models import Grouping, Kind, PairRule, Status
from ..publishing import placed_people, publication
from ..summary import noun, summarise
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
        "summary": summarise(found, groups, pairs),
        "noun": noun(found),
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


@login_required
def grouping_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page (who will see the groups, who is emailed, what else is unpublished); only
    its confirming POST publishes."""
    found = get_grouping(request, pk, write=True)
    if not confirmed(request):
        return render_check(request, _publish_check(found))
    try:
        replaced = services.publish(found, by=request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
        return redirect(found)
    done = "Published: participants now see their groups."
    if found.kind == Kind.CHALLENGE_TEAMS:
        done = "Published: the challenge teams are formed and participants see their team."
    if replaced:
        names = _listed([other.name for other in replaced])
        done += f" {names} {plural(len(replaced), 'is')} no longer published."
    messages.success(request, done)
    return redirect(found)


def _publish_check(grouping: Grouping) -> Check:
    word = noun(grouping)
    if grouping.status != Status.READY:
        nothing = (
            "This grouping is already published."
            if grouping.status == Status.PUBLISHED
            else "Only a grouping that is ready can be published: run it first."
        )
        return _check(grouping, "publish", nothing_to_do=nothing)
    found = publication(grouping)
    placed = count_of(found.people, "participant")
    rows = [("Grouping", f"{grouping.name} ({grouping.get_kind_display().lower()})")]
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        rows.append(
            (
                "Who will see the teams",
                f"The {placed} placed in these teams. Each challenge's team becomes exactly "
                "its group here, and each person sees their team on \u201cMy groups\u201d and "
                "on the team's page.",
            )
        )
    else:
        rows.append(
            (
                "Who will see the groups",
                f"The {placed} placed in these {word}s: each sees their own {word} and who is "
                "in it on \u201cMy groups\u201d. Programme staff and facilitators see them all, "
                "as now.",
            )
        )
    for other in found.replaced:
        when = f", published {_day(other.published_at)}" if other.published_at else ""
        rows.append(
            (
                "Unpublished at the same time",
                f"{other.name}{when}: only one {grouping.get_kind_display().lower()} grouping "
                f"is published at a time, so participants stop seeing its {word}s and see "
                "these instead. You can publish it again later.",
            )
        )
    return _check(
        grouping,
        "publish",
        rows=rows,
        emails=found.emails,
        no_email_note=f"No one is emailed: participants see their {word} on "
        "\u201cMy groups\u201d the next time they look.",
        warning="The emails cannot be taken back once sent." if found.emails else "",
    )


@login_required
def grouping_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page (who stops seeing the groups); only its confirming POST unpublishes."""
    found = get_grouping(request, pk, write=True)
    if not confirmed(request):
        return render_check(request, _unpublish_check(found))
    return _act(
        request,
        found,
        lambda: services.unpublish(found, by=request.user),
        "Unpublished: participants no longer see these groups, and you may change them.",
    )


def _unpublish_check(grouping: Grouping) -> Check:
    if grouping.status != Status.PUBLISHED:
        return _check(grouping, "unpublish", nothing_to_do="This grouping is not published.")
    word = noun(grouping)
    placed = count_of(placed_people(grouping), "participant")
    rows = [
        ("Grouping", f"{grouping.name} ({grouping.get_kind_display().lower()})"),
        (
            "Who stops seeing the groups",
            f"The {placed} placed in these {word}s no longer see them on \u201cMy groups\u201d.",
        ),
    ]
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        rows.append(
            (
                "Challenge teams",
                "The teams stay as they were formed: change a team's members on its own page.",
            )
        )
    rows.append(
        (
            "Afterwards",
            "You can change the rules, move people and run it again, then publish it again.",
        )
    )
    return _check(grouping, "unpublish", rows=rows)


def _check(grouping: Grouping, verb: str, **values: Any) -> Check:
    cohort = grouping.cohort
    return Check(
        title=f"Check before you {verb} the groups",
        caption=f"{cohort} \u00b7 {grouping.name}",
        confirm_label=f"{verb.capitalize()} the groups",
        back_url=grouping.get_absolute_url(),
        breadcrumbs=[
            ("Home", reverse("home")),
            (cohort.programme.name, reverse("programmes:programme", args=[cohort.programme.slug])),
            (cohort.name, reverse("programmes:cohort", args=[cohort.pk])),
            ("Groupings", reverse("grouping:cohort_groupings", args=[cohort.pk])),
            (grouping.name, grouping.get_absolute_url()),
        ],
        **values,
    )


def _day(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y")


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@require_POST
@login_required
def grouping_duplicate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_grouping(request, pk, write=True)
    copy = services.duplicate(found, by=request.user)
    messages.success(request, f"{copy.name} is a draft with the same rules and pairs.")
    return redirect(copy)


@login_required
def grouping_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    return ask_for_export(request, "grouping.groups", fmt, {"grouping": str(pk)})


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
