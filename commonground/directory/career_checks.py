"""The yearly "still in this role?" email: who is due, the signed link it carries, and sending.

People who agreed to be followed up (`CareerChoice.follow_up`) and hold a post nobody has asked
about or confirmed for a year are asked once. The link is signed for this one purpose and this
person, lasts 60 days, and only records "nothing has changed"; "update" leads to the sign-in
page and then their record.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from commonground.lib import emails

from .models import Person, Post

SALT = "commonground.directory.still-in-role"
LINK_DAYS = 60
ASK_EVERY = dt.timedelta(days=365)


def link_for(person: Person) -> str:
    token = signing.dumps({"person": person.pk}, salt=SALT)
    return settings.SITE_URL + reverse("directory:still_in_role", args=[token])


def person_from_link(token: str) -> Person | None:
    """The person the link was made for, or None if it is forged, altered or too old."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=payload.get("person")).first()


def _due(today: dt.date) -> Q:
    cutoff = today - ASK_EVERY
    return (
        Q(
            ended_on__isnull=True,
            started_on__lte=cutoff,
            person__career_choice__follow_up=True,
        )
        & (Q(asked_on__isnull=True) | Q(asked_on__lte=cutoff))
        & (Q(confirmed_on__isnull=True) | Q(confirmed_on__lte=cutoff))
    )


def claim_due(today: dt.date | None = None) -> list[int]:
    """The people due the question, each claimed with one UPDATE so no two workers ask twice."""
    today = today or timezone.localdate()
    claimed: list[int] = []
    people = Post.objects.filter(_due(today)).values_list("person_id", flat=True).distinct()
    for person_id in sorted(set(people)):
        with transaction.atomic():
            if Post.objects.filter(_due(today), person_id=person_id).update(asked_on=today):
                claimed.append(person_id)
    return claimed


def ask(person_id: int) -> bool:
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not person.email:
        return False
    posts = list(
        Post.objects.filter(person=person, ended_on__isnull=True).select_related("organisation")
    )
    emails.send(
        "still-in-role",
        [person.email],
        {
            "person": person,
            "posts": posts,
            "yes_link": link_for(person),
            "update_link": settings.SITE_URL + reverse("directory:my_career"),
            "link_days": LINK_DAYS,
        },
    )
    return True


def ask_everyone_due() -> int:
    """Ask each person due; returns how many emails went."""
    return sum(ask(person_id) for person_id in claim_due())
