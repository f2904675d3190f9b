"""Private calendar feed links: a random secret per person, stored only as its hash.

Resetting makes a new secret, so the old link stops working at once.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.directory.models import Person
from commonground.lib.links import digest, new_secret

from .models import CalendarFeed


def issue(person: Person, by: User | None) -> str:
    """A new secret for the person's feed, replacing any old one; returned once, never stored."""
    token, token_hash = new_secret()
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
        feed = feed or CalendarFeed(person=person)
        action = "reset" if feed.pk is not None else "created"
        with audited(by, feed, f"programmes.calendarfeed.{action}"):
            feed.token_hash = token_hash
            feed.created_at = timezone.now()
            feed.save()
    return token


def find(token: str) -> CalendarFeed | None:
    """The feed this secret opens, or None; a look-up by hash, so timing tells nothing.

    A deactivated account's feed opens nothing: the link outlives the account otherwise.
    """
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=digest(token), person__user__is_active=True)
        .first()
    )
    if feed is not None:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed
