"""Mentoring as people meet it: alumni volunteer, participants ask, both see their matches and
may say one is not working."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from commonground.audit.log import save_form
from commonground.directory.models import Person
from commonground.lib.access import load_viewer
from commonground.lib.checks import Check, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import CohortStatus

from .. import services
from ..access import alumni_programme, get_live_match, own_active_enrolment
from ..forms import MentoringRequestForm, NotWorkingForm, VolunteerForm
from ..models import Match, MatchStatus, Mentor, MentoringRequest


@login_required
def volunteer(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    viewer = load_viewer(request)
    programme = alumni_programme(viewer, slug)
    person_id = viewer.person_id
    assert person_id is not None  # only people with a completed cohort reach here
    offer = Mentor.objects.filter(programme=programme, person_id=person_id).first()
    form = VolunteerForm(
        request.POST or None,
        instance=offer or Mentor(programme=programme, person_id=person_id),
    )
    if request.method == "POST" and form.is_valid():
        action = "mentoring.mentor.changed" if offer else "mentoring.mentor.created"
        save_form(form, request.user, action)
        messages.success(
            request,
            "Thank you: the programme team will match you with a participant from another "
            "organisation and introduce you by email.",
        )
        return redirect("mentoring:mine")
    return render(
        request,
        "mentoring/volunteer.html",
        {"programme": programme, "form": form, "offer": offer},
        status=400 if form.errors else 200,
    )


@login_required
def ask(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = own_active_enrolment(request, pk)
    cohort = enrolment.cohort
    existing = MentoringRequest.objects.filter(enrolment=enrolment).first()
    mentors = (
        Person.objects.filter(
            mentoring_offers__programme_id=cohort.programme_id,
            mentoring_offers__available=True,
        )
        .exclude(pk=enrolment.person_id)
        .select_related("organisation")
        .distinct()
    )
    if enrolment.person.organisation_id:
        mentors = mentors.exclude(organisation_id=enrolment.person.organisation_id)
    form = MentoringRequestForm(
        request.POST or None,
        instance=existing or MentoringRequest(enrolment=enrolment),
        mentors=mentors,
    )
    if cohort.status != CohortStatus.RUNNING:
        messages.error(request, "Mentors are matched while the cohort is running.")
        return redirect("mentoring:mine")
    if request.method == "POST" and form.is_valid():
        action = "mentoring.request.changed" if existing else "mentoring.request.created"
        save_form(form, request.user, action)
        messages.success(
            request,
            "Your request is with the programme team, who will introduce you to your mentor "
            "by email.",
        )
        return redirect("mentoring:mine")
    return render(
        request,
        "mentoring/ask.html",
        {"cohort": cohort, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@login_required
def mine(request: AuthenticatedRequest) -> HttpResponse:
    viewer = load_viewer(request)
    person_id = viewer.person_id or 0
    related = (
        "mentor__person__organisation",
        "request__enrolment__person__organisation",
        "request__enrolment__cohort",
    )
    my_mentors = list(
        Match.objects.filter(
            request__enrolment__person_id=person_id, status=MatchStatus.PUBLISHED
        ).select_related(*related)
    )
    my_mentees = list(
        Match.objects.filter(mentor__person_id=person_id, status=MatchStatus.PUBLISHED)
        .select_related(*related)
        .order_by("request__enrolment__person__last_name")
    )
    return render(
        request,
        "mentoring/mine.html",
        {
            "my_mentors": my_mentors,
            "my_mentees": my_mentees,
            "offers": list(Mentor.objects.filter(person_id=person_id).select_related("programme")),
            "requests": list(
                MentoringRequest.objects.filter(enrolment__person_id=person_id)
                .exclude(matches__status=MatchStatus.PUBLISHED)
                .select_related("enrolment__cohort")
            ),
            "is_person": viewer.person_id is not None,
        },
    )


@login_required
def not_working(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The check page before a match ends; only its confirming POST ends it."""
    match = get_live_match(request, pk)
    form = NotWorkingForm(request.POST if confirmed(request) else None)
    if confirmed(request) and form.is_valid():
        try:
            services.end_match(match, request.user, form.cleaned_data["reason"])
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(
                request,
                "The match has ended. The programme team will look for another mentor; "
                "nobody else's pair changes.",
            )
        return redirect("mentoring:mine")
    mentee = match.request.enrolment.person
    back = reverse("mentoring:mine")
    return render_check(
        request,
        Check(
            title="Check before you end this match",
            caption=f"{match.mentor.person.name} mentoring {mentee.name}",
            confirm_label="End the match",
            back_url=back,
            rows=[
                ("Mentor", match.mentor.person.name),
                ("Mentee", mentee.name),
                (
                    "What happens",
                    "The match ends for both of you. The programme team can match the mentee "
                    "with someone else; these two are never matched again.",
                ),
            ],
            form=form,
            warning="This cannot be undone.",
            no_email_note="No one is emailed.",
            breadcrumbs=[("Home", reverse("home")), ("Mentoring", back)],
        ),
    )
