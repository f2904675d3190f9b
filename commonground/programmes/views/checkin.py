"""Self check-in in the room, the code staff show there, and apologies sent ahead."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from commonground.lib.access import Level, get_activity, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes import checkin as service
from commonground.programmes.delivery_forms import ApologiesForm, CheckInForm
from commonground.programmes.models import Attendance


def _qr_svg(url: str) -> SafeString:
    """The QR code of URL as inline SVG, drawn on the server; it scales to fill its box."""
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, dark="#0b0c0c", light="#ffffff", omitsize=True, svgclass="cg-qr"
    )
    # The picture is described by the text beside it; screen readers skip the drawing.
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)  # nosec B308 B703  # SVG drawn by segno from escaped data


@login_required
def checkin_code(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The code and QR code to project in the room, large, on a page of their own: staff and
    facilitators."""
    activity = get_activity(request, pk, Level.READ)
    code = service.code_for(activity)
    url = request.build_absolute_uri(reverse("programmes:checkin_link", args=[code]))
    return render(
        request,
        "programmes/checkin_code.html",
        {
            "activity": activity,
            "code": code,
            "spaced": f"{code[:3]} {code[3:]}",
            "url": url,
            "qr": _qr_svg(url),
            "open": service.is_open(activity),
            "opens_at": service.opens_at(activity),
            "checkin_url": request.build_absolute_uri(reverse("programmes:checkin")),
        },
    )


def _check_in(request: AuthenticatedRequest, form: CheckInForm) -> HttpResponse | None:
    try:
        done = service.check_in(
            form.cleaned_data["code"], load_viewer(request).person_id, by=request.user
        )
    except ValidationError as error:
        form.add_error("code", error)
        return None
    messages.success(request, done.message)
    return redirect(done.activity)


@login_required
def checkin(request: AuthenticatedRequest) -> HttpResponse:
    """A participant types the code shown in the room."""
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _check_in(request, form)
        if done is not None:
            return done
    status = 400 if form.errors else 200
    return render(request, "programmes/checkin.html", {"form": form}, status=status)


@login_required
def checkin_link(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Where the QR code leads: one button to check in (a link alone never changes anything)."""
    form = CheckInForm(request.POST or {"code": code})
    context: dict[str, Any] = {"form": form, "code": code}
    if request.method == "POST" and form.is_valid():
        done = _check_in(request, form)
        if done is not None:
            return done
        return render(request, "programmes/checkin.html", context, status=400)
    try:
        context["activity"] = service.find_activity(code, load_viewer(request).person_id)
    except ValidationError as error:
        form.is_valid()
        form.add_error("code", error)
        return render(request, "programmes/checkin.html", context, status=404)
    return render(request, "programmes/checkin_link.html", context)


@login_required
def apologies(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A participant tells staff ahead that they cannot come; refused once it has started."""
    activity = get_activity(request, pk)
    viewer = load_viewer(request)
    closed = service.apologies_closed(activity)
    if closed:
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "programmes/apologies.html",
            {"activity": activity, "closed": closed},
            status=status,
        )
    if service.participant_enrolment(viewer.person_id, activity) is None:
        raise PermissionDenied("Only the cohort's participants send apologies.")
    form = ApologiesForm(request.POST or None)
    current = Attendance.objects.filter(
        activity=activity, enrolment__person_id=viewer.person_id or 0
    ).first()
    if request.method == "POST" and form.is_valid():
        try:
            service.send_apologies(
                activity, viewer.person_id, form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Your apologies for {activity.title} are sent.")
            return redirect(activity)
    status = 400 if form.errors else 200
    return render(
        request,
        "programmes/apologies.html",
        {"activity": activity, "form": form, "current": current},
        status=status,
    )
