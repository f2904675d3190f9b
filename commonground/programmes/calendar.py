"""A cohort's calendar: copying last year's programme of activities, and iCalendar files.

Feeds and invitations are RFC 5545 iCalendar, written with the icalendar library. Times are
written in UTC, so every calendar application places them right whatever its own time zone.
Emailed invitations are iTIP messages (RFC 5546): a REQUEST adds or updates the event, a CANCEL
removes it, both matched by the event's UID and ordered by its SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vDuration, vUri

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes, save_form
from commonground.directory.models import Person
from commonground.lib.emails import CalendarMessage

from .audiences import members, open_to_person
from .dates import shifted
from .models import Activity, Cohort, Enrolment, EnrolmentStatus

PRODID = "-//Common Ground//Programme calendar//EN"
# How often a subscribed calendar should fetch the feed again (RFC 7986, and its older name).
FEED_REFRESH = dt.timedelta(hours=1)

# What a calendar shows of an activity or alumni event; a change to any is a new version.
SHOWN_IN_CALENDARS = ("title", "starts_at", "ends_at", "place", "online_link")


# Copying a programme of activities ---------------------------------------------------------


def shift_for(source: Cohort, target: Cohort) -> dt.timedelta:
    """The difference of start dates rounded to whole weeks, so Tuesdays stay Tuesdays."""
    days = (target.starts_on - source.starts_on).days
    return dt.timedelta(weeks=round(days / 7))


@dataclass(frozen=True)
class PlannedCopy:
    source: Activity
    starts_at: dt.datetime
    ends_at: dt.datetime

    @property
    def drops_group(self) -> bool:
        """Groups and teams differ each year: the copy is for the whole cohort until staff
        choose this year's group."""
        return self.source.for_one_group


def plan_copy(source: Cohort, target: Cohort) -> list[PlannedCopy]:
    """What copying `source`'s activities into `target` would create; cancelled ones stay behind."""
    if source.pk == target.pk:
        raise ValidationError({"source": "Choose a different cohort to copy from."})
    if source.programme_id != target.programme_id:
        raise ValidationError({"source": "Choose a cohort of the same programme."})
    shift = shift_for(source, target)
    plan = []
    for activity in (
        source.activities.filter(cancelled_at__isnull=True)
        .select_related("group__grouping", "team")
        .order_by("starts_at", "pk")
    ):
        starts, ends = shifted(activity.starts_at, shift), shifted(activity.ends_at, shift)
        if starts is None or ends is None:
            raise ValidationError(
                f"Copying would move “{activity.title}” outside the years 2000 to 2100: "
                f"check the start dates of {source.name} and {target.name}."
            )
        plan.append(PlannedCopy(activity, starts, ends))
    return plan


def copy_activities(source: Cohort, target: Cohort, by: User | None) -> list[Activity]:
    """Copy the programme of activities, facilitators included, in one transaction; audited.

    Activities for one group are copied for the whole cohort: this year's groups differ.
    """
    plan = plan_copy(source, target)
    facilitators = {
        activity.pk: list(activity.facilitators.all())
        for activity in source.activities.prefetch_related("facilitators")
    }
    created: list[Activity] = []
    with transaction.atomic():
        for entry in plan:
            old = entry.source
            activity = Activity(
                cohort=target,
                kind=old.kind,
                title=old.title,
                starts_at=entry.starts_at,
                ends_at=entry.ends_at,
                place=old.place,
                online_link=old.online_link,
                counts_towards_completion=old.counts_towards_completion,
            )
            with audited(by, activity, "programmes.activity.created"):
                activity.save()
                activity.facilitators.set(facilitators.get(old.pk, []))
            created.append(activity)
    return created


# Versions ----------------------------------------------------------------------------------


def shows_differently(record: models.Model) -> bool:
    """Whether the record's unsaved values change what a calendar shows of it."""
    stored = type(record)._default_manager.filter(pk=record.pk).values(*SHOWN_IN_CALENDARS)
    row = stored.first()
    return row is not None and any(
        row[name] != getattr(record, name) for name in SHOWN_IN_CALENDARS
    )


def save_change(form: ModelForm[Any], by: User | None, action: str) -> None:
    """Save a staff change to an activity or alumni event with its audit entry; a change to what
    calendars show makes it a new version (a higher SEQUENCE)."""
    record = form.instance
    with transaction.atomic():
        if shows_differently(record):
            record.sequence += 1
        save_form(form, by, action)


def participants_to_tell(activity: Activity) -> list[Enrolment]:
    """The active participants the activity is for (only the group's, for a group's) who have an
    email address: whom its invitation, cancellation or restoration goes to."""
    return list(
        Enrolment.objects.filter(
            members(activity), cohort_id=activity.cohort_id, status=EnrolmentStatus.ACTIVE
        )
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def tells_on_restore(activity: Activity, now: dt.datetime | None = None) -> bool:
    """Whether restoring the activity emails its participants: only while it is still to end."""
    return activity.ends_at > (now or timezone.now())


def cancel_activity(activity: Activity, by: User | None) -> bool:
    """Cancel the activity and send its participants the cancellation for their calendars, once
    it is saved; False if it was already cancelled, when nothing changes and nobody is told."""
    # The tasks build invitations from this module, so they are imported when first needed.
    from .tasks import send_invitations

    if activity.is_cancelled:
        return False
    with audited(by, activity, "programmes.activity.cancelled"):
        activity.cancelled_at = timezone.now()
        activity.sequence += 1
        activity.save()
        transaction.on_commit(lambda: send_invitations.enqueue(activity.pk))
    return True


def restore_activity(activity: Activity, by: User | None) -> bool:
    """Put a cancelled activity back on, recorded in its history; if it is still to end, its
    participants are emailed that it is back on, with the event for their calendars. False if it
    was not cancelled, when nothing changes and nobody is told."""
    from .tasks import send_invitations

    if not activity.is_cancelled:
        return False
    with audited(by, activity, "programmes.activity.restored"):
        activity.cancelled_at = None
        activity.sequence += 1
        activity.save()
        if tells_on_restore(activity):
            transaction.on_commit(lambda: send_invitations.enqueue(activity.pk, restored=True))
    return True


def invite(activity: Activity, by: User | None) -> int:
    """Send the activity's invitation to its participants, once the request is saved; recorded
    in the activity's history with how many are invited. Returns that number."""
    from .tasks import send_invitations

    if activity.is_cancelled:
        raise ValidationError(f"{activity.title} is cancelled, so there is nothing to invite to.")
    invited = len(participants_to_tell(activity))
    with transaction.atomic():
        record_changes(by, activity, "programmes.activity.invited", {"invited": [None, invited]})
        transaction.on_commit(lambda: send_invitations.enqueue(activity.pk))
    return invited


# Whose calendar ----------------------------------------------------------------------------


def person_activities(person_id: int) -> QuerySet[Activity]:
    """The activities of this person's cohorts, and those they facilitate, in date order.

    An activity for one learning set or challenge team is only in its members' calendars.
    """
    return (
        Activity.objects.filter(
            Q(
                open_to_person(person_id, EnrolmentStatus.TAKING_A_PLACE),
                cohort__enrolments__person_id=person_id,
                cohort__enrolments__status__in=EnrolmentStatus.TAKING_A_PLACE,
            )
            | Q(facilitators__pk=person_id)
        )
        .distinct()
        .select_related("cohort__programme")
        .order_by("starts_at", "pk")
    )


# iCalendar ---------------------------------------------------------------------------------


def _domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "localhost"


def uid(activity: Activity) -> str:
    """Stable for the life of the activity, so changes update the same event."""
    return f"activity-{activity.pk}@{_domain()}"


def _location(activity: Activity) -> str:
    if activity.place:
        return activity.place
    return "Online" if activity.online_link else ""


def _description(activity: Activity) -> str:
    lines = [f"{activity.get_kind_display()} of {activity.cohort}."]
    if activity.online_link:
        lines.append(f"Join online: {activity.online_link}")
    if activity.is_cancelled:
        lines.append("This activity is cancelled.")
    lines.append(f"Details: {settings.SITE_URL}{activity.get_absolute_url()}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Entry:
    """One event as calendar applications see it: an activity of a cohort, or an event another
    app runs (an alumni reunion), so every calendar file is written the same way."""

    uid: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    sequence: int
    updated_at: dt.datetime
    cancelled: bool
    location: str
    url: str
    description: str
    meeting_link: str = ""


def entry(activity: Activity) -> Entry:
    return Entry(
        uid=uid(activity),
        title=activity.title,
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        sequence=activity.sequence,
        updated_at=activity.updated_at,
        cancelled=activity.is_cancelled,
        location=_location(activity),
        url=f"{settings.SITE_URL}{activity.get_absolute_url()}",
        description=_description(activity),
        meeting_link=activity.online_link,
    )


def _event(item: Entry, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.starts_at.astimezone(dt.UTC))
    event.add("dtend", item.ends_at.astimezone(dt.UTC))
    event.add("summary", item.title)
    event.add("sequence", item.sequence)
    event.add("last-modified", item.updated_at.astimezone(dt.UTC))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.location:
        event.add("location", item.location)
    # The meeting link is the event's link, so calendars offer to join from the event itself;
    # the activity's page is in the description.
    event.add("url", item.meeting_link or item.url)
    event.add("description", item.description)
    if item.meeting_link:
        conference = vUri(item.meeting_link)
        conference.params["value"] = "URI"
        conference.params["feature"] = "VIDEO"
        conference.params["label"] = "Join online"
        event.add("conference", conference)
    return event


# Events other apps add to a person's feed: person id to their entries. Registered from the
# app's `AppConfig.ready()`, as programmes sits below the apps that run such events.
FeedEntries = Callable[[int], Iterable[Entry]]
_feed_entries: dict[str, FeedEntries] = {}


def register_feed_entries(name: str, provider: FeedEntries) -> None:
    if name in _feed_entries:
        raise ImproperlyConfigured(f"Calendar feed entries named {name!r} are already registered.")
    _feed_entries[name] = provider


def other_entries(person_id: int) -> list[Entry]:
    """The events other apps put in this person's feed."""
    return [item for provider in _feed_entries.values() for item in provider(person_id)]


def _calendar(name: str, method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    return calendar


def feed(person: Person, activities: Iterable[Activity], others: Iterable[Entry] = ()) -> bytes:
    """A person's subscription feed: every activity, and the events other apps add for them,
    cancelled ones marked CANCELLED."""
    calendar = _calendar(f"{settings.SITE_NAME}: {person.name}", "PUBLISH")
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for item in [*map(entry, activities), *others]:
        calendar.add_component(_event(item, stamp))
    ical: bytes = calendar.to_ical()
    return ical


def organiser() -> vCalAddress:
    """The sender of the programme's emails, so the invitation comes from whom it says."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organiser = vCalAddress(f"mailto:{address}")
    organiser.params["cn"] = name or settings.SITE_NAME
    return organiser


def invitation(activity: Activity | Entry, attendee: Person) -> bytes:
    """An invitation (METHOD:REQUEST) or, for a cancelled event, its cancellation (METHOD:CANCEL),
    for one person, stamped now.

    RSVP=FALSE: nobody reads replies to the sender's address, and whether someone comes is
    answered on the site, so calendars should not ask for a reply.
    """
    item = entry(activity) if isinstance(activity, Activity) else activity
    calendar = _calendar(f"{settings.SITE_NAME}: {item.title}", method(item))
    event = _event(item, timezone.now().astimezone(dt.UTC).replace(microsecond=0))
    event.add("organizer", organiser())
    guest = vCalAddress(f"mailto:{attendee.email}")
    guest.params["cn"] = attendee.name
    guest.params["role"] = "REQ-PARTICIPANT"
    guest.params["partstat"] = "NEEDS-ACTION"
    guest.params["rsvp"] = "FALSE"
    event.add("attendee", guest)
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def method(item: Entry) -> str:
    return "CANCEL" if item.cancelled else "REQUEST"


def calendar_message(item: Entry, attendee: Person) -> CalendarMessage:
    """The invitation or cancellation as an email carries it."""
    return CalendarMessage(invitation(item, attendee), method(item))
