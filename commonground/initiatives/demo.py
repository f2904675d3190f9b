"""The demo's initiatives: the domestic-abuse partnership that grew out of two 100-day challenges.

Alumni of the teams that took on "Seeing the whole family in domestic abuse" and "Perpetrators
who change" lead it, with the demo alumnus among its leads so the journey can be tried; the
county's Domestic Abuse Board, police, councils and NHS work on it. Three indicators carry eight
quarters of values, and two stories: one everyone named agreed to, one still waiting.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from commonground.challenges.models import Challenge
from commonground.directory.models import Organisation, Person
from commonground.programmes.models import EnrolmentStatus, Programme

from .models import (
    Consent,
    Indicator,
    IndicatorValue,
    Initiative,
    Involvement,
    InvolvementRole,
    NamedPerson,
    Story,
)

SLUG = "leading-greater-essex"
ALUMNUS_EMAIL = "alumnus@demo.commonground.example"
TITLE = "Greater Essex domestic abuse partnership"
CHALLENGES = ("Seeing the whole family in domestic abuse", "Perpetrators who change")
ORGANISATIONS = (
    "Southend, Essex and Thurrock Domestic Abuse Board",
    "Essex Police",
    "Essex County Council",
    "Southend-on-Sea City Council",
    "Thurrock Council",
    "Mid and South Essex NHS Foundation Trust",
    "Probation Service East of England",
)
QUARTERS = 8
# name, unit, definition, higher is better, first value, change each quarter
INDICATORS = (
    (
        "Repeat referrals to MARAC",
        "%",
        "Share of families heard at the multi-agency risk assessment conference who had been "
        "heard there in the previous twelve months, each quarter, from the MARAC log.",
        False,
        Decimal("31.0"),
        Decimal("-1.6"),
    ),
    (
        "Families supported through the shared front door",
        "families",
        "Families whose first contact led to one shared risk summary seen by police, health and "
        "children's services, each quarter, counted by the Domestic Abuse Board.",
        True,
        Decimal("38"),
        Decimal("21"),
    ),
    (
        "Days from referral to a perpetrator programme place",
        "days",
        "Median days from an agency's referral to a first session of a perpetrator programme, "
        "each quarter, from the programme providers' returns.",
        False,
        Decimal("96"),
        Decimal("-7"),
    ),
)


def _quarter_ends(today: dt.date) -> list[dt.date]:
    """The last QUARTERS quarter ends before today, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3  # the last finished quarter, 0 = Q4 before
    ends = []
    for _ in range(QUARTERS):
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
        ends.append(next_month - dt.timedelta(days=1))
        quarter -= 1
    return ends[::-1]


def _challenges(programme: Programme) -> list[Challenge]:
    """The first year's team on each of the two challenges: where the partnership began."""
    found: dict[str, Challenge] = {}
    for challenge in (
        Challenge.objects.filter(programme=programme, title__in=CHALLENGES, teams__isnull=False)
        .distinct()
        .order_by("cohort__starts_on", "pk")
    ):
        found.setdefault(challenge.title, challenge)
    return list(found.values())


def _people(challenges: list[Challenge]) -> tuple[list[Person], list[Person]]:
    """(leads, others): the demo alumnus first, then the completers of the challenges' teams."""
    alumnus = Person.objects.filter(user__email=ALUMNUS_EMAIL).first()
    members = list(
        Person.objects.filter(
            enrolments__team_memberships__team__challenge__in=challenges,
            enrolments__status=EnrolmentStatus.COMPLETED,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    if alumnus is not None:
        members = [alumnus, *(person for person in members if person != alumnus)]
    return members[:3], members[3:12]


@transaction.atomic
def seed(today: dt.date | None = None) -> str | None:
    """Seed the partnership; None when it is already there (or there is no programme)."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None or Initiative.objects.filter(programme=programme).exists():
        return None
    today = today or timezone.localdate()
    quarters = _quarter_ends(today)
    initiative = Initiative.objects.create(
        programme=programme,
        title=TITLE,
        summary=(
            "Police, the three councils, the NHS and probation share one view of risk around a "
            "family, and one referral route for those who cause harm. Led by alumni whose 100-day "
            "challenges piloted both, and adopted by the county's Domestic Abuse Board."
        ),
        started_on=quarters[0] - dt.timedelta(days=80),
    )
    initiative.organisations.set(Organisation.objects.filter(name__in=ORGANISATIONS))
    challenges = _challenges(programme)
    initiative.challenges.set(challenges)
    leads, others = _people(challenges)
    Involvement.objects.bulk_create(
        [Involvement(initiative=initiative, person=p, role=InvolvementRole.LEADS) for p in leads]
        + [
            Involvement(initiative=initiative, person=p, role=InvolvementRole.TAKES_PART)
            for p in others
        ]
    )
    values = 0
    for name, unit, definition, higher, first, step in INDICATORS:
        indicator = Indicator.objects.create(
            initiative=initiative,
            name=name,
            unit=unit,
            definition=definition,
            higher_is_better=higher,
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                period_end=end,
                # A steady trend with a wobble, as real quarters have.
                value=first + step * index + (step / 2 if index % 3 == 2 else 0),
            )
            for index, end in enumerate(quarters)
        )
        values += len(quarters)
    author = leads[0] if leads else None
    told = Story.objects.create(
        initiative=initiative,
        title="Telling it once",
        what_changed=(
            "A mother of three who had told her story to six services in a year told it once: "
            "the health visitor's referral opened one shared risk summary that police, the school "
            "and children's services all read the same day."
        ),
        for_whom="Families living with domestic abuse in Basildon, then across the county.",
        evidence=(
            "Repeat referrals to MARAC fell from 31% to under 21% over two years; the family's "
            "own account, given with her agreement, to the Domestic Abuse Board in March."
        ),
        author=author,
        written_on=quarters[-2] + dt.timedelta(days=20),
    )
    NamedPerson.objects.create(
        story=told,
        name="Detective Inspector Ruth Okafor",
        consent=Consent.GIVEN,
        consent_on=quarters[-2] + dt.timedelta(days=25),
    )
    waiting = Story.objects.create(
        initiative=initiative,
        title="A place within a month",
        what_changed="Men referred by police now start a perpetrator programme within a month.",
        for_whom="Partners and children of men who have caused harm, in Thurrock and Southend.",
        evidence="Median wait down from 96 to under 50 days; the providers' quarterly returns.",
        author=author,
        written_on=quarters[-1] + dt.timedelta(days=10),
    )
    NamedPerson.objects.create(story=waiting, name="Marcus Hale")
    return (
        f"Seeded 1 initiative with {len(leads) + len(others)} people involved, "
        f"{len(INDICATORS)} indicators ({values} values) and 2 stories."
    )
