"""Alumni events: the list, planning and changing one, RSVPs with a waiting list, its calendar
file, invitations after a check of who is emailed what, and attendance."""

from __future__ import annotations

import datetime as dt
from copy import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.audit.log import save_form
from commonground.directory.models import Person
from commonground.lib.access import Level
from commonground.lib.checks import Check, EmailPreview, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.calendar import invitation, save_change
from commonground.programmes.models import Programme

from .. import services
from ..access import (
    event_level,
    events_visible,
    get_event,
    get_programme,
    load_scope,
    may_answer,
    own_person,
    require_events,
)
from ..events import entry, invited
from ..forms import EventForm
from ..models import AlumniEvent, Rsvp, RsvpStatus
from ..tasks import invitation_email


@login_required
def events(request: AuthenticatedRequest) -> HttpResponse:
    scope = require_events(request)
    now = timezone.now()
    found = (
        events_visible(scope)
        .select_related("programme")
        .annotate(going=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING)))
    )
    answers = dict(
        Rsvp.objects.filter(person_id=scope.person_id or 0).values_list("event_id", "status")
    )
    upcoming = list(found.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = list(found.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:10])
    for event in [*upcoming, *past]:
        status = answers.get(event.pk)
        event.my_answer = RsvpStatus(status).label if status else ""  # type: ignore[attr-defined]
    staff_programmes = list(
        Programme.objects.filter(Q() if scope.staff is None else Q(pk__in=scope.staff))
    )
    return render(
        request,
        "alumni/events.html",
        {"upcoming": upcoming, "past": past, "staff_programmes": staff_programmes},
    )


@login_required
def new_event(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, Level.WRITE)
    form = EventForm(
        request.POST if request.method == "POST" else None,
        instance=AlumniEvent(programme=programme),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_form(form, request.user, "alumni.alumnievent.created")
        messages.success(request, f"{saved.title} is planned. Invite alumni when you are ready.")
        return redirect(saved)
    return render(
        request,
        "alumni/event_form.html",
        {"form": form, "programme": programme, "event": None},
        status=400 if form.errors else 200,
    )


@login_required
def edit_event(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event(request, pk, Level.WRITE)
    form = EventForm(request.POST if request.method == "POST" else None, instance=event)
    if request.method == "POST" and form.is_valid():
        save_change(form, request.user, "alumni.alumnievent.changed")
        if event.calendars_out_of_date:
            messages.success(
                request,
                "The event is saved. Calendars still show the details people were sent: check "
                "and send them the update.",
            )
            return redirect("alumni:event_invite", event.pk)
        messages.success(request, "The event is saved.")
        return redirect(event)
    return render(
        request,
        "alumni/event_form.html",
        {"form": form, "programme": event.programme, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
def event(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_event(request, pk)
    scope = load_scope(request)
    is_staff = event_level(scope, found) >= Level.WRITE
    rsvps = list(found.rsvps.select_related("person__organisation").order_by("responded_at", "pk"))
    mine = next((r for r in rsvps if r.person_id == scope.person_id), None)
    going = [r for r in rsvps if r.status == RsvpStatus.GOING]
    waiting = [r for r in rsvps if r.status == RsvpStatus.WAITING]
    return render(
        request,
        "alumni/event.html",
        {
            "event": found,
            "mine": mine,
            "may_answer": may_answer(scope, found)
            and not found.is_cancelled
            and found.ends_at > timezone.now(),
            "going_count": len(going),
            "waiting_count": len(waiting),
            "places_left": None if found.capacity is None else max(found.capacity - len(going), 0),
            "is_staff": is_staff,
            "going": going if is_staff else [],
            "waiting": waiting if is_staff else [],
            "declined": [r for r in rsvps if r.status == RsvpStatus.DECLINED] if is_staff else [],
            "is_past": found.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def rsvp(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_event(request, pk)
    scope = load_scope(request)
    if not may_answer(scope, found):
        raise PermissionDenied("Only the people invited can say whether they are coming.")
    coming = request.POST.get("coming")
    if coming not in ("yes", "no"):
        messages.error(request, "Choose whether you are coming.")
        return redirect(found)
    person = own_person(scope)
    try:
        answer = services.answer(found, person, coming == "yes", request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(found)
    messages.success(
        request,
        {
            RsvpStatus.GOING: "You are coming. The event is in your calendar feed; you can also "
            "download it.",
            RsvpStatus.WAITING: "The event is full, so you are on the waiting list. We will "
            "email you if a place comes free.",
            RsvpStatus.DECLINED: "Thank you for letting us know you are not coming.",
        }[RsvpStatus(answer.status)],
    )
    return redirect(found)


@login_required
def event_ics(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_event(request, pk)
    person_id = load_scope(request).person_id
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    item = entry(found)
    if person is None:
        # Staff without a directory entry download the event for their own calendar.
        person = Person(first_name=request.user.name, last_name="", email=request.user.email)
    response = HttpResponse(invitation(item, person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="alumni-event-{found.pk}.ics"'
    return response


def _when(found: AlumniEvent) -> str:
    starts, ends = timezone.localtime(found.starts_at), timezone.localtime(found.ends_at)
    return f"{starts:%A} {starts.day} {starts:%B %Y}, {starts:%H:%M} to {ends:%H:%M} (UK time)"


def _day(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"


@login_required
def invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check who is invited and the invitation's text; only the check page's button sends it."""
    found = get_event(request, pk, Level.WRITE)
    if found.is_over:
        messages.error(request, f"{found.title} is over, so nobody can be invited to it.")
        return redirect(found)
    update = found.calendars_out_of_date
    if confirmed(request) and not found.is_cancelled:
        sent = services.invite(found, request.user)
        what = "The update" if update else "Invitations"
        messages.success(
            request, f"{what} to {found.title} on their way to {count_of(sent, 'person')}."
        )
        return redirect(found)
    people = invited(found)
    previews = []
    if people:
        context = {
            "person": people[0],
            "event": found,
            "url": settings.SITE_URL + found.get_absolute_url(),
        }
        previews = [
            EmailPreview.of(
                "The changed details, with the updated event for their calendar"
                if update
                else "Invitation, with the event for their calendar",
                [f"{person.name} ({person.email})" for person in people],
                invitation_email(found),
                context,
            )
        ]
    again = found.invitations_sent_at is not None
    check = Check(
        title="Check before you send the update"
        if update
        else "Check before you send the invitations",
        caption=found.title,
        confirm_label=f"Send the update to {count_of(len(people), 'person')}"
        if update
        else f"Invite {count_of(len(people), 'person')}",
        back_url=found.get_absolute_url(),
        rows=[
            ("Event", f"{found.title}, {found.programme.name}"),
            ("When", _when(found)),
            (
                "Who is invited",
                "The programme's alumni"
                + (" and their sponsors" if found.with_sponsors else "")
                + f": {count_of(len(people), 'person')} with an email address",
            ),
        ],
        emails=previews,
        warning=(
            f"Invitations were sent on {_day(found.invitations_sent_at)}. The update replaces "
            "the event in everyone's calendar, and cannot be called back."
            if update and found.invitations_sent_at
            else f"Invitations were already sent on {_day(found.invitations_sent_at)}: everyone "
            "is emailed again."
            if again and found.invitations_sent_at
            else "The invitations are emailed straight away and cannot be called back."
        ),
        breadcrumbs=[
            ("Home", reverse("home")),
            ("Alumni events", reverse("alumni:events")),
            (found.title, found.get_absolute_url()),
        ],
        nothing_to_do=f"{found.title} is cancelled."
        if found.is_cancelled
        else (
            ""
            if people
            else "No one is invited yet: the programme has no alumni with an email address."
        ),
        no_email_note="No one is emailed.",
    )
    return render_check(request, check)


@login_required
@require_POST
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_event(request, pk, Level.WRITE)
    came = set()
    for value in request.POST.getlist("came"):
        if value.isdigit():
            came.add(int(value))
    count = services.record_attendance(found, came, request.user)
    messages.success(request, f"Attendance saved: {count_of(count, 'person')} came.")
    return redirect(found)


@login_required
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check who is told and what they read; only the check page's button cancels."""
    found = get_event(request, pk, Level.WRITE)
    if confirmed(request):
        if services.cancel(found, request.user):
            messages.success(request, f"{found.title} is cancelled. Everyone invited is told.")
        return redirect(found)
    people = invited(found)
    preview = copy(found)
    preview.cancelled_at = timezone.now()
    previews = (
        [
            EmailPreview.of(
                "Cancellation, with the event taken out of their calendar",
                [f"{person.name} ({person.email})" for person in people],
                "alumni-event-cancelled",
                {"person": people[0], "event": preview, "url": entry(found).url},
            )
        ]
        if people
        else []
    )
    check = Check(
        title="Check before you cancel the event",
        caption=found.title,
        confirm_label="Cancel the event and tell everyone invited",
        back_url=found.get_absolute_url(),
        rows=[
            ("Event", f"{found.title}, {found.programme.name}"),
            ("When", _when(found)),
            ("What changes", "It shows as cancelled, takes no more answers, and leaves calendars."),
        ],
        emails=previews,
        warning="The cancellation is emailed straight away and cannot be undone.",
        breadcrumbs=[
            ("Home", reverse("home")),
            ("Alumni events", reverse("alumni:events")),
            (found.title, found.get_absolute_url()),
        ],
        nothing_to_do=f"{found.title} is already cancelled." if found.is_cancelled else "",
        no_email_note="No one is emailed: the programme has no alumni with an email address.",
    )
    return render_check(request, check)
