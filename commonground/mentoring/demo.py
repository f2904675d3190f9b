"""The demo's mentoring: alumni of recent cohorts who volunteered, participants of the running
cohort who asked, pairs already introduced (the demo alumnus mentors the demo participant, or
another participant from a different organisation), and a few new requests for staff to match.

The introduced pairs were found by the same matching the staff page runs, so the demo shows its
explanations; the first pair is made by hand, as staff may, and the matching keeps it fixed.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.programmes.models import (
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

from . import engine, services
from .models import Match, MatchStatus, Mentor, MentoringRequest

SEED = 13
SLUG = "leading-greater-essex"
DOMAIN = "demo.commonground.example"
MENTORS = 14
REQUESTS = 18
LATE_REQUESTS = 3  # asked after the pairs were introduced: for staff to match in the demo
AREAS = (
    "commissioning",
    "partnership boards",
    "budgets",
    "safeguarding",
    "domestic abuse",
    "mental health",
    "housing",
    "workforce",
    "data",
    "community engagement",
    "change management",
    "governance",
    "public health",
    "media",
)
HELP = (
    "Working with elected members and boards when priorities clash.",
    "Setting up a joint commissioning arrangement with the NHS.",
    "Leading a service through a restructure without losing people.",
    "Getting partners to share data about the families we both work with.",
    "Moving from running a service to leading across the system.",
    "Making the case for early help when budgets are cut.",
)


def seed() -> str | None:
    programme = Programme.objects.filter(slug=SLUG).first()
    running = (
        Cohort.objects.filter(programme=programme, status=CohortStatus.RUNNING)
        .order_by("-starts_on")
        .first()
    )
    if programme is None or running is None or Mentor.objects.filter(programme=programme).exists():
        return None
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    staff = User.objects.filter(email=f"staff@{DOMAIN}").first()
    with transaction.atomic():
        mentors = _mentors(rng, programme)
        asking = _asking(rng, running)
        early = [_request(rng, enrolment) for enrolment in asking[LATE_REQUESTS:]]
        _first_pair(early, mentors)
        if staff is not None:
            services.run_matching(running, staff)
        Match.objects.filter(
            request__enrolment__cohort=running, status=MatchStatus.PROPOSED
        ).update(status=MatchStatus.PUBLISHED, published_at=timezone.now())
        # These asked after the pairs were introduced: they wait for staff to match them.
        for enrolment in asking[:LATE_REQUESTS]:
            _request(rng, enrolment)
    pairs = Match.objects.filter(mentor__programme=programme).count()
    return (
        f"Seeded mentoring: {len(mentors)} alumni mentors, {len(asking)} participants asking, "
        f"{pairs} pairs introduced, {LATE_REQUESTS} new requests to match."
    )


def _mentors(rng: random.Random, programme: Programme) -> list[Mentor]:
    """The demo alumnus and alumni of recent cohorts, each from a different organisation."""
    completed = list(
        Enrolment.objects.filter(
            cohort__programme=programme,
            status=EnrolmentStatus.COMPLETED,
            person__organisation__isnull=False,
        )
        .select_related("person__organisation", "person__user")
        .order_by("-cohort__starts_on", "pk")
    )
    demo = [e for e in completed if e.person.user and e.person.user.email == f"alumnus@{DOMAIN}"]
    chosen: list[Enrolment] = demo[:1]
    seen = {e.person.organisation_id for e in chosen} | {e.person_id for e in chosen}
    for enrolment in completed[:200]:
        if len(chosen) >= MENTORS:
            break
        if enrolment.person.organisation_id in seen or enrolment.person_id in seen:
            continue
        if rng.random() < 0.4:
            chosen.append(enrolment)
            seen.update({enrolment.person.organisation_id, enrolment.person_id})
    sectors = sorted({e.person.organisation.sector for e in completed if e.person.organisation})
    return [
        Mentor.objects.create(
            programme=programme,
            person=enrolment.person,
            capacity=2 if i == 0 else rng.choice((1, 1, 2)),
            expertise=", ".join(sorted(rng.sample(AREAS, rng.randint(2, 4)))),
            prefers_sectors=rng.sample(sectors, rng.randint(0, 2)) if sectors else [],
            notes="",
        )
        for i, enrolment in enumerate(chosen)
    ]


def _asking(rng: random.Random, cohort: Cohort) -> list[Enrolment]:
    """Participants who ask for a mentor, the demo participant last so they are matched."""
    active = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
        .select_related("person__user", "person__organisation", "sponsor")
        .order_by("pk")
    )
    demo = [e for e in active if e.person.user and e.person.user.email == f"participant@{DOMAIN}"]
    others = [e for e in active if e not in demo]
    return rng.sample(others, min(REQUESTS - len(demo), len(others))) + demo


def _request(rng: random.Random, enrolment: Enrolment) -> MentoringRequest:
    return MentoringRequest.objects.create(
        enrolment=enrolment,
        needs=", ".join(sorted(rng.sample(AREAS, rng.randint(1, 3)))),
        help_with=rng.choice(HELP),
    )


def _first_pair(requests: list[MentoringRequest], mentors: list[Mentor]) -> None:
    """The demo alumnus's mentee, chosen by hand: the demo participant if the rules allow."""
    if not mentors:
        return
    alumnus = mentors[0]
    for request in reversed(requests):
        mentee = services.as_mentee(request)
        mentor = services.as_mentor(alumnus, 0)
        if engine.barrier(mentee, mentor, frozenset()):
            continue
        if not mentee.needs & mentor.expertise:
            # They asked for help with what the demo alumnus knows, so the pair reads well.
            request.needs = ", ".join(sorted(mentee.needs | {min(mentor.expertise)}))
            request.save(update_fields=["needs"])
            mentee = services.as_mentee(request)
        Match.objects.create(
            request=request,
            mentor=alumnus,
            status=MatchStatus.PUBLISHED,
            published_at=timezone.now(),
            score=engine.score(mentee, mentor, engine.Weights()),
            explanation=engine.explain(mentee, mentor) + "; chosen by the programme team",
            by_hand=True,
        )
        return
