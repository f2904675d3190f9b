"""An initiative on top of the shared `world`, made once per test on demand.

The alumnus leads it and so contributes; the participant is in the programme but not involved,
so reads it only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from commonground.initiatives.models import (
    Consent,
    Indicator,
    IndicatorValue,
    Initiative,
    Involvement,
    InvolvementRole,
    NamedPerson,
    Story,
)
from tests.challenges.helpers import challenges
from tests.conftest import World

TITLE = "Domestic abuse partnership"


@dataclass
class Initiatives:
    initiative: Initiative
    indicator: Indicator
    usable: Story
    waiting: Story


def initiatives(world: World) -> Initiatives:
    found = Initiative.objects.filter(programme=world.programme, title=TITLE).first()
    if found is not None:
        return Initiatives(
            found,
            found.indicators.get(),
            found.stories.get(title="One front door"),
            found.stories.get(title="Schools hear first"),
        )
    past = challenges(world).past
    initiative = Initiative.objects.create(
        programme=world.programme,
        title=TITLE,
        summary="Police, councils and the NHS share one referral route for families.",
        started_on=dt.date(2025, 9, 1),
    )
    initiative.organisations.set([world.organisation, world.other_organisation])
    initiative.challenges.set([past])
    Involvement.objects.create(
        initiative=initiative, person=world.alumnus_person, role=InvolvementRole.LEADS
    )
    indicator = Indicator.objects.create(
        initiative=initiative,
        name="Repeat referrals",
        unit="referrals",
        definition="Families referred again within twelve months, from the MARAC log.",
        higher_is_better=False,
    )
    for day, value in (
        (dt.date(2025, 9, 30), "42"),
        (dt.date(2025, 12, 31), "37"),
        (dt.date(2026, 3, 31), "30.5"),
    ):
        IndicatorValue.objects.create(indicator=indicator, period_end=day, value=Decimal(value))
    usable = Story.objects.create(
        initiative=initiative,
        title="One front door",
        what_changed="Families tell their story once.",
        for_whom="Families living with domestic abuse.",
        evidence="Repeat referrals fell by a quarter.",
        author=world.alumnus_person,
    )
    NamedPerson.objects.create(
        story=usable, name="Dana Fielding", consent=Consent.GIVEN, consent_on=dt.date(2026, 4, 1)
    )
    waiting = Story.objects.create(
        initiative=initiative,
        title="Schools hear first",
        what_changed="Schools hear of a police call-out by nine the next morning.",
        for_whom="Children in families where police were called.",
        evidence="Forty schools signed up.",
    )
    NamedPerson.objects.create(story=waiting, name="Kit Marlow")
    return Initiatives(initiative, indicator, usable, waiting)
