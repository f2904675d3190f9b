"""A participant's calendar and its private feed; staff copy, cancel, restore and invite, each
cancellation, restoration and invitation after a check of who is emailed what (lib/checks.py)."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.directory.models import Person
from commonground.lib.access import Level, get_activity, get_cohort, load_viewer
from commonground.lib.checks import Check, EmailPreview, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes import calendar, feeds
from commonground.programmes.delivery_forms import CopyCalendarForm
from commonground.programmes.models import Activity, CalendarFeed
from commonground.programmes.tasks import invitation_email

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
        calendar.feed(found.person, activities, calendar.other_entries(found.person_id)),
        content_type="text/calendar; charset=utf-8",
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


def _when(activity: Activity) -> str:
    starts, ends = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
    return f"{starts:%A} {starts.day} {starts:%B %Y}, {starts:%H:%M} to {ends:%H:%M} (UK time)"


def _preview(activity: Activity, description: str, email: str) -> list[EmailPreview]:
    """The email each participant of the activity is sent, as the first of them reads it."""
    told = calendar.participants_to_tell(activity)
    if not told:
        return []
    first = told[0].person
    context = {
        "person": first,
        "activity": activity,
        "url": settings.SITE_URL + activity.get_absolute_url(),
    }
    names = [enrolment.person.name for enrolment in told]
    return [EmailPreview.of(description, names, email, context)]


def _crumbs(activity: Activity) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("home")),
        (str(activity.cohort), reverse("programmes:cohort", args=[activity.cohort_id])),
        (activity.title, activity.get_absolute_url()),
    ]


NO_ONE_TO_TELL = "No one is emailed: no active participant takes part in this activity."


@login_required
def activity_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check who is told and what they read; only the check page's button cancels."""
    activity = get_activity(request, pk, Level.WRITE)
    if confirmed(request):
        if not calendar.cancel_activity(activity, by=request.user):
            messages.success(request, f"{activity.title} was already cancelled.")
            return redirect(activity)
        messages.success(
            request,
            f"{activity.title} is cancelled. Participants are being told, and their calendars "
            "will show it as cancelled. You can restore it from this page.",
        )
        return redirect(activity)
    # The preview shows the email as it will read once the activity is cancelled.
    preview = copy(activity)
    preview.cancelled_at = timezone.now()
    check = Check(
        title="Check before you cancel the activity",
        caption=activity.title,
        confirm_label="Cancel the activity and tell participants",
        back_url=activity.get_absolute_url(),
        rows=[
            ("Activity", f"{activity.title}, {activity.cohort}"),
            ("When", _when(activity)),
            (
                "What changes",
                "It shows as cancelled on its page and in participants' calendars, and check-in "
                "closes. You can restore it afterwards.",
            ),
        ],
        emails=_preview(preview, "Cancellation", invitation_email(preview)),
        warning="The cancellation is emailed straight away and cannot be called back. If you "
        "restore the activity, participants are emailed again that it is back on.",
        breadcrumbs=_crumbs(activity),
        nothing_to_do=f"{activity.title} is already cancelled." if activity.is_cancelled else "",
        no_email_note=NO_ONE_TO_TELL,
    )
    return render_check(request, check)


@login_required
def activity_restore(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Put a cancelled activity back on, after a check of who is told that it is."""
    activity = get_activity(request, pk, Level.WRITE)
    if confirmed(request):
        if not calendar.restore_activity(activity, by=request.user):
            messages.success(request, f"{activity.title} is not cancelled.")
            return redirect(activity)
        told = calendar.tells_on_restore(activity)
        messages.success(
            request,
            f"{activity.title} is back on."
            + (" Participants are being told, and it is back in their calendars." if told else ""),
        )
        return redirect(activity)
    preview = copy(activity)
    preview.cancelled_at = None
    tells = calendar.tells_on_restore(activity)
    check = Check(
        title="Check before you restore the activity",
        caption=activity.title,
        confirm_label="Restore the activity" + (" and tell participants" if tells else ""),
        back_url=activity.get_absolute_url(),
        rows=[
            ("Activity", f"{activity.title}, {activity.cohort}"),
            ("When", _when(activity)),
            (
                "What changes",
                "It is no longer cancelled: it shows as planned on its page and in participants' "
                "calendars, and check-in works again.",
            ),
        ],
        emails=_preview(preview, "Back on", invitation_email(preview, restored=True))
        if tells
        else [],
        breadcrumbs=_crumbs(activity),
        nothing_to_do="" if activity.is_cancelled else f"{activity.title} is not cancelled.",
        no_email_note=NO_ONE_TO_TELL
        if tells
        else "No one is emailed: the activity has already taken place.",
    )
    return render_check(request, check)


@login_required
def activity_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check who is invited and the invitation's text; only the check page's button sends it.

    After a change to what calendars show, the same page sends the update.
    """
    activity = get_activity(request, pk, Level.WRITE)
    update = activity.calendars_out_of_date
    if confirmed(request) and not activity.is_cancelled:
        invited = calendar.invite(activity, by=request.user)
        messages.success(
            request,
            f"{'The update' if update else 'Invitations'} to {activity.title} "
            f"{'is' if update else 'are'} being sent to {count_of(invited, 'participant')}.",
        )
        return redirect(activity)
    if update:
        return render_check(request, _update_check(activity))
    again = activity.invitations_sent_at is not None
    emails = _preview(activity, "Invitation", invitation_email(activity))
    check = Check(
        title="Check before you send the invitations",
        caption=activity.title,
        confirm_label=f"Send {count_of(len(emails[0].recipients), 'invitation')}"
        if emails
        else "Send the invitations",
        back_url=activity.get_absolute_url(),
        rows=[
            ("Activity", f"{activity.title}, {activity.cohort}"),
            ("When", _when(activity)),
            (
                "What happens",
                "Each participant is emailed the invitation with a calendar file that adds the "
                "activity to their calendar."
                + (
                    " Invitations were last sent on "
                    f"{timezone.localtime(activity.invitations_sent_at):%d %B %Y at %H:%M}: "
                    "everyone gets it again."
                    if activity.invitations_sent_at
                    else ""
                ),
            ),
        ],
        emails=emails,
        warning="Invitations are emailed straight away." if again else "",
        breadcrumbs=_crumbs(activity),
        nothing_to_do=(
            f"{activity.title} is cancelled, so there is nothing to invite anyone to."
            if activity.is_cancelled
            else ("" if emails else "No active participant takes part in this activity yet.")
        ),
        no_email_note=NO_ONE_TO_TELL,
    )
    return render_check(request, check)


def _update_check(activity: Activity) -> Check:
    """The check page for sending participants an activity that changed since they were invited."""
    emails = _preview(activity, "Update", invitation_email(activity))
    return Check(
        title="Check before you send the update",
        caption=activity.title,
        confirm_label=f"Send {count_of(len(emails[0].recipients), 'update')}"
        if emails
        else "Send the update",
        back_url=activity.get_absolute_url(),
        rows=[
            ("Activity", f"{activity.title}, {activity.cohort}"),
            ("When", _when(activity)),
            ("Where", calendar.entry(activity).location or "To be confirmed"),
            (
                "What happens",
                "Each participant is emailed the changed details with the updated event, which "
                "replaces the one already in their calendar.",
            ),
        ],
        emails=emails,
        warning="The update is emailed straight away and cannot be called back.",
        breadcrumbs=_crumbs(activity),
        nothing_to_do="" if emails else "No active participant takes part in this activity now.",
        no_email_note=NO_ONE_TO_TELL,
    )
