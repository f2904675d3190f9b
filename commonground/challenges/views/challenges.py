"""A cohort's challenges, one challenge, and the participants' ranking of their top three."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history, save_form
from commonground.lib.access import Level, get_cohort, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, CohortStatus, Enrolment, EnrolmentStatus

from ..access import challenge_level, get_challenge
from ..forms import ChallengeForm, RankingForm
from ..models import Challenge, ChallengePreference, ChallengeStatus
from ..services import rank_challenges
from ..teams import teams_of


def _counted(challenges: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """Each challenge with how many people ranked it first, second and third, and in all."""
    return challenges.annotate(
        first_choices=Count("preferences", filter=Q(preferences__rank=1), distinct=True),
        second_choices=Count("preferences", filter=Q(preferences__rank=2), distinct=True),
        third_choices=Count("preferences", filter=Q(preferences__rank=3), distinct=True),
        all_choices=Count("preferences", distinct=True),
    )


def _own_enrolment(cohort: Cohort, person_id: int | None) -> Enrolment | None:
    if person_id is None:
        return None
    return Enrolment.objects.filter(cohort=cohort, person_id=person_id).first()


def may_rank(cohort: Cohort, enrolment: Enrolment | None) -> bool:
    return (
        enrolment is not None
        and enrolment.status == EnrolmentStatus.ACTIVE
        and cohort.status == CohortStatus.RUNNING
    )


@login_required
def cohort_challenges(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk)
    viewer = load_viewer(request)
    level = viewer.cohort_level(cohort)
    challenges = Challenge.objects.filter(cohort=cohort).select_related("owner__organisation")
    # A grouped query ignores Meta.ordering, so the order is stated.
    challenges = challenges.annotate(team_count=Count("teams", distinct=True)).order_by(
        "title", "pk"
    )
    if level >= Level.WRITE:
        challenges = _counted(challenges)
    own = _own_enrolment(cohort, viewer.person_id)
    preferences = (
        list(ChallengePreference.objects.filter(enrolment=own).select_related("challenge"))
        if own
        else []
    )
    listed = list(challenges.order_by("title", "pk"))
    return render(
        request,
        "challenges/cohort_challenges.html",
        {
            "cohort": cohort,
            "challenges": listed,
            "may_change": level >= Level.WRITE,
            "sees_counts": level >= Level.WRITE,
            "sees_everything": level >= Level.READ,
            "own": own,
            "preferences": preferences,
            "may_rank": may_rank(cohort, own)
            and any(c.status == ChallengeStatus.OPEN for c in listed),
        },
    )


@login_required
def challenge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    challenge = get_challenge(request, pk)
    viewer = load_viewer(request)
    level = challenge_level(viewer, challenge)
    context: dict[str, Any] = {
        "challenge": challenge,
        "organisations": list(challenge.organisations.all()),
        "teams": list(teams_of([challenge.pk])),
        "may_change": level >= Level.WRITE,
        "is_owner": viewer.person_id is not None and challenge.owner_id == viewer.person_id,
    }
    if level >= Level.WRITE:
        counted = _counted(Challenge.objects.filter(pk=challenge.pk)).get()
        context["counts"] = counted
        context["history"] = list(history(challenge))
    return render(request, "challenges/challenge.html", context)


@login_required
def challenge_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    form = ChallengeForm(request.POST or None, programme=cohort.programme, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        challenge = save_form(form, request.user, "challenges.challenge.created")
        messages.success(request, f"Challenge “{challenge.title}” added.")
        return redirect(challenge)
    return render(request, "challenges/challenge_form.html", {"cohort": cohort, "form": form})


@login_required
def challenge_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    challenge = get_challenge(request, pk, Level.WRITE)
    form = ChallengeForm(
        request.POST or None,
        instance=copy(challenge),
        programme=challenge.programme,
        cohort=challenge.cohort,
    )
    if request.method == "POST" and form.is_valid():
        saved = save_form(form, request.user, "challenges.challenge.changed")
        messages.success(request, "Challenge saved.")
        return redirect(saved)
    return render(
        request,
        "challenges/challenge_form.html",
        {"cohort": challenge.cohort, "challenge": challenge, "form": form},
    )


@login_required
def rank(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A participant ranks their top three open challenges of their running cohort."""
    cohort = get_cohort(request, pk)
    own = _own_enrolment(cohort, load_viewer(request).person_id)
    if own is None:
        raise PermissionDenied("Only participants of the cohort rank its challenges.")
    open_challenges = list(
        Challenge.objects.filter(cohort=cohort, status=ChallengeStatus.OPEN).order_by("title", "pk")
    )
    current = {
        f"choice_{p.rank}": p.challenge_id
        for p in ChallengePreference.objects.filter(enrolment=own)
    }
    closed = not may_rank(cohort, own) or not open_challenges
    form = RankingForm(
        None if closed else request.POST or None, challenges=open_challenges, initial=current
    )
    status = 200
    if request.method == "POST" and not closed:
        if form.is_valid():
            try:
                rank_challenges(own, form.ranked(), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your choices are saved. Thank you.")
                return redirect("challenges:cohort_challenges", cohort.pk)
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "challenges/rank.html",
        {"cohort": cohort, "form": form, "closed": closed, "open_challenges": open_challenges},
        status=status,
    )
