"""The demo's alumni network: opted-in profiles, asks and offers with replies, a reunion coming up
with RSVPs, a past learning event with its attendance, and the annual celebration with sponsors.

The demo alumnus is listed, with an ask of their own that has a reply; they have not answered the
reunion yet, so the demo journey can. Everything is built from a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from commonground.directory.models import Person
from commonground.programmes.demo.logins import demo_email
from commonground.programmes.models import Enrolment, EnrolmentStatus, Programme

from .models import (
    AlumniEvent,
    EventKind,
    ExpertiseTag,
    Post,
    PostKind,
    Profile,
    Reply,
    Rsvp,
    RsvpStatus,
    Visibility,
)

SEED = 13
SLUG = "leading-greater-essex"
LISTED_SHARE = 0.3
EXPERTISE = (
    "joint commissioning",
    "domestic abuse",
    "public health",
    "community safety",
    "housing and homelessness",
    "mental health",
    "adult social care",
    "children's services",
    "data and insight",
    "digital services",
    "workforce and culture",
    "emergency planning",
    "budgets and finance",
    "partnership governance",
    "community engagement",
    "suicide prevention",
)
PLACES = ("Basildon", "Braintree", "Chelmsford", "Colchester", "Harlow", "Southend", "Thurrock")
POSTS = (
    (
        PostKind.ASK,
        "Anyone who has set up a joint commissioning board with the NHS?",
        "We are setting up a joint commissioning board for adult mental health with the ICB. "
        "I would value an hour with someone who has done it: terms of reference, who chairs, "
        "how the money is pooled.",
    ),
    (
        PostKind.OFFER,
        "A visit to our community safety hub",
        "Happy to host two or three alumni at the hub for a morning, to see how police, council "
        "and housing officers share one office and one case list.",
    ),
    (
        PostKind.ASK,
        "Data-sharing agreement for domestic abuse cases",
        "Has anyone got a data-sharing agreement between police, health and a district council "
        "for domestic abuse cases that passed their information governance boards?",
    ),
    (
        PostKind.OFFER,
        "Mentoring a new head of service",
        "I have time for one new head of service a month, by phone, on moving from running a "
        "team to leading across organisations.",
    ),
    (
        PostKind.ASK,
        "Speakers on suicide prevention for a staff conference",
        "Looking for someone who has led a suicide prevention partnership to speak for 20 "
        "minutes at our staff conference in the spring.",
    ),
    (
        PostKind.OFFER,
        "Our workforce survey questions",
        "We wrote a short survey on how staff experience working with partners. Happy to share "
        "the questions and what we learnt.",
    ),
)
REPLIES = (
    "We did this last year with the ICB. Happy to talk: I will send you our terms of reference.",
    "I chaired ours for two years. The pooled budget was the hard part; call me.",
    "Count me in for a visit, mornings are best for me.",
    "We have one signed off by all three boards. I can share the template.",
)


def seed() -> str | None:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None or Profile.objects.exists():
        return None
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    now = timezone.now()
    with transaction.atomic():
        alumni, participants = _members(programme)
        login = Person.objects.filter(email=demo_email("alumnus")).first()
        listed = _profiles(rng, alumni, participants, login, now)
        posts, replies = _posts(rng, programme, listed, login, now)
        events = _events(rng, programme, alumni, login, now)
    return (
        f"Alumni network: {len(listed)} listed profiles, {posts} asks and offers with "
        f"{replies} replies, {events} alumni events with their answers."
    )


def _members(programme: Programme) -> tuple[list[Person], list[Person]]:
    enrolments = Enrolment.objects.filter(
        cohort__programme=programme, status__in=EnrolmentStatus.TAKING_A_PLACE
    ).select_related("person")
    alumni = {e.person_id: e.person for e in enrolments if e.status == EnrolmentStatus.COMPLETED}
    participants = {
        e.person_id: e.person
        for e in enrolments
        if e.status == EnrolmentStatus.ACTIVE and e.person_id not in alumni
    }
    return sorted(alumni.values(), key=lambda p: p.pk), sorted(
        participants.values(), key=lambda p: p.pk
    )


def _profiles(
    rng: random.Random,
    alumni: list[Person],
    participants: list[Person],
    login: Person | None,
    now: dt.datetime,
) -> list[Person]:
    tags = {name: ExpertiseTag.objects.create(name=name) for name in EXPERTISE}
    chosen = rng.sample(alumni, round(len(alumni) * LISTED_SHARE)) + rng.sample(
        participants, min(5, len(participants))
    )
    if login is not None and login not in chosen:
        chosen.append(login)
    profiles = []
    for person in chosen:
        wide = rng.random() < 0.6
        profile = Profile.objects.create(
            person=person,
            listed=True,
            works_on=f"{person.job_title or 'Leading a service'}: partnership work across "
            f"{rng.choice(PLACES)} and the county.",
            works_on_visibility=Visibility.NETWORK,
            expertise_visibility=Visibility.PROGRAMME if wide else Visibility.NETWORK,
            places=", ".join(rng.sample(PLACES, 2)),
            places_visibility=Visibility.NETWORK if wide else Visibility.STAFF,
            offers=rng.choice(
                (
                    "A conversation about setting up a partnership board.",
                    "A visit to see our joint team at work.",
                    "An introduction to colleagues in the NHS.",
                    "Help with a business case for joint funding.",
                )
            ),
            offers_visibility=Visibility.NETWORK,
            looking_for=rng.choice(
                (
                    "Someone who has pooled a budget with the police.",
                    "Ideas for involving residents in commissioning.",
                    "",
                )
            ),
            email_visibility=Visibility.NETWORK if wide else Visibility.STAFF,
            updated_at=now,
        )
        names = rng.sample(EXPERTISE, rng.randint(2, 4))
        if person == login:
            names = ["domestic abuse", "joint commissioning", "community safety"]
        profile.expertise.set([tags[name] for name in names])
        profiles.append(profile)
    return chosen


def _posts(
    rng: random.Random,
    programme: Programme,
    listed: list[Person],
    login: Person | None,
    now: dt.datetime,
) -> tuple[int, int]:
    authors = rng.sample(listed, len(POSTS))
    if login is not None:
        authors[0] = login
    replies = 0
    for index, ((kind, title, body), author) in enumerate(zip(POSTS, authors, strict=True)):
        post = Post.objects.create(
            programme=programme,
            author=author,
            kind=kind,
            title=title,
            body=body,
            created_at=now - dt.timedelta(days=2 + 3 * index, hours=rng.randint(0, 8)),
        )
        if index < len(REPLIES) // 2 + 1:
            others = [p for p in listed if p != author and p != login]
            for number, replier in enumerate(rng.sample(others, 2 if index == 0 else 1)):
                Reply.objects.create(
                    post=post,
                    author=replier,
                    body=REPLIES[(index + number) % len(REPLIES)],
                    created_at=post.created_at + dt.timedelta(hours=5 + number),
                )
                replies += 1
    return len(POSTS), replies


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _events(
    rng: random.Random,
    programme: Programme,
    alumni: list[Person],
    login: Person | None,
    now: dt.datetime,
) -> int:
    today = timezone.localdate(now)
    reunion_day = today + dt.timedelta(days=35)
    reunion = AlumniEvent.objects.create(
        programme=programme,
        kind=EventKind.REUNION,
        title=f"Alumni reunion {reunion_day.year}",
        description="An evening for every cohort since 2016: what we are working on together, "
        "and the partnerships that came out of the programme.",
        starts_at=_at(reunion_day, 17),
        ends_at=_at(reunion_day, 20),
        place="The Old Court, Chelmsford",
        capacity=60,
        invitations_sent_at=now - dt.timedelta(days=7),
    )
    others = [person for person in alumni if person != login]
    coming = rng.sample(others, 34)
    for index, person in enumerate(coming):
        Rsvp.objects.create(
            event=reunion,
            person=person,
            status=RsvpStatus.DECLINED if index % 6 == 5 else RsvpStatus.GOING,
            responded_at=now - dt.timedelta(days=6, hours=-index),
        )
    learning_day = today - dt.timedelta(days=40)
    learning = AlumniEvent.objects.create(
        programme=programme,
        kind=EventKind.LEARNING,
        title="Learning across cohorts: the domestic abuse partnership",
        description="The alumni who lead the county's domestic abuse partnership on what "
        "worked, what did not, and what they would do differently.",
        starts_at=_at(learning_day, 10),
        ends_at=_at(learning_day, 13),
        place="Essex Police headquarters, Chelmsford",
        capacity=30,
        invitations_sent_at=now - dt.timedelta(days=70),
    )
    for index, person in enumerate(rng.sample(others, 24)):
        Rsvp.objects.create(
            event=learning,
            person=person,
            status=RsvpStatus.GOING,
            attended=index % 5 != 4,
            responded_at=now - dt.timedelta(days=60, hours=-index),
        )
    celebration_day = today + dt.timedelta(days=150)
    AlumniEvent.objects.create(
        programme=programme,
        kind=EventKind.CELEBRATION,
        title=f"Annual celebration {celebration_day.year}",
        description="The programme's year, with the sponsors who back it: certificates for "
        "the cohort completing, and the work alumni lead across the county.",
        starts_at=_at(celebration_day, 16),
        ends_at=_at(celebration_day, 19),
        place="County Hall, Chelmsford",
        capacity=150,
        with_sponsors=True,
    )
    return 3
