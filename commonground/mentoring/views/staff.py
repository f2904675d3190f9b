"""The programme team's mentoring page for a cohort: run the matching, review and adjust the
proposed pairs, and introduce them through the check page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.lib.access import Level, load_viewer
from commonground.lib.checks import Check, EmailPreview, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.models import Cohort

from .. import introductions, services
from ..access import get_mentoring_request, get_team_cohort
from ..forms import MentorChoiceForm
from ..models import Match, MatchStatus, Mentor


def _crumbs(cohort: Cohort) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("home")),
        (cohort.programme.name, reverse("programmes:programme", args=[cohort.programme.slug])),
        (cohort.name, reverse("programmes:cohort", args=[cohort.pk])),
        ("Mentoring", reverse("mentoring:cohort", args=[cohort.pk])),
    ]


@login_required
def cohort_mentoring(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_team_cohort(request, pk)
    requests = list(services.open_requests(cohort))
    live = {
        match.request_id: match
        for match in Match.objects.filter(
            request__in=requests, status__in=services.LIVE
        ).select_related("mentor__person__organisation")
    }
    rows = [(request_, live.get(request_.pk)) for request_ in requests]
    mentors = list(services.cohort_mentors(cohort))
    taken = services.taken_places(mentors)
    return render(
        request,
        "mentoring/cohort.html",
        {
            "cohort": cohort,
            "rows": rows,
            "matched": [(r, m) for r, m in rows if m is not None],
            "unmatched": [r for r, m in rows if m is None],
            "proposed": sum(1 for m in live.values() if m.status == MatchStatus.PROPOSED),
            "mentors": [(mentor, taken[mentor.pk]) for mentor in mentors],
            "may_change": load_viewer(request).programme_level(cohort.programme_id) >= Level.WRITE,
        },
    )


@require_POST
@login_required
def run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_team_cohort(request, pk, write=True)
    done = services.run_matching(cohort, request.user)
    messages.success(
        request,
        f"Matching done: {count_of(done.proposed, 'new pair')} proposed, "
        f"{count_of(done.kept, 'pair')} introduced or chosen by hand kept as they were, "
        f"{count_of(done.unmatched, 'person', 'people')} left unmatched. "
        "Nobody has been emailed yet.",
    )
    return redirect("mentoring:cohort", cohort.pk)


@login_required
def publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page: who is introduced to whom, and the email each receives."""
    cohort = get_team_cohort(request, pk, write=True)
    if not confirmed(request):
        return render_check(request, _publish_check(cohort))
    try:
        ids = services.publish(cohort, request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
        return redirect("mentoring:cohort", cohort.pk)
    messages.success(
        request,
        f"Introduced {count_of(len(ids), 'pair')}: each mentor and mentee has been emailed.",
    )
    return redirect("mentoring:cohort", cohort.pk)


def _publish_check(cohort: Cohort) -> Check:
    matches = list(services.proposed_matches(cohort).select_related("request__enrolment__cohort"))
    if not matches:
        return _check(
            cohort,
            len(matches),
            nothing_to_do="There are no new pairs to introduce: run the matching first.",
        )
    mentors = sorted({m.mentor.person.name for m in matches})
    mentees = [m.request.enrolment.person.name for m in matches]
    return _check(
        cohort,
        len(matches),
        rows=[
            (
                f"{m.request.enrolment.person.name} with {m.mentor.person.name}",
                m.explanation,
            )
            for m in matches
        ],
        emails=[
            EmailPreview.of(
                "Introduction to each mentee",
                mentees,
                introductions.EMAIL,
                introductions.context(matches[0], for_mentor=False),
            ),
            EmailPreview.of(
                "Introduction to each mentor",
                mentors,
                introductions.EMAIL,
                introductions.context(matches[0], for_mentor=True),
            ),
        ],
        warning=(
            "Emails cannot be taken back. Either person can later say the match is not working."
        ),
    )


def _check(cohort: Cohort, pairs: int, **values: Any) -> Check:
    return Check(
        title="Check before you introduce the pairs",
        caption=f"{cohort} \u00b7 Mentoring",
        confirm_label=f"Introduce {count_of(pairs, 'pair')}",
        back_url=reverse("mentoring:cohort", args=[cohort.pk]),
        breadcrumbs=_crumbs(cohort),
        **values,
    )


@login_required
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Choose a participant's mentor by hand: every mentor is listed, with why they cannot be."""
    found = get_mentoring_request(request, pk)
    cohort = found.enrolment.cohort
    options = services.eligible_mentors(found)
    choices = [(str(mentor.pk), _label(mentor)) for mentor, why in options if not why]
    form = MentorChoiceForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen = next(
            (mentor for mentor, _ in options if str(mentor.pk) == form.cleaned_data["mentor"]),
            None,
        )
        try:
            services.assign(found, chosen, request.user)
        except ValidationError as problem:
            form.add_error("mentor", problem)
        else:
            person = found.enrolment.person.name
            messages.success(
                request,
                f"{chosen.person.name} is proposed as {person}'s mentor."
                if chosen
                else f"{person} is left unmatched for now.",
            )
            return redirect("mentoring:cohort", cohort.pk)
    return render(
        request,
        "mentoring/assign.html",
        {
            "cohort": cohort,
            "found": found,
            "form": form,
            "ruled_out": [(mentor, why) for mentor, why in options if why],
        },
        status=400 if form.errors else 200,
    )


def _label(mentor: Mentor) -> str:
    person = mentor.person
    where = person.organisation.label if person.organisation else "no organisation"
    return f"{person.name}, {where}: {mentor.expertise}"
