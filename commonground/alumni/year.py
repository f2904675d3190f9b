"""What the alumni network puts on an alumnus's home: the network itself, their profile, and
the alumni events coming up, with whether they said they are coming."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from commonground.programmes.year import Task

from .models import AlumniEvent, Profile, Rsvp, RsvpStatus

EVENTS_SHOWN = 3


def alumni_news(person_id: int, programme_ids: set[int], now: dt.datetime) -> list[Task]:
    """In two queries: the profile, and the next events with this person's answer to each."""
    profile = Profile.objects.filter(person_id=person_id).first()
    news = [
        Task(
            title="Your network profile",
            hint=(
                "You are listed in the alumni directory. Keep what you work on and what you can "
                "offer up to date."
                if profile is not None and profile.listed
                else "Join the alumni directory so others can find you by what you know. "
                "You choose who sees each part."
            ),
            link=reverse("alumni:profile"),
        ),
        Task(
            title="Find alumni, ask and offer help",
            hint="Search the directory by expertise, sector, organisation or cohort, and post "
            "an ask or an offer.",
            link=reverse("alumni:directory"),
        ),
    ]
    answer = Rsvp.objects.filter(event=OuterRef("pk"), person_id=person_id).values("status")
    events = list(
        AlumniEvent.objects.filter(
            programme_id__in=programme_ids, cancelled_at__isnull=True, ends_at__gte=now
        )
        .annotate(my_answer=Subquery(answer[:1]))
        .order_by("starts_at", "pk")[:EVENTS_SHOWN]
    )
    for event in events:
        status = event.my_answer
        said = RsvpStatus(status).label if status else "Say whether you are coming"
        starts = timezone.localtime(event.starts_at)
        news.append(
            Task(
                title=f"{event.get_kind_display()}: {event.title}",
                hint=f"{starts.day} {starts:%B %Y}. {said}.",
                link=event.get_absolute_url(),
                due=starts.date(),
            )
        )
    return news
