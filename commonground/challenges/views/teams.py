"""A challenge team: its 100-day plan, updates, links and showcase; staff form teams by hand."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.audit.log import history
from commonground.lib.access import Level
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus

from ..access import TeamAccess, get_challenge, get_milestone, get_team, get_team_to_contribute
from ..forms import LinkForm, MilestoneForm, ShowcaseForm, TeamForm, UpdateForm
from ..models import (
    Challenge,
    ChallengeTeam,
    FormedBy,
    Milestone,
    Showcase,
    TeamMembership,
    TeamRole,
)
from ..services import (
    add_link,
    change_team,
    create_team,
    mark_milestone,
    post_update,
    record_showcase,
    set_team_members,
)


def _team_context(access: TeamAccess, **forms: Any) -> dict[str, Any]:
    team = access.team
    milestones = list(Milestone.objects.filter(team=team).order_by("due_on", "pk"))
    today = timezone.localdate()
    context: dict[str, Any] = {
        "team": team,
        "challenge": team.challenge,
        "memberships": list(
            TeamMembership.objects.filter(team=team)
            .select_related("enrolment__person__organisation")
            .order_by("-role", "enrolment__person__last_name", "enrolment__person__first_name")
        ),
        "milestones": milestones,
        "today": today,
        "day": (today - team.start_date).days,
        "updates": list(team.updates.select_related("author").order_by("-created_at", "-pk")),
        "links": list(team.links.select_related("added_by").order_by("title", "pk")),
        "showcase": Showcase.objects.filter(team=team).first(),
        "access": access,
        "update_form": forms.get("update_form") or UpdateForm(),
        "link_form": forms.get("link_form") or LinkForm(),
    }
    if access.may_change:
        context["history"] = list(history(team))
    return context


@login_required
def team(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_team(request, pk)
    return render(request, "challenges/team.html", _team_context(access))


@login_required
@require_POST
def update_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_team_to_contribute(request, pk)
    form = UpdateForm(request.POST)
    if form.is_valid():
        post_update(access.team, form.cleaned_data["text"], by=request.user)
        messages.success(request, "Update posted.")
        return redirect(access.team.get_absolute_url() + "#updates")
    context = _team_context(access, update_form=form)
    return render(request, "challenges/team.html", context, status=400)


@login_required
@require_POST
def link_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_team_to_contribute(request, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        add_link(access.team, data["title"], data["url"], data["kind"], by=request.user)
        messages.success(request, f"“{data['title']}” added.")
        return redirect(access.team.get_absolute_url() + "#links")
    context = _team_context(access, link_form=form)
    return render(request, "challenges/team.html", context, status=400)


@login_required
def milestone_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    milestone, access = get_milestone(request, pk)
    form = MilestoneForm(request.POST or None, instance=copy(milestone))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mark_milestone(milestone, done_on=data["done_on"], notes=data["notes"], by=request.user)
        messages.success(request, f"{milestone.get_kind_display()} saved.")
        return redirect(access.team.get_absolute_url() + "#plan")
    return render(
        request,
        "challenges/milestone_form.html",
        {"milestone": milestone, "team": access.team, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def showcase_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_team(request, pk, Level.WRITE)
    team = access.team
    existing = Showcase.objects.filter(team=team).first()
    form = ShowcaseForm(request.POST or None, instance=existing or Showcase(team=team))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_showcase(
            team,
            held_on=data["held_on"],
            presentation_link=data["presentation_link"],
            outcomes_summary=data["outcomes_summary"],
            presented=data["presented"],
            sponsor_feedback=data["sponsor_feedback"],
            by=request.user,
        )
        messages.success(request, "Showcase saved.")
        return redirect(team.get_absolute_url() + "#showcase")
    return render(
        request,
        "challenges/showcase_form.html",
        {"team": team, "form": form},
        status=400 if form.errors else 200,
    )


def _eligible(cohort: Cohort, team: ChallengeTeam | None) -> list[Enrolment]:
    """The people staff can put in a team: active (or completed) participants, and its members."""
    members = set(team.memberships.values_list("enrolment_id", flat=True)) if team else set()
    return [
        enrolment
        for enrolment in Enrolment.objects.filter(cohort=cohort)
        .select_related("person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
        if enrolment.status in EnrolmentStatus.TAKING_A_PLACE or enrolment.pk in members
    ]


def _save_team(
    request: AuthenticatedRequest,
    form: TeamForm,
    challenge: Challenge,
    team: ChallengeTeam | None,
) -> ChallengeTeam | None:
    data = form.cleaned_data
    cohort = data.get("cohort") or (team.cohort if team else challenge.cohort)
    assert cohort is not None
    try:
        with transaction.atomic():
            if team is None:
                team = create_team(
                    challenge, cohort, data["name"], by=request.user, starts_on=data["starts_on"]
                )
            else:
                change_team(team, data["name"], data["starts_on"], by=request.user)
            set_team_members(
                team,
                data["members"],
                leads=data["leads"],
                by=request.user,
                formed_by=team.formed_by if team.memberships.exists() else FormedBy.HAND,
            )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    return team


@login_required
def team_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    challenge = get_challenge(request, pk, Level.WRITE)
    cohort = challenge.cohort
    chosen_cohort = cohort
    if cohort is None and request.POST.get("cohort", "").isdigit():
        chosen_cohort = Cohort.objects.filter(
            pk=int(request.POST["cohort"]), programme_id=challenge.programme_id
        ).first()
    enrolments = _eligible(chosen_cohort, None) if chosen_cohort else []
    form = TeamForm(
        request.POST or None,
        challenge=challenge,
        cohort=cohort,
        enrolments=enrolments,
        initial={"name": f"{challenge.title} team"},
    )
    if request.method == "POST" and form.is_valid():
        team = _save_team(request, form, challenge, None)
        if team is not None:
            messages.success(request, f"Team “{team.name}” formed. Its members have been emailed.")
            return redirect(team)
    return render(
        request,
        "challenges/team_form.html",
        {"challenge": challenge, "form": form, "cohort": cohort},
        status=400 if form.errors else 200,
    )


@login_required
def team_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_team(request, pk, Level.WRITE)
    team = access.team
    memberships = list(team.memberships.all())
    form = TeamForm(
        request.POST or None,
        challenge=team.challenge,
        cohort=team.cohort,
        enrolments=_eligible(team.cohort, team),
        initial={
            "name": team.name,
            "starts_on": team.starts_on,
            "members": [m.enrolment_id for m in memberships],
            "leads": [m.enrolment_id for m in memberships if m.role == TeamRole.LEAD],
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_team(request, form, team.challenge, team)
        if saved is not None:
            messages.success(request, "Team saved.")
            return redirect(saved)
    return render(
        request,
        "challenges/team_form.html",
        {"challenge": team.challenge, "team": team, "form": form, "cohort": team.cohort},
        status=400 if form.errors else 200,
    )
