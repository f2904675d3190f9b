"""A national data set: thousands of organisations, a hundred thousand people, fifty programmes.

It exists so that anyone can reproduce the figures of `docs/performance.md` on their own machine:
`manage.py seed_scale` fills a database with it (after the demo, whose logins are given a role in
every programme here, so they see it all). Rows are generated from a seeded random source, so the
same seed and sizes give the same rows, and written in batches with bulk inserts and no audit
entries (seeded rows are not changes made by a user). Each programme is written in its own
transaction, so a run stopped half-way leaves whole programmes behind.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.programmes.kept_standings import keep
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeRole,
    Role,
)

from .logins import demo_email
from .names import FIRST_NAMES, SURNAMES

SLUG_PREFIX = "national-"
BATCH = 5000
DEFAULT_SEED = 20261130

PLACES = [
    "Ashford",
    "Barnsley",
    "Bedford",
    "Blackpool",
    "Bolton",
    "Bradford",
    "Brighton",
    "Bristol",
    "Burnley",
    "Bury",
    "Cambridge",
    "Carlisle",
    "Chester",
    "Coventry",
    "Crawley",
    "Darlington",
    "Derby",
    "Doncaster",
    "Dudley",
    "Durham",
    "Exeter",
    "Gateshead",
    "Gloucester",
    "Grimsby",
    "Halifax",
    "Harlow",
    "Hartlepool",
    "Hastings",
    "Hereford",
    "Huddersfield",
    "Hull",
    "Ipswich",
    "Kendal",
    "Kingston",
    "Lancaster",
    "Leeds",
    "Leicester",
    "Lincoln",
    "Liverpool",
    "Luton",
    "Maidstone",
    "Manchester",
    "Middlesbrough",
    "Newcastle",
    "Northampton",
    "Norwich",
    "Nottingham",
    "Oldham",
    "Oxford",
    "Peterborough",
    "Plymouth",
    "Portsmouth",
    "Preston",
    "Reading",
    "Rochdale",
    "Salford",
    "Sheffield",
    "Shrewsbury",
    "Slough",
    "Solihull",
    "Stockport",
    "Stoke",
    "Sunderland",
    "Swindon",
    "Taunton",
    "Telford",
    "Truro",
    "Wakefield",
    "Walsall",
    "Warrington",
    "Watford",
    "Wigan",
    "Winchester",
    "Wolverhampton",
    "Worcester",
    "Worthing",
    "York",
]
KINDS: tuple[tuple[str, str], ...] = (
    ("City Council", Sector.LOCAL_GOVERNMENT),
    ("District Council", Sector.LOCAL_GOVERNMENT),
    ("Borough Council", Sector.LOCAL_GOVERNMENT),
    ("NHS Foundation Trust", Sector.HEALTH_AND_CARE),
    ("Integrated Care Board", Sector.HEALTH_AND_CARE),
    ("Community Health Services", Sector.HEALTH_AND_CARE),
    ("Police", Sector.POLICE_AND_JUSTICE),
    ("Probation Service", Sector.POLICE_AND_JUSTICE),
    ("Fire and Rescue Service", Sector.FIRE_AND_RESCUE),
    ("College", Sector.EDUCATION),
    ("Academy Trust", Sector.EDUCATION),
    ("University", Sector.EDUCATION),
    ("Jobcentre Plus", Sector.CENTRAL_GOVERNMENT),
    ("HM Courts Service", Sector.CENTRAL_GOVERNMENT),
    ("Council for Voluntary Service", Sector.VOLUNTARY_AND_COMMUNITY),
    ("Citizens Advice", Sector.VOLUNTARY_AND_COMMUNITY),
    ("Housing Association", Sector.VOLUNTARY_AND_COMMUNITY),
    ("Community Safety Partnership", Sector.PARTNERSHIP),
    ("Health and Wellbeing Board", Sector.PARTNERSHIP),
    ("Chamber of Commerce", Sector.PRIVATE),
)
TITLES = {
    Band.CHIEF_OFFICER: "Chief Executive",
    Band.DIRECTOR: "Director of Services",
    Band.ASSISTANT_DIRECTOR: "Assistant Director",
    Band.HEAD_OF_SERVICE: "Head of Service",
    Band.SENIOR_MANAGER: "Senior Manager",
    Band.OTHER: "Team Leader",
}
BANDS = list(TITLES)
BAND_WEIGHTS = [3, 8, 15, 30, 30, 14]
ACTIVITY_KINDS = [
    ActivityKind.LAUNCH,
    ActivityKind.LEARNING_DAY,
    ActivityKind.PEER_COACHING,
    ActivityKind.ONLINE,
    ActivityKind.CHALLENGE_WORKSHOP,
    ActivityKind.RESIDENTIAL,
]
MARKS = [
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.ABSENT,
]
MARK_WEIGHTS = [80, 6, 9, 5]
# The roles of the demo logins, given in every programme of the data set.
DEMO_ROLES = (
    ("staff", Role.STAFF),
    ("facilitator", Role.FACILITATOR),
    ("evaluator", Role.EVALUATOR),
    ("board", Role.BOARD),
)


@dataclass(frozen=True)
class Sizes:
    """How much to generate; `scaled(0.1)` is a tenth of the national data set."""

    organisations: int = 2000
    people: int = 100_000
    programmes: int = 50
    cohorts: int = 1000
    enrolments_per_cohort: int = 50
    activities_per_cohort: int = 20
    applications_per_round: int = 1000

    def scaled(self, factor: float) -> Sizes:
        def by(n: int, least: int = 1) -> int:
            return max(least, round(n * factor))

        programmes = by(self.programmes)
        return Sizes(
            organisations=by(self.organisations, 20),
            people=by(self.people, 50),
            programmes=programmes,
            cohorts=by(self.cohorts, 2 * programmes),
            enrolments_per_cohort=self.enrolments_per_cohort,
            activities_per_cohort=self.activities_per_cohort,
            applications_per_round=by(self.applications_per_round, 5),
        )


@dataclass
class Counts:
    organisations: int = 0
    people: int = 0
    programmes: int = 0
    cohorts: int = 0
    enrolments: int = 0
    activities: int = 0
    attendance: int = 0
    roles: int = 0


@dataclass
class Batches:
    """Rows waiting to be inserted, written whenever `BATCH` of one kind are waiting."""

    waiting: dict[type[Model], list[Model]] = field(default_factory=dict)
    written: dict[type[Model], int] = field(default_factory=dict)

    def add(self, row: Model) -> None:
        rows = self.waiting.setdefault(type(row), [])
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush(type(row))

    def flush(self, model: type[Model] | None = None) -> None:
        for kind in [model] if model else list(self.waiting):
            rows = self.waiting.pop(kind, [])
            if rows:
                kind._default_manager.bulk_create(rows, batch_size=BATCH)
                self.written[kind] = self.written.get(kind, 0) + len(rows)


def present() -> bool:
    return Programme.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def programmes() -> list[Programme]:
    return list(Programme.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"))


def seed(sizes: Sizes, seed: int = DEFAULT_SEED, today: dt.date | None = None) -> Counts | None:
    """Write the data set; None when it is already there, so a second run changes nothing."""
    if present():
        return None
    today = today or timezone.localdate()
    rng = random.Random(seed)  # nosec B311  # seeded on purpose: same seed, same rows
    counts = Counts()
    with transaction.atomic():
        organisations = _organisations(rng, sizes.organisations)
        people = _people(rng, sizes.people, organisations)
    counts.organisations, counts.people = len(organisations), len(people)
    participants = people[: len(people) // 2]
    senior = [
        p for p in people[len(people) // 2 :] if p.band in (Band.CHIEF_OFFICER, Band.DIRECTOR)
    ]
    demo_users = list(User.objects.filter(email__in=[demo_email(r) for r, _ in DEMO_ROLES]))
    per_programme = _split(sizes.cohorts, sizes.programmes)
    next_participant = 0
    for number, cohort_count in enumerate(per_programme, start=1):
        with transaction.atomic():
            programme = Programme.objects.create(
                name=f"{rng.choice(PLACES)} Leadership Programme {number:02d}",
                slug=f"{SLUG_PREFIX}{number:02d}",
                owner=rng.choice(organisations),
                description="A cross-organisational leadership programme (national data set).",
            )
            counts.roles += len(
                ProgrammeRole.objects.bulk_create(
                    ProgrammeRole(programme=programme, user=user, role=role)
                    for user in demo_users
                    for name, role in DEMO_ROLES
                    if user.email == demo_email(name)
                )
            )
            batches = Batches()
            for cohort in _cohorts(programme, cohort_count, today):
                chosen = [
                    participants[(next_participant + i) % len(participants)]
                    for i in range(sizes.enrolments_per_cohort)
                ]
                next_participant += sizes.enrolments_per_cohort
                _fill(rng, batches, cohort, chosen, senior, sizes, today)
            batches.flush()
            keep(Enrolment.objects.filter(cohort__programme=programme))  # registers in bulk
        counts.programmes += 1
        counts.cohorts += cohort_count
        counts.enrolments += batches.written.get(Enrolment, 0)
        counts.activities += batches.written.get(Activity, 0)
        counts.attendance += batches.written.get(Attendance, 0)
    return counts


def _split(total: int, parts: int) -> list[int]:
    """`total` cohorts over `parts` programmes, as evenly as they go (at least one each)."""
    parts = max(1, parts)
    base, extra = divmod(max(total, parts), parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _organisations(rng: random.Random, count: int) -> list[Organisation]:
    rows = []
    for i in range(count):
        kind, sector = KINDS[i % len(KINDS)]
        place = PLACES[(i // len(KINDS)) % len(PLACES)]
        lap = i // (len(KINDS) * len(PLACES))
        name = f"{place} {kind}" + (f" ({lap + 1})" if lap else "")
        rows.append(
            Organisation(
                name=f"{name} [national]",
                short_name=name[:60],
                sector=sector,
                kind=kind,
                area=rng.choice(Area.values),
                locality=place,
            )
        )
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def _people(rng: random.Random, count: int, organisations: list[Organisation]) -> list[Person]:
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        band = rng.choices(BANDS, BAND_WEIGHTS)[0]
        organisation = rng.choice(organisations)
        rows.append(
            Person(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.{i}@national.example".lower().replace("'", ""),
                organisation=organisation,
                job_title=TITLES[band],
                band=band,
            )
        )
    return Person.objects.bulk_create(rows, batch_size=BATCH)


def _cohorts(programme: Programme, count: int, today: dt.date) -> Iterator[Cohort]:
    """Two intakes a year (September and March), the latest two still to start."""
    first = count - 2
    rows = []
    for k in range(count):
        half_years = k - first
        start = _add_months(dt.date(today.year, 9 if today.month >= 9 else 3, 1), 6 * half_years)
        if today.month < 3:
            start = _add_months(start, -6)
        ends = _add_months(start, 10) - dt.timedelta(days=1)
        status = (
            CohortStatus.COMPLETED
            if ends < today
            else CohortStatus.RUNNING
            if start <= today
            else CohortStatus.RECRUITING
            if k == count - 1
            else CohortStatus.PLANNING
        )
        intake = "autumn" if start.month == 9 else "spring"
        rows.append(
            Cohort(
                programme=programme,
                name=f"{start.year} {intake}",
                starts_on=start,
                ends_on=ends,
                capacity=50,
                status=status,
            )
        )
    yield from Cohort.objects.bulk_create(rows)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _fill(
    rng: random.Random,
    batches: Batches,
    cohort: Cohort,
    people: list[Person],
    sponsors: list[Person],
    sizes: Sizes,
    today: dt.date,
) -> None:
    """A cohort's enrolments, activities and the registers of the activities already held."""
    finished = cohort.status == CohortStatus.COMPLETED
    enrolments = []
    for person in people:
        roll = rng.random()
        status = (
            EnrolmentStatus.WITHDRAWN
            if roll < 0.06
            else EnrolmentStatus.COMPLETED
            if finished and roll < 0.97
            else EnrolmentStatus.ACTIVE
        )
        enrolments.append(
            Enrolment(
                person=person,
                cohort=cohort,
                status=status,
                enrolled_on=cohort.starts_on - dt.timedelta(days=30),
                left_on=cohort.starts_on + dt.timedelta(days=rng.randrange(30, 200))
                if status == EnrolmentStatus.WITHDRAWN
                else None,
                sponsor=rng.choice(sponsors) if sponsors else None,
            )
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    batches.written[Enrolment] = batches.written.get(Enrolment, 0) + len(enrolments)
    activities = []
    span = (cohort.ends_on - cohort.starts_on).days
    for n in range(sizes.activities_per_cohort):
        day = cohort.starts_on + dt.timedelta(days=span * n // max(1, sizes.activities_per_cohort))
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
        kind = ACTIVITY_KINDS[0] if n == 0 else rng.choice(ACTIVITY_KINDS[1:])
        activities.append(
            Activity(
                cohort=cohort,
                kind=kind,
                title=f"{ActivityKind(kind).label} {n + 1}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=6),
                place=f"{rng.choice(PLACES)} Civic Centre",
            )
        )
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    batches.written[Activity] = batches.written.get(Activity, 0) + len(activities)
    for activity in activities:
        if activity.starts_at.date() >= today:
            continue
        for enrolment in enrolments:
            if enrolment.left_on and enrolment.left_on < activity.starts_at.date():
                continue
            if rng.random() < 0.03:
                continue  # a register not completed for everyone
            batches.add(
                Attendance(
                    activity=activity,
                    enrolment=enrolment,
                    status=rng.choices(MARKS, MARK_WEIGHTS)[0],
                    recorded_at=activity.ends_at,
                )
            )
