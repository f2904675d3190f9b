"""People pages: the list and its filters, its export, one person, and the forms to change them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history, save_form
from commonground.exports.views import ask_for_export
from commonground.lib.access import (
    Level,
    Viewer,
    get_person,
    load_viewer,
    require_programme_staff,
)
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.limits import SHORT_TEXT
from commonground.programmes.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Enrolment,
)

from ..forms import PersonForm
from ..ladder import Ladder, ladder_for
from ..models import Person
from ..people_search import filtered_people, people_filter_form, visible_cohorts
from ..search import COHORT_COLUMNS, SUGGESTED, matching
from .scope import filters, query_without_page

# The person page shows the latest few; the delivery failures page lists them all.
RECENT_FAILURES = 5


@login_required
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    viewer = require_programme_staff(request)
    form = people_filter_form(viewer, request.GET)
    people = filtered_people(viewer, form)
    page = Paginator(people, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/people.html",
        {"form": form, "page": page, "query": query_without_page(request.GET)},
    )


@login_required
def cohort_names(request: AuthenticatedRequest) -> JsonResponse:
    """The cohorts the viewer may see whose names hold every word typed: the people list's
    cohort filter asks as one types."""
    viewer = require_programme_staff(request)
    found = matching(visible_cohorts(viewer), COHORT_COLUMNS, request.GET.get("q", "")[:SHORT_TEXT])
    return JsonResponse({"results": [str(cohort) for cohort in found[:SUGGESTED]]})


@login_required
def person_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    return ask_for_export(request, "directory.people", fmt, filters(request.GET))


def _enrolments(person: Person, viewer: Viewer) -> list[Enrolment]:
    """The person's enrolments the viewer may see, with attendance counts and marks."""
    counted = (
        Activity.objects.filter(cohort=OuterRef("cohort"), counts_towards_completion=True)
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    attended = (
        Attendance.objects.filter(
            enrolment=OuterRef("pk"),
            activity__counts_towards_completion=True,
            status__in=AttendanceStatus.ATTENDED,
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    marks = Attendance.objects.select_related("activity").order_by("activity__starts_at")
    enrolments = (
        Enrolment.objects.visible_to(viewer)
        .filter(person=person)
        .select_related("cohort__programme", "sponsor")
        .annotate(
            counted=Coalesce(Subquery(counted, output_field=IntegerField()), 0),
            attended=Coalesce(Subquery(attended, output_field=IntegerField()), 0),
        )
        .prefetch_related(Prefetch("attendance", marks))
        .order_by("-cohort__starts_on")
    )
    return list(enrolments)


@login_required
def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person(request, pk)
    viewer = load_viewer(request)
    enrolments = _enrolments(person, viewer)
    sponsored = (
        Enrolment.objects.visible_to(viewer)
        .filter(sponsor=person)
        .select_related("person", "cohort__programme")
        .order_by("-cohort__starts_on", "person__last_name", "person__first_name")
    )
    openable = {e.cohort_id for e in enrolments if viewer.cohort_level(e.cohort) >= Level.MEMBER}
    return render(
        request,
        "directory/person.html",
        {
            "person": person,
            "posts": list(person.posts.select_related("organisation")),
            "labels": _ladder(person, enrolments).labels,
            "enrolments": enrolments,
            "openable_cohort_ids": openable,
            "sponsored": list(sponsored),
            "reads_directory": viewer.reads_directory,
            "may_change": viewer.is_programme_staff,
            "history": list(history(person)) if viewer.is_programme_staff else None,
            # Read through the reverse relation: the notify app sits above the directory.
            "delivery_failures": list(person.delivery_failures.all()[:RECENT_FAILURES])
            if viewer.is_programme_staff
            else None,
        },
    )


def _ladder(person: Person, enrolments: list[Enrolment]) -> Ladder:
    """The ladder of the latest programme the person joined that the viewer may see."""
    latest = max(enrolments, key=lambda e: (e.cohort.starts_on, e.pk), default=None)
    return ladder_for(latest.cohort.programme_id if latest else None)


def _edit(request: AuthenticatedRequest, person: Person | None) -> HttpResponse:
    # The form writes what was typed onto the person; the page names them as they were.
    name = person.name if person else ""
    form = PersonForm(request.POST if request.method == "POST" else None, instance=person)
    if request.method == "POST" and form.is_valid():
        action = "changed" if person else "created"
        saved = save_form(form, request.user, f"directory.person.{action}")
        messages.success(request, f"{saved.name} saved.")
        return redirect(saved)
    return render(
        request, "directory/person_form.html", {"form": form, "person": person, "name": name}
    )


@login_required
def person_new(request: AuthenticatedRequest) -> HttpResponse:
    require_programme_staff(request, write=True)
    return _edit(request, None)


@login_required
def person_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _edit(request, get_person(request, pk, write=True))
