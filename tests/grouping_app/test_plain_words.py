"""The grouping page says how mixed the groups are in plain words, worked out from who is placed
where; the optimiser's figures sit behind "Technical details"."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from commonground.grouping.models import Group, Grouping, PairRule, Placement, Status
from commonground.programmes.models import Enrolment
from tests.conftest import World

Run = Callable[..., Grouping]
Make = Callable[..., Grouping]


def _summary(page: str) -> str:
    found = re.search(
        r'<ul class="govuk-list govuk-list--bullet" id="mix-summary">(.*?)</ul>', page, re.S
    )
    assert found is not None, "the page has no summary of the mix"
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip())


def _sector(placement: Placement) -> str:
    organisation = placement.enrolment.person.organisation
    assert organisation is not None
    return organisation.sector


def test_a_mixed_grouping_is_summed_up_in_plain_words(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = make_grouping()
    PairRule.objects.create(
        grouping=grouping, first=cohort_of_twelve[0], second=cohort_of_twelve[1], kind="apart"
    )
    grouping = run_now(grouping)
    assert grouping.status == Status.READY
    page = world.client("staff").get(grouping.get_absolute_url()).text
    said = _summary(page)
    assert "3 sets of 4 people each." in said
    assert "No two people in a set are from one organisation." in said
    sectors = [
        len({_sector(p) for p in group.placements.all()})
        for group in grouping.groups.prefetch_related("placements__enrolment__person__organisation")
    ]
    assert f"Every set has people from at least {min(sectors)} sectors." in said
    assert "The two people to keep apart are in different sets." in said
    assert "Falls short" not in said
    # The optimiser's figures are behind a details element, not in the page's words.
    technical = page[page.index('id="technical-details"') :]
    technical = technical[: technical.index("</details>")]
    assert "Objective" in technical and "upper bound" in technical and "Method:" in technical
    assert "Seed" in technical and "Time limit" in technical
    before = page[: page.index('id="technical-details"')]
    assert "Objective" not in before and "seed 1" not in before and "time limit" not in before


def test_an_unmixed_grouping_says_which_sets_fall_short_and_how(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    grouping = Grouping.objects.create(
        cohort=world.cohort, name="By hand", group_count=2, status=Status.READY
    )
    councils = [
        e
        for e in cohort_of_twelve
        if e.person.organisation
        and e.person.organisation.name.endswith(("City Council", "Thurrock Council"))
    ]
    assert len(councils) == 4  # two from Southend, two from Thurrock: all local government
    first = Group.objects.create(grouping=grouping, number=1, name="Set 1")
    second = Group.objects.create(grouping=grouping, number=2, name="Set 2")
    for enrolment in cohort_of_twelve:
        Placement.objects.create(
            group=first if enrolment in councils else second, enrolment=enrolment
        )
    PairRule.objects.create(grouping=grouping, first=councils[0], second=councils[1], kind="apart")
    page = world.client("staff").get(grouping.get_absolute_url()).text
    said = _summary(page)
    assert "2 sets of 4 or 8 people." in said
    assert (
        "Some sets have people from one organisation together: Set 1 has 2 from Southend City "
        "Council and 2 from Thurrock Council; Set 2 has 2 from Essex Fire and Rescue" in said
    )
    assert (
        "Not every set has people from 4 sectors, as the cohort's numbers would allow: Set 1 has "
        "people from only 1 sector (Local government)." in said
    )
    names = f"{councils[0].person.name} and {councils[1].person.name}"
    assert f"{names}, to be kept apart, are both in Set 1." in said
    # Areas and bands are mixed by the default rules too, and fall short in the same way.
    assert "Set 1 has people from only 2 areas (Southend, Thurrock)" in said
    assert said.count("Falls short") == 5
