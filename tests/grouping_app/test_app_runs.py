"""Running groupings end to end with the immediate task backend: learning sets, mixing plans,
challenge teams, infeasible rules, moves by hand, pins, re-planning and publishing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from commonground.challenges.models import ChallengePreference, ChallengeTeam
from commonground.grouping import services
from commonground.grouping.models import Grouping, Placement, Status
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.conftest import World

from .conftest import add_challenges, add_participants

Run = Callable[..., Grouping]
Make = Callable[..., Grouping]


def _placed(grouping: Grouping) -> Counter[tuple[int, int]]:
    return Counter(
        Placement.objects.filter(group__grouping=grouping).values_list(
            "group__round", "enrolment_id"
        )
    )


def _group_of(grouping: Grouping, enrolment: Enrolment, round_number: int = 1) -> int:
    return Placement.objects.get(
        group__grouping=grouping, group__round=round_number, enrolment=enrolment
    ).group.number


def test_it_forms_learning_sets_placing_everyone_once_with_hard_rules_met(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    assert grouping.status == Status.READY
    assert grouping.progress == 1.0
    placed = _placed(grouping)
    assert sorted(e for _, e in placed) == sorted(e.pk for e in cohort_of_twelve)
    assert set(placed.values()) == {1}
    explained = grouping.explanation["rounds"][0]
    assert all(rule["met"] for rule in explained["rules"] if rule["hard"])
    assert explained["objective"] <= explained["objective_bound"] + 1e-9
    assert len(grouping.groups.all()) == 3


def test_it_plans_three_rounds_of_mixing_with_everyone_once_per_round(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping(kind="mixing_plan", rounds=3, group_count=3))
    assert grouping.status == Status.READY
    placed = _placed(grouping)
    for round_number in (1, 2, 3):
        people = [e for r, e in placed if r == round_number]
        assert sorted(people) == sorted(e.pk for e in cohort_of_twelve)
    assert set(placed.values()) == {1}
    mixing = grouping.explanation["mixing"]
    assert mixing["repeated_pairs"] >= mixing["lower_bound"]
    assert len(grouping.explanation["rounds"]) == 3


def test_rules_that_cannot_all_hold_fail_with_the_engines_message_and_place_nobody(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    # Twelve people from eight organisations cannot share one group with colleagues kept apart.
    grouping = run_now(make_grouping(group_count=1))
    assert grouping.status == Status.FAILED
    assert "from Southend City Council cannot be kept apart" in grouping.error_message
    assert not Placement.objects.filter(group__grouping=grouping).exists()


def test_a_failed_rerun_changes_nothing(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    before = sorted(_placed(grouping))
    first, second = cohort_of_twelve[0], cohort_of_twelve[1]
    services.add_pair(grouping, first, second, kind="together", by=None)
    services.add_pair(grouping, first, second, kind="apart", by=None)
    grouping = run_now(grouping)
    assert grouping.status == Status.FAILED
    assert first.person.name in grouping.error_message
    assert sorted(_placed(grouping)) == before


def test_a_move_by_hand_checks_the_rules_again_at_once(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    # Two colleagues from Essex Police: putting them together breaks the hard rule.
    police = world.other_organisation
    first, second = [e for e in cohort_of_twelve if e.person.organisation_id == police.pk]
    target = Placement.objects.get(group__grouping=grouping, enrolment=first).group
    moving = Placement.objects.get(group__grouping=grouping, enrolment=second)
    services.move(moving, target, pinned=True, by=world.users["staff"])
    grouping.refresh_from_db()
    rules = {r["rule"]: r for r in grouping.explanation["rounds"][0]["rules"]}
    spread = rules["no two people with the same organisation in a group"]
    assert spread["met"] is False
    assert f"group {target.number} has 2 people from {police.label}" in spread["reason"]
    assert grouping.explanation["rounds"][0]["solver"] == "moved by hand"


def test_pinned_people_stay_where_staff_put_them_when_it_runs_again(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    person = cohort_of_twelve[5]
    current = _group_of(grouping, person)
    target = grouping.groups.exclude(number=current).order_by("number").first()
    assert target is not None
    services.move(
        Placement.objects.get(group__grouping=grouping, enrolment=person),
        target,
        pinned=True,
        by=None,
    )
    services.change_settings(grouping, {"seed": 99}, by=None)
    grouping = run_now(grouping)
    assert grouping.status == Status.READY
    assert _group_of(grouping, person) == target.number
    assert Placement.objects.get(group__grouping=grouping, enrolment=person).pinned


def test_replanning_after_a_withdrawal_and_a_late_joiner_moves_few(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    before = {e: n for (_, e), n in _placed(grouping).items()}
    assert before
    leaving = cohort_of_twelve[3]
    leaving.status = EnrolmentStatus.WITHDRAWN
    leaving.save()
    (joiner,) = add_participants(world, 1)
    grouping = run_now(grouping, replanning=True)
    assert grouping.status == Status.READY
    placed = [e for _, e in _placed(grouping)]
    assert joiner.pk in placed and leaving.pk not in placed
    notes = grouping.explanation["rounds"][0]["notes"]
    assert any(f"{joiner.person.name} joined group" in note for note in notes)
    assert any(f"{leaving.person.name} left the cohort" in note for note in notes)
    assert grouping.explanation["moved"] <= 2


def test_publishing_shows_participants_their_set_and_makes_it_read_only(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    participant = world.client("participant")
    assert "You are not in any group yet" in participant.get(reverse("grouping:mine")).text
    services.publish(grouping, by=world.users["staff"])
    page = participant.get(reverse("grouping:mine")).text
    mine = Placement.objects.get(group__grouping=grouping, enrolment=world.enrolment).group
    mates = Placement.objects.filter(group=mine).select_related("enrolment__person")
    assert all(p.enrolment.person.name in page for p in mates)
    others = Placement.objects.filter(group__grouping=grouping).exclude(group=mine)
    assert not any(p.enrolment.person.name in page for p in others)
    with pytest.raises(ValidationError, match="published"):
        services.move(mates[0], mine, pinned=False, by=None)
    staff_page = world.client("staff").get(grouping.get_absolute_url()).text
    assert "Unpublish" in staff_page and "Move<span" not in staff_page


def test_challenge_teams_follow_preferences_and_publishing_forms_the_teams(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    challenges = add_challenges(world, 3, capacity=5)
    for n, enrolment in enumerate(cohort_of_twelve):
        for rank in range(1, 4):
            ChallengePreference.objects.create(
                enrolment=enrolment, challenge=challenges[(n + rank - 1) % 3], rank=rank
            )
    grouping = run_now(make_grouping(kind="challenge_teams", group_count=""))
    assert grouping.status == Status.READY, grouping.error_message
    assert sum(grouping.explanation["choices"].values()) == 12
    assert grouping.explanation["choices"]["1st"] >= 8
    services.publish(grouping, by=world.users["staff"], notify=False)
    teams = ChallengeTeam.objects.filter(cohort=world.cohort)
    assert teams.count() == 3
    assert sorted(e.pk for t in teams for e in t.members.all()) == sorted(
        e.pk for e in cohort_of_twelve
    )


def test_challenge_teams_need_the_cohorts_challenges(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping(kind="challenge_teams", group_count=""))
    assert grouping.status == Status.FAILED
    assert "has no open challenges" in grouping.error_message


def test_progress_is_written_a_few_times_a_second_at_most(
    cohort_of_twelve: list[Enrolment],
    make_grouping: Make,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    grouping = make_grouping()
    Grouping.objects.filter(pk=grouping.pk).update(status=Status.RUNNING)
    write = services.ProgressWriter(grouping.pk)
    with django_assert_max_num_queries(2):
        for step in range(1000):
            write(step / 1000, f"step {step}")
        write(1.0, "done")
    grouping.refresh_from_db()
    assert (grouping.progress, grouping.progress_message) == (1.0, "done")
