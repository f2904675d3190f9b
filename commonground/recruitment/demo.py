"""The demo's recruitment: an open round for 2027/28 with about 90 applications in every state,
and the 2025/26 and 2026/27 rounds' history (selected, waiting list, unsuccessful).

Deterministic (a fixed seed), idempotent (nothing happens when the 2027/28 round exists), fast
(bulk inserts in one transaction), and without audit entries.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.lib.links import new_secret
from commonground.programmes.models import Cohort, Enrolment, Programme

from .models import (
    DEFAULT_CRITERIA,
    DEFAULT_QUESTIONS,
    Application,
    BalanceRule,
    Endorsement,
    EndorsementStatus,
    EqualityResponse,
    PanelMember,
    Proposal,
    Review,
    Round,
    Status,
)

SLUG = "leading-greater-essex"
SEED = 20270201
DOMAIN = "demo.commonground.example"
FIRST = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ellie",
    "Femi",
    "Grace",
    "Harry",
    "Isla",
    "Jamal",
    "Kira",
    "Liam",
    "Maya",
    "Nikhil",
    "Orla",
    "Paul",
    "Rosa",
    "Sunil",
    "Tara",
    "Wes",
]
LAST = [
    "Ashworth",
    "Brooks",
    "Chandra",
    "Doyle",
    "Ekwueme",
    "Fraser",
    "Gill",
    "Hart",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lambert",
    "Morris",
    "Nwosu",
    "Owen",
    "Price",
    "Quinn",
    "Rahman",
]
CHALLENGES = [
    "Hospital discharge that works for families",
    "Young people and serious violence",
    "Homelessness prevention across district boundaries",
    "Net zero in public buildings",
]
BANDS = [Band.DIRECTOR, Band.ASSISTANT_DIRECTOR, Band.HEAD_OF_SERVICE, Band.SENIOR_MANAGER]
# The open round's 90 applications: how many in each state.
OPEN_MIX = [
    (Status.DRAFT, 12),
    (Status.SUBMITTED, 18),
    (Status.ENDORSED, 15),  # complete, not yet scored
    (Status.SPONSOR_DECLINED, 5),
    ("scored", 35),
    (Status.WITHDRAWN, 5),
]
STATES: dict[str, str] = {
    Status.SUBMITTED: EndorsementStatus.PENDING,
    Status.SPONSOR_DECLINED: EndorsementStatus.DECLINED,
}
PRIVACY = (
    "Essex Partners uses your application only to select this year's cohort. Panel members see "
    "your application and your sponsor's statement. Equality monitoring answers are optional, "
    "kept apart and reported only as totals. Unsuccessful applications are anonymised after a "
    "year. You can download what we hold about you at any time."
)


def _round(cohort: Cohort, opens: dt.datetime, closes: dt.datetime) -> Round:
    return Round.objects.create(
        cohort=cohort,
        opens_at=opens,
        closes_at=closes,
        places=cohort.capacity or 48,
        introduction=(
            "Leading Greater Essex brings together senior leaders from every part of public "
            "service for a year of learning, peer coaching and a 100-day system challenge."
        ),
        questions=DEFAULT_QUESTIONS,
        criteria=[*DEFAULT_CRITERIA, "Curiosity about other organisations"],
        challenges=CHALLENGES,
        eligible_bands=[Band.CHIEF_OFFICER, *BANDS],
        privacy_notice=PRIVACY,
    )


def _rules(application_round: Round) -> None:
    BalanceRule.objects.bulk_create(
        [
            BalanceRule(round=application_round, attribute="organisation", maximum=3),
            BalanceRule(
                round=application_round, attribute="sector", value="Health and care", minimum=4
            ),
            BalanceRule(
                round=application_round, attribute="sector", value="Police and justice", minimum=2
            ),
            BalanceRule(
                round=application_round, attribute="sector", value="Local government", maximum=18
            ),
            BalanceRule(round=application_round, attribute="area", value="Southend", minimum=2),
            BalanceRule(round=application_round, attribute="area", value="Thurrock", minimum=2),
        ]
    )


class Maker:
    def __init__(self, rng: random.Random, organisations: list[Organisation]) -> None:
        self.rng = rng
        self.organisations = organisations
        self.n = 0

    def people(self, count: int, tag: str, first_at: Sequence[Organisation] = ()) -> list[Person]:
        """New people; the first ones work at `first_at`, the rest anywhere in the partnership."""
        made = []
        for index in range(count):
            self.n += 1
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            made.append(
                Person(
                    first_name=first,
                    last_name=last,
                    email=f"{first}.{last}.{tag}{self.n}@applicants.{DOMAIN}".lower(),
                    organisation=(
                        first_at[index]
                        if index < len(first_at)
                        else self.rng.choice(self.organisations)
                    ),
                    job_title=self.rng.choice(
                        ["Head of Service", "Assistant Director", "Director", "Service Manager"]
                    ),
                    band=self.rng.choice(BANDS),
                )
            )
        return Person.objects.bulk_create(made)

    def application(
        self, application_round: Round, person: Person, status: str, sponsor: Person | None
    ) -> Application:
        rng = self.rng
        sent = status != Status.DRAFT
        return Application(
            round=application_round,
            person=person,
            status=status,
            organisation=person.organisation,
            job_title=person.job_title,
            band=person.band,
            answers={
                str(i): rng.choice(
                    [
                        "Yes: my chief executive has agreed the time with me.",
                        "I lead a service that depends on three other agencies.",
                        "I am ready to be uncomfortable and to learn in public.",
                        "How do we make prevention everyone's business?",
                    ]
                )
                for i in range(len(application_round.questions) if sent else 2)
            },
            statements={
                str(i): "I brought partners together when the formal route was stuck."
                for i in range(len(application_round.criteria) if sent else 1)
            },
            challenge_ranking=rng.sample(CHALLENGES, 2) if sent else [],
            consent=sent,
            sponsor_name=sponsor.name if sponsor else "",
            sponsor_email=sponsor.email if sponsor else "",
            submitted_at=application_round.opens_at + dt.timedelta(days=rng.randint(1, 20))
            if sent
            else None,
        )


@transaction.atomic
def seed() -> str | None:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        return None
    cohorts = {c.name: c for c in Cohort.objects.filter(programme=programme)}
    upcoming = cohorts.get("2027/28")
    if upcoming is None or Round.objects.filter(cohort=upcoming).exists():
        return None
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    now = timezone.now()
    organisations = list(Organisation.objects.exclude(programmes=programme).order_by("name"))
    senior = list(
        Person.objects.filter(band__in=[Band.CHIEF_OFFICER, Band.DIRECTOR]).order_by("pk")[:40]
    )
    users = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAIN}")}
    demo_sponsor = Person.objects.filter(user__email=f"sponsor@{DOMAIN}").first()
    panel = [u for key, u in sorted(users.items()) if key.split("@")[0] in ("staff", "facilitator")]
    make = Maker(rng, organisations)
    sponsors = {p.email: p for p in [*senior, *([demo_sponsor] if demo_sponsor else [])]}

    # The open round.
    application_round = _round(upcoming, now - dt.timedelta(days=24), now + dt.timedelta(days=21))
    _rules(application_round)
    PanelMember.objects.bulk_create(
        [PanelMember(round=application_round, user=user) for user in panel]
    )
    applications = []
    # Enough scored applicants from the places the rules ask for, so the demo's rules can be met.
    wanted = [
        next((o for o in organisations if getattr(o, field) == value), organisations[0])
        for field, value in (
            ("area", Area.SOUTHEND),
            ("area", Area.THURROCK),
            ("sector", Sector.HEALTH_AND_CARE),
            ("sector", Sector.POLICE_AND_JUSTICE),
        )
    ] * 3
    for status, count in OPEN_MIX:
        for person in make.people(count, "a", wanted if status == "scored" else ()):
            sponsor = demo_sponsor if rng.random() < 0.1 and demo_sponsor else rng.choice(senior)
            real = Status.ENDORSED if status == "scored" else status
            application = make.application(application_round, person, real, sponsor)
            application._scored = status == "scored"  # type: ignore[attr-defined]
            applications.append(application)
    Application.objects.bulk_create(applications)
    endorsements, reviews, equality = [], [], []
    for application in applications:
        if application.status != Status.DRAFT:
            state = STATES.get(application.status, EndorsementStatus.ENDORSED)
            sponsor = sponsors[application.sponsor_email]
            endorsements.append(
                Endorsement(
                    application=application,
                    sponsor=sponsor,
                    token_digest=new_secret()[1],
                    status=state,
                    statement=(
                        "A generous colleague who already works across boundaries."
                        if state == EndorsementStatus.ENDORSED
                        else ""
                    ),
                    requested_at=application.submitted_at or now,
                    responded_at=None if state == EndorsementStatus.PENDING else now,
                    reminders_sent=rng.randint(0, 2) if state == EndorsementStatus.PENDING else 0,
                    next_reminder_at=(
                        now + dt.timedelta(days=rng.randint(1, 7))
                        if state == EndorsementStatus.PENDING
                        else None
                    ),
                )
            )
        if getattr(application, "_scored", False):
            talent = rng.uniform(2.0, 4.8)
            for user in panel:
                reviews.append(
                    Review(
                        application=application,
                        reviewer=user,
                        scores={
                            str(i): max(1, min(5, round_mark(talent + rng.gauss(0, 0.7))))
                            for i in range(len(application_round.criteria))
                        },
                        comment="",
                        submitted_at=now - dt.timedelta(days=rng.randint(0, 5)),
                    )
                )
        if application.status != Status.DRAFT and rng.random() < 0.6:
            equality.append(
                EqualityResponse(
                    round=application_round,
                    application=application,
                    age_band=rng.choice(["under_35", "35_44", "45_54", "55_plus", "prefer_not"]),
                    sex=rng.choice(["female", "male", "female", "prefer_not"]),
                    ethnicity=rng.choice(["white"] * 6 + ["asian", "black", "mixed", "other"]),
                    disability=rng.choice(["no"] * 5 + ["yes", "prefer_not"]),
                    caring=rng.choice(["no", "no", "yes"]),
                )
            )
    Endorsement.objects.bulk_create(endorsements)
    Review.objects.bulk_create(reviews)
    EqualityResponse.objects.bulk_create(equality)

    # Past rounds: the enrolled were selected; others waited or were unsuccessful.
    past = 0
    for name in ("2025/26", "2026/27"):
        cohort = cohorts.get(name)
        if cohort is None:
            continue
        opens = timezone.make_aware(dt.datetime(cohort.starts_on.year, 2, 1, 9))
        old = _round(cohort, opens, opens + dt.timedelta(days=45))
        _rules(old)
        decided = opens + dt.timedelta(days=75)
        rows = []
        for enrolment in Enrolment.objects.filter(cohort=cohort).select_related(
            "person__organisation", "sponsor"
        ):
            row = make.application(old, enrolment.person, Status.ACCEPTED, enrolment.sponsor)
            row.decided_at = decided
            row.moderated_score = rng.randint(14, 24)
            rows.append(row)
        chosen = len(rows)
        for index, person in enumerate(make.people(30, "p")):
            status = (
                Status.WAITING
                if name == "2026/27" and index < 5
                else Status.DECLINED
                if index < 7
                else Status.UNSUCCESSFUL
            )
            row = make.application(old, person, status, rng.choice(senior))
            row.decided_at = decided
            row.moderated_score = rng.randint(8, 17)
            row.waiting_rank = index + 1 if status == Status.WAITING else None
            row.consider_next_year = status == Status.UNSUCCESSFUL and rng.random() < 0.3
            rows.append(row)
        Application.objects.bulk_create(rows)
        Proposal.objects.create(
            round=old,
            status="optimal",
            chosen=[row.pk for row in rows[:chosen]],
            solver_chosen=[row.pk for row in rows[:chosen]],
            created_at=decided - dt.timedelta(days=2),
            confirmed_at=decided,
        )
        past += len(rows)
    return (
        f"Seeded recruitment: the 2027/28 round with {len(applications)} applications "
        f"({len(reviews)} panel reviews), and {past} applications in past rounds."
    )


def round_mark(value: float) -> int:
    return int(value + 0.5)


def seed_national(seed: int, applications_per_round: int) -> str | None:
    """An open round with many applications for each national programme (`manage.py seed_scale`).

    Each round's next cohort is the one recruiting; applicants are people of the data set who are
    not yet enrolled in that programme, in every state an open round has.
    """
    from commonground.programmes.demo import scale

    found = scale.programmes()
    if not found or Round.objects.filter(cohort__programme__in=found).exists():
        return None
    rng = random.Random(seed)  # nosec B311  # seeded on purpose: same seed, same applications
    now = timezone.now()
    applicants = list(
        Person.objects.filter(email__endswith="@national.example", enrolments__isnull=True)
        .select_related("organisation")
        .order_by("pk")
    )
    if not applicants:
        return None
    states = [s for s, n in OPEN_MIX for _ in range(n) if s != "scored"] + [Status.ENDORSED] * 35
    made = 0
    start = 0
    for programme in found:
        cohort = (
            Cohort.objects.filter(programme=programme, status="recruiting")
            .order_by("-starts_on")
            .first()
        )
        if cohort is None:
            continue
        with transaction.atomic():
            application_round = _round(
                cohort, now - dt.timedelta(days=24), now + dt.timedelta(days=21)
            )
            maker = Maker(rng, [])
            rows = []
            for i in range(min(applications_per_round, len(applicants))):
                person = applicants[(start + i) % len(applicants)]
                rows.append(maker.application(application_round, person, rng.choice(states), None))
            start += applications_per_round
            made += len(Application.objects.bulk_create(rows, batch_size=2000))
    return f"Seeded the national recruitment: {made} applications in open rounds."
