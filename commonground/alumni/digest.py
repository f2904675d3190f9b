"""The weekly alumni email: new asks and offers and alumni events coming up, for each person
in a programme's network who has not opted out, with a one-click unsubscribe link.

Alumni get it unless they opt out; current participants only once they have joined the network
(a listed profile). Each person's email for a week is claimed with one unique row
(`DigestSent`), so a second run in the same week, or two workers at once, send nothing twice.
The unsubscribe link carries the person's id signed with the site's secret: it works without
signing in, as RFC 8058 asks, and cannot be forged for someone else.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from commonground.audit.log import audited
from commonground.directory.models import Person
from commonground.lib import emails
from commonground.programmes.models import Enrolment, EnrolmentStatus

from .models import AlumniEvent, DigestSent, Post, Profile

SALT = "alumni.digest.unsubscribe"
NEW_POSTS = dt.timedelta(days=7)
EVENTS_AHEAD = dt.timedelta(days=60)


def unsubscribe_token(person_id: int) -> str:
    return signing.dumps(person_id, salt=SALT)


def person_of(token: str) -> Person | None:
    """The person an unsubscribe link is for, or None if the link was altered."""
    try:
        person_id = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=person_id).first() if isinstance(person_id, int) else None


def unsubscribe_url(person_id: int) -> str:
    return settings.SITE_URL + reverse("alumni:unsubscribe", args=[unsubscribe_token(person_id)])


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Digest:
    person: Person
    posts: list[Post] = field(default_factory=list)
    events: list[AlumniEvent] = field(default_factory=list)


def recipients() -> dict[int, set[int]]:
    """Person id to the programmes whose news they get."""
    opted_out = Profile.objects.filter(digest=False).values_list("person_id", flat=True)
    joined = Profile.objects.filter(listed=True).values_list("person_id", flat=True)
    enrolments = (
        Enrolment.objects.filter(
            Q(status=EnrolmentStatus.COMPLETED)
            | Q(status=EnrolmentStatus.ACTIVE, person_id__in=joined)
        )
        .exclude(person_id__in=opted_out)
        .exclude(person__email="")
        .values_list("person_id", "cohort__programme_id")
    )
    found: dict[int, set[int]] = defaultdict(set)
    for person_id, programme_id in enrolments:
        found[person_id].add(programme_id)
    return found


def digests(now: dt.datetime) -> list[Digest]:
    """Everyone's email this week, leaving out people with nothing new."""
    wanted = recipients()
    programme_ids = set().union(*wanted.values()) if wanted else set()
    posts: dict[int, list[Post]] = defaultdict(list)
    for found in (
        Post.objects.filter(
            programme_id__in=programme_ids,
            hidden_at__isnull=True,
            closed_at__isnull=True,
            created_at__gte=now - NEW_POSTS,
        )
        .select_related("author__organisation")
        .order_by("-created_at", "-pk")
    ):
        posts[found.programme_id].append(found)
    events: dict[int, list[AlumniEvent]] = defaultdict(list)
    for event in AlumniEvent.objects.filter(
        programme_id__in=programme_ids,
        cancelled_at__isnull=True,
        starts_at__gte=now,
        starts_at__lte=now + EVENTS_AHEAD,
    ).select_related("programme"):
        events[event.programme_id].append(event)
    people = Person.objects.in_bulk(list(wanted))
    found_digests = []
    for person_id, programmes in sorted(wanted.items()):
        digest = Digest(people[person_id])
        for programme_id in sorted(programmes):
            digest.posts += [p for p in posts[programme_id] if p.author_id != person_id]
            digest.events += events[programme_id]
        if digest.posts or digest.events:
            digest.events.sort(key=lambda event: event.starts_at)
            found_digests.append(digest)
    return found_digests


def claim(person_id: int, week: dt.date) -> bool:
    """Whether this run sends the person's email for the week: only the first claim succeeds."""
    try:
        with transaction.atomic():
            DigestSent.objects.create(person_id=person_id, week=week)
    except IntegrityError:
        return False
    return True


def send(digest: Digest) -> None:
    url = unsubscribe_url(digest.person.pk)
    emails.send(
        "alumni-digest",
        [digest.person.email],
        {
            "person": digest.person,
            "posts": digest.posts,
            "events": digest.events,
            "unsubscribe_url": url,
            "network_url": settings.SITE_URL + reverse("alumni:posts"),
        },
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_weekly(now: dt.datetime | None = None) -> int:
    """Send this week's emails not yet sent; returns how many went."""
    now = now or timezone.now()
    week = week_of(timezone.localdate(now))
    sent = 0
    for digest in digests(now):
        if claim(digest.person.pk, week):
            send(digest)
            sent += 1
    return sent


def unsubscribe(person: Person) -> bool:
    """Stop the weekly email for this person; False if it was already stopped."""
    profile = Profile.objects.filter(person=person).first() or Profile(person=person)
    if profile.pk is not None and not profile.digest:
        return False
    with audited(None, profile, "alumni.profile.unsubscribed"):
        profile.digest = False
        profile.save()
    return True
