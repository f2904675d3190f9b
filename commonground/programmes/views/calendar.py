"""A participant's calendar and its private feed; staff copy, cancel and send invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.directory.models import Person
from commonground.lib.access import Level, get_activity, get_cohort, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes import calendar, feeds
from commonground.programmes.delivery_forms import CopyCalendarForm
from commonground.programmes.models import CalendarFeed
from commonground.programmes.tasks import send_invitations

NEW_TOKEN = "calendar_feed_token"  # nosec B105  # a form field name, not a secret


def _person(request: AuthenticatedRequest) -> Person:
    person_id = load_viewer(request).person_id
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None:
        raise Http404("Not found")
    return person


@login_required
def my_calendar(request: AuthenticatedRequest) -> HttpResponse:
    """Everything in the person's calendar, and their feed link."""
    person = _person(request)
    now = timezone.now()
    activities = list(calendar.person_activities(person.pk))
    token = request.session.pop(NEW_TOKEN, None)
    context: dict[str, Any] = {
        "person": person,
        "upcoming": [a for a in activities if a.ends_at >= now],
        "past": [a for a in activities if a.ends_at < now],
        "feed": CalendarFeed.objects.filter(person=person).first(),
        "feed_url": (
            request.build_absolute_uri(reverse("programmes:calendar_feed", args=[token]))
            if token
            else None
        ),
    }
    return render(request, "programmes/my_calendar.html", context)


@login_required
@require_POST
def feed_reset(request: AuthenticatedRequest) -> HttpResponse:
    """Make a new feed link; the old one stops working."""
    person = _person(request)
    had_one = CalendarFeed.objects.filter(person=person).exists()
    request.session[NEW_TOKEN] = feeds.issue(person, by=request.user)
    messages.success(
        request,
        "New calendar link made. The old link no longer works: subscribe again with this one."
        if had_one
        else "Calendar link made. Copy it into your calendar application.",
    )
    return redirect(reverse("programmes:my_calendar") + "#feed")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed calendar applications fetch; the secret in the link is the key."""
    found = feeds.find(token)
    if found is None:
        return render(request, "programmes/feed_not_found.html", status=404)
    activities = calendar.person_activities(found.person_id).prefetch_related(None)
    response = HttpResponse(
        calendar.feed(found.person, activities), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="common-ground.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def calendar_copy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Choose a past cohort, preview its activities on this cohort's dates, then confirm."""
    cohort = get_cohort(request, pk, Level.WRITE)
    form = CopyCalendarForm(request.POST or None, cohort=cohort)
    context: dict[str, Any] = {"cohort": cohort, "form": form}
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        try:
            if request.POST.get("confirm") == "yes":
                created = calendar.copy_activities(source, cohort, by=request.user)
                messages.success(
                    request,
                    f"{count_of(len(created), 'activity')} copied from {source.name}.",
                )
                return redirect(reverse("programmes:cohort", args=[cohort.pk]) + "#calendar")
            plan = calendar.plan_copy(source, cohort)
            context |= {
                "source": source,
                "plan": plan,
                "dropped": sum(1 for entry in plan if entry.drops_group),
                "shift": calendar.shift_for(source, cohort),
                "existing": cohort.activities.count(),
            }
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "programmes/calendar_copy.html", context)


@login_required
@require_POST
def activity_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_activity(request, pk, Level.WRITE)
    if not calendar.cancel_activity(activity, by=request.user):
        messages.success(request, f"{activity.title} was already cancelled.")
        return redirect(activity)
    messages.success(
        request,
        f"{activity.title} is cancelled. Participants are being told, and their calendars "
        "will show it as cancelled.",
    )
    return redirect(activity)


@login_required
@require_POST
def activity_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_activity(request, pk, Level.WRITE)
    transaction.on_commit(lambda: send_invitations.enqueue(activity.pk))
    messages.success(
        request, f"Invitations to {activity.title} are being sent to every active participant."
    )
    return redirect(activity)
