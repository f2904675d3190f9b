"""The alumni network on top of the shared `world`: made once per test on demand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from commonground.alumni.models import (
    AlumniEvent,
    EventKind,
    ExpertiseTag,
    Post,
    PostKind,
    Profile,
    Visibility,
)
from commonground.directory.models import Person
from tests.conftest import World


@dataclass
class Network:
    alumnus_profile: Profile
    post: Post
    event: AlumniEvent


def profile(person: Person, *tags: str, **fields: object) -> Profile:
    found = Profile.objects.create(person=person, listed=True, **fields)
    found.expertise.set([ExpertiseTag.objects.get_or_create(name=tag)[0] for tag in tags])
    return found


def event(world: World, days: int = 30, **fields: object) -> AlumniEvent:
    day = timezone.localdate() + dt.timedelta(days=days)
    values: dict[str, object] = {
        "programme": world.programme,
        "kind": EventKind.REUNION,
        "title": "Alumni reunion",
        "starts_at": timezone.make_aware(dt.datetime.combine(day, dt.time(17))),
        "ends_at": timezone.make_aware(dt.datetime.combine(day, dt.time(20))),
        "place": "The Old Court, Chelmsford",
        **fields,
    }
    return AlumniEvent.objects.create(**values)


def network(world: World) -> Network:
    """The alumnus listed (expertise seen by alumni and participants, places by staff only), an
    ask they posted, and a reunion with two places; made once per world."""
    cached: Network | None = getattr(world, "_network", None)
    if cached is not None:
        return cached
    found = Network(
        alumnus_profile=profile(
            world.alumnus_person,
            "joint commissioning",
            "domestic abuse",
            works_on="The county's domestic abuse partnership",
            places="Basildon",
            places_visibility=Visibility.STAFF,
        ),
        post=Post.objects.create(
            programme=world.programme,
            author=world.alumnus_person,
            kind=PostKind.ASK,
            title="Anyone who has set up a joint commissioning board?",
            body="With the NHS, for adult mental health.",
        ),
        event=event(world, capacity=2),
    )
    world._network = found  # type: ignore[attr-defined]
    return found
