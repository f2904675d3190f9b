"""Challenge teams re-planned after the cohort changes, choices recounted after a move by hand,
and a mixing plan's pins, per-participant counts and bound on the page."""

from __future__ import annotations

from collections.abc import Callable

from commonground.challenges.models import Challenge, ChallengePreference
from commonground.grouping import services
from commonground.grouping.models import Grouping, Placement, Status
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.conftest import World

from .conftest import add_challenges, add_participants

Run = Callable[..., Grouping]
Make = Callable[..., Grouping]


def _teams_with_choices(world: World, people: list[Enrolment]) -> list[Challenge]:
    challenges = add_challenges(world, 3, capacity=5, minimum=3)
    for n, enrolment in enumerate(people):
        for rank in range(1, 4):
            ChallengePreference.objects.create(
                enrolment=enrolment, challenge=challenges[(n + rank - 1) % 3], rank=rank
            )
    return challenges


def _team_of(grouping: Grouping, enrolment: Enrolment) -> int | None:
    return Placement.objects.get(group__grouping=grouping, enrolment=enrolment).group.challenge_id


def test_challenge_teams_are_replanned_moving_only_whom_they_must(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    challenges = _teams_with_choices(world, cohort_of_twelve)
    grouping = run_now(make_grouping(kind="challenge_teams", group_count=""))
    assert grouping.status == Status.READY, grouping.error_message
    before = {e.pk: _team_of(grouping, e) for e in cohort_of_twelve}
    leaving = cohort_of_twelve[4]
    leaving.status = EnrolmentStatus.WITHDRAWN
    leaving.save()
    (joiner,) = add_participants(world, 1)
    ChallengePreference.objects.create(enrolment=joiner, challenge=challenges[1], rank=1)
    grouping = run_now(grouping, replanning=True)
    assert grouping.status == Status.READY, grouping.error_message
    stayed = [e for e in cohort_of_twelve if e != leaving]
    moved = [e for e in stayed if _team_of(grouping, e) != before[e.pk]]
    assert len(moved) == grouping.explanation["moved"] <= 1
    assert _team_of(grouping, joiner) is not None
    assert sum(grouping.explanation["choices"].values()) == 12
    notes = grouping.explanation["rounds"][0]["notes"]
    assert any(f"{joiner.person.name} joined Challenge" in note for note in notes)
    assert any(f"{leaving.person.name} left the cohort" in note for note in notes)
    page = world.client("staff").get(grouping.get_absolute_url()).text
    assert "Re-plan, moving as few as possible" in page


def test_moving_a_team_member_by_hand_recounts_the_choices_met(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    _teams_with_choices(world, cohort_of_twelve)
    grouping = run_now(make_grouping(kind="challenge_teams", group_count=""))
    first_before = grouping.explanation["choices"]["1st"]
    placement = Placement.objects.filter(group__grouping=grouping).select_related("group")[0]
    rank = ChallengePreference.objects.get(
        enrolment=placement.enrolment, challenge=placement.group.challenge
    ).rank
    elsewhere = grouping.groups.exclude(pk=placement.group_id).order_by("number")[0]
    services.move(placement, elsewhere, pinned=False, by=world.users["staff"])
    grouping.refresh_from_db()
    choices = grouping.explanation["choices"]
    assert sum(choices.values()) == 12
    assert choices["1st"] == first_before - (rank == 1) + (
        ChallengePreference.objects.get(
            enrolment=placement.enrolment, challenge=elsewhere.challenge
        ).rank
        == 1
    )
    assert grouping.explanation["rounds"][0]["solver"] == "moved by hand"


def test_a_pin_in_one_round_of_a_mixing_plan_holds_when_it_runs_again(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping(kind="mixing_plan", rounds=3, group_count=3))
    person = cohort_of_twelve[2]
    placement = Placement.objects.get(group__grouping=grouping, group__round=2, enrolment=person)
    target = grouping.groups.filter(round=2).exclude(pk=placement.group_id).order_by("number")[0]
    services.move(placement, target, pinned=True, by=world.users["staff"])
    grouping.refresh_from_db()
    assert grouping.explanation["mixing"]["method"] == "moved by hand"
    services.change_settings(grouping, {"seed": 7}, by=None)
    grouping = run_now(grouping)
    assert grouping.status == Status.READY, grouping.error_message
    kept = Placement.objects.get(group__grouping=grouping, group__round=2, enrolment=person)
    assert kept.group.number == target.number and kept.pinned
    assert (
        not Placement.objects.filter(group__grouping=grouping, pinned=True)
        .exclude(pk=kept.pk)
        .exists()
    )


def test_the_mixing_page_shows_who_each_person_meets_and_the_bound_with_its_reason(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    # Six rounds of three groups of four: 18 meetings each with only 11 others, so repeats.
    grouping = run_now(make_grouping(kind="mixing_plan", rounds=6, group_count=3))
    mixing = grouping.explanation["mixing"]
    assert mixing["lower_bound"] == 42
    page = world.client("staff").get(grouping.get_absolute_url()).text
    assert "Who each participant meets over the year, fewest first" in page
    assert world.enrolment.person.name in page.split('id="mixing-people"')[1]
    assert "at least 42 pairs must meet twice" in page
    assert "6 rounds in groups of 4 or more means each person meets at least 18 colleagues" in page
    colleagues, organisations = mixing["people"][str(world.enrolment.pk)]
    # Everyone but the one colleague from their own organisation, kept apart by the rules.
    assert colleagues == 10
    assert 1 <= organisations <= 7


def test_the_mixing_page_says_when_a_search_of_every_plan_proves_the_fewest_repeats(
    world: World, make_grouping: Make, run_now: Run
) -> None:
    # Six people in two threes over three rounds: counting allows 4 repeats, but no plan has
    # fewer than 5, and the page says so in the same words as the command line.
    add_participants(world, 5)
    grouping = run_now(make_grouping(kind="mixing_plan", rounds=3, group_count=2))
    assert grouping.status == Status.READY, grouping.error_message
    mixing = grouping.explanation["mixing"]
    assert mixing["repeated_pairs"] == mixing["lower_bound"] == 5
    page = world.client("staff").get(grouping.get_absolute_url()).text
    assert (
        "this is the fewest possible: a search of every plan for 6 people in groups of 3 over "
        "3 rounds finds none with fewer."
    ) in page
