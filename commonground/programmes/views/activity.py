"""An activity and its register: staff plan activities, staff and facilitators take registers."""

from __future__ import annotations

from copy import copy
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.audit.log import history, save_form
from commonground.lib.access import Level, get_activity, get_cohort, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.audiences import audience_name, members
from commonground.programmes.calendar import save_change
from commonground.programmes.checkin import participant_offers
from commonground.programmes.forms import ActivityForm, RegisterForm
from commonground.programmes.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
)
from commonground.programmes.services import record_attendance

from . import delivery


@login_required
def activity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_activity(request, pk)
    level = load_viewer(request).cohort_level(activity.cohort)
    context: dict[str, Any] = {
        "activity": activity,
        "facilitators": list(activity.facilitators.select_related("organisation")),
        "audience": audience_name(activity),
    }
    if level >= Level.READ:
        context |= _register(activity, None)
        context["may_change"] = level >= Level.WRITE
        if level >= Level.WRITE:
            context["history"] = list(history(activity))
        context |= delivery.for_activity(activity)
    else:
        context |= asdict(participant_offers(activity, load_viewer(request).person_id))
    return render(request, "programmes/activity.html", context)


def _register(activity: Activity, data: Any) -> dict[str, Any]:
    """The register form: every active or completed participant, and anyone already marked.

    For an activity of one learning set or challenge team, only its members are listed.
    """
    marks = list(Attendance.objects.filter(activity=activity).select_related("recorded_by"))
    marked = {mark.enrolment_id: mark for mark in marks}
    enrolments = [
        enrolment
        for enrolment in Enrolment.objects.filter(members(activity), cohort_id=activity.cohort_id)
        .select_related("person__organisation")
        .distinct()
        if enrolment.status in EnrolmentStatus.TAKING_A_PLACE or enrolment.pk in marked
    ]
    form = RegisterForm(
        data,
        enrolments=enrolments,
        marks={pk: mark.status for pk, mark in marked.items()},
    )
    last = max(marks, key=lambda mark: mark.recorded_at, default=None)
    return {"form": form, "last_mark": last, "marked": len(marks)}


@login_required
@require_POST
def register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_activity(request, pk, Level.READ)
    context = _register(activity, request.POST)
    form: RegisterForm = context["form"]
    if form.is_valid():
        everyone = request.POST.get("everyone") == AttendanceStatus.PRESENT
        marks = form.marks(everyone_present=everyone)
        try:
            saved = record_attendance(activity, marks, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            newly = len(marks) - len(form.marks())
            if everyone and not newly:
                messages.success(request, "Everyone was already marked: nothing changed.")
            elif everyone:
                messages.success(
                    request,
                    f"{count_of(newly, 'person', 'people')} marked present. Change anyone who "
                    "is late or not here, then save the register.",
                )
            else:
                messages.success(
                    request,
                    f"Register saved: {count_of(len(saved), 'mark')} recorded.",
                )
            return redirect(activity)
    level = load_viewer(request).cohort_level(activity.cohort)
    context |= {
        "activity": activity,
        "facilitators": list(activity.facilitators.all()),
        "audience": audience_name(activity),
        "may_change": level >= Level.WRITE,
    }
    return render(request, "programmes/activity.html", context, status=400)


@login_required
def activity_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    form = ActivityForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        activity = save_form(form, request.user, "programmes.activity.created")
        messages.success(request, f"Activity “{form.cleaned_data['title']}” added.")
        return redirect(activity)
    return render(request, "programmes/activity_form.html", {"cohort": cohort, "form": form})


@login_required
def activity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_activity(request, pk, Level.WRITE)
    form = ActivityForm(request.POST or None, instance=copy(activity), cohort=activity.cohort)
    if request.method == "POST" and form.is_valid():
        save_change(form, request.user, "programmes.activity.changed")
        changed: Activity = form.instance
        if changed.calendars_out_of_date:
            messages.success(
                request,
                "Activity saved. Participants' calendars still show the details they were sent: "
                "check and send them the update.",
            )
            return redirect("programmes:activity_invite", activity.pk)
        messages.success(request, "Activity saved.")
        return redirect(activity)
    return render(
        request,
        "programmes/activity_form.html",
        {"cohort": activity.cohort, "activity": activity, "form": form},
        status=400 if form.errors else 200,
    )
