"""GET /api/programmes and /api/programmes/{slug}: programmes the caller has a role in."""

import pytest
from pytest_django import DjangoAssertNumQueries

from commonground.programmes.models import EnrolmentStatus
from tests.api.conftest import Api, add_cohorts, add_people, add_programmes
from tests.conftest import World


@pytest.mark.parametrize("role", ["staff", "facilitator", "evaluator", "board"])
def test_it_lists_the_programmes_the_caller_has_a_role_in(api: Api, role: str) -> None:
    assert api.names(role, "programmes") == ["Leading Greater Essex"]


def test_the_site_administrator_sees_every_programme(api: Api) -> None:
    assert api.names("admin", "programmes") == ["Aspiring Leaders", "Leading Greater Essex"]


@pytest.mark.parametrize("role", ["participant", "alumnus", "sponsor", "outsider"])
def test_people_without_a_programme_role_see_no_programme(
    api: Api, world: World, role: str
) -> None:
    assert api.ok(role, "programmes") == {"items": [], "count": 0}
    assert api.get(role, "programme", slug=world.programme.slug).status == 404


@pytest.mark.parametrize("role", ["staff", "facilitator"])
def test_staff_and_facilitators_see_exact_counts(api: Api, world: World, role: str) -> None:
    programme = api.ok(role, "programme", slug=world.programme.slug)
    assert (programme["participants"], programme["completed"]) == (2, 1)
    assert programme["suppressed"] is False
    assert programme["owner"]["name"] == "Essex Partners"


@pytest.mark.parametrize("role", ["evaluator", "board"])
def test_small_numbers_are_hidden_from_board_and_evaluators(
    api: Api, world: World, role: str
) -> None:
    programme = api.ok(role, "programme", slug=world.programme.slug)
    assert (programme["participants"], programme["completed"]) == (None, None)
    assert programme["suppressed"] is True
    listed = api.ok(role, "programmes")["items"][0]
    assert (listed["participants"], listed["suppressed"]) == (None, True)


def test_counts_of_five_or_more_are_shown_to_the_board(api: Api, world: World) -> None:
    for person in add_people(world, 10, world.cohort)[:4]:
        person.enrolments.update(cohort=world.past_cohort)
    programme = api.ok("board", "programmes")["items"][0]
    assert (programme["participants"], programme["completed"]) == (12, 6)
    assert programme["suppressed"] is False
    cohorts = api.ok("board", "programme", slug=world.programme.slug)["cohorts"]
    # 3 completed in each cohort: both hidden, and a total of 6 could as well be 2 + 4.
    assert [(c["participants"], c["completed"]) for c in cohorts] == [(7, None), (5, None)]


def test_a_total_is_hidden_when_it_would_give_away_a_hidden_cohort(api: Api, world: World) -> None:
    # Completed: 5 in this cohort and 1 in the last. Hiding the 5 beside the hidden 1 is not
    # enough, since 6 can only be 5 + 1 when a hidden count beside a small one is 5 or more.
    add_people(world, 10, world.cohort)
    programme = api.ok("board", "programmes")["items"][0]
    assert (programme["participants"], programme["completed"]) == (12, None)
    assert programme["suppressed"] is True


def test_one_small_count_is_hidden_and_flagged(api: Api, world: World) -> None:
    add_people(world, 6, world.cohort)
    programme = api.ok("evaluator", "programme", slug=world.programme.slug)
    assert (programme["participants"], programme["completed"]) == (8, None)
    assert programme["suppressed"] is True


def test_people_who_deferred_are_not_counted_and_withdrawals_are(api: Api, world: World) -> None:
    world.enrolment.status = EnrolmentStatus.DEFERRED
    world.enrolment.save()
    for person in add_people(world, 2, world.cohort):
        person.enrolments.update(status=EnrolmentStatus.WITHDRAWN)
    assert api.ok("staff", "programme", slug=world.programme.slug)["participants"] == 3


def test_a_count_of_nobody_is_not_hidden(api: Api, world: World) -> None:
    world.alumnus_person.enrolments.update(status=EnrolmentStatus.ACTIVE)
    programme = api.ok("board", "programme", slug=world.programme.slug)
    assert (programme["participants"], programme["completed"]) == (None, 0)


def test_it_gives_each_cohorts_counts(api: Api, world: World) -> None:
    cohorts = api.ok("facilitator", "programme", slug=world.programme.slug)["cohorts"]
    assert cohorts == [
        {
            "id": world.cohort.pk,
            "name": "2026/27",
            "starts_on": world.cohort.starts_on.isoformat(),
            "ends_on": world.cohort.ends_on.isoformat(),
            "status": "running",
            "participants": 1,
            "completed": 0,
            "suppressed": False,
        },
        {
            "id": world.past_cohort.pk,
            "name": "2024/25",
            "starts_on": "2024-09-01",
            "ends_on": "2025-07-31",
            "status": "completed",
            "participants": 1,
            "completed": 1,
            "suppressed": False,
        },
    ]


def test_the_board_gets_each_cohorts_counts_with_small_numbers_hidden(
    api: Api, world: World
) -> None:
    add_people(world, 5, world.past_cohort)
    programme = api.ok("board", "programme", slug=world.programme.slug)
    counts = [
        (c["name"], c["participants"], c["completed"], c["suppressed"])
        for c in programme["cohorts"]
    ]
    # 1 and 6 took a place: the 6 is hidden too, or the total of 7 would give away the 1.
    assert counts == [("2026/27", None, 0, True), ("2024/25", None, None, True)]
    assert programme["participants"] == 7


@pytest.mark.parametrize("role", ["evaluator", "board"])
def test_no_hidden_cohort_count_is_the_programme_total_less_the_shown_ones(
    api: Api, world: World, role: str
) -> None:
    add_people(world, 9, world.past_cohort)
    for viewer in (role, "staff"):
        listed = api.ok(viewer, "programmes")["items"][0]
        detail = api.ok(viewer, "programme", slug=world.programme.slug)
        for column in ("participants", "completed"):
            cells = [c[column] for c in detail["cohorts"]]
            assert listed[column] == detail[column]
            if viewer == "staff":
                assert None not in cells and detail[column] == sum(cells)
            elif detail[column] is not None and None in cells:
                shown = sum(c for c in cells if c is not None)
                assert cells.count(None) >= 2
                assert detail[column] - shown not in range(1, 5)


@pytest.mark.parametrize("extra", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_programmes(world, extra, "board")
    api.token("board")
    with django_assert_num_queries(7):
        page = api.ok("board", "programmes")
    assert page["count"] == 1 + extra


@pytest.mark.parametrize("extra", [3, 30])
def test_it_reads_a_programme_in_a_fixed_number_of_queries(
    api: Api, world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    add_people(world, extra, world.cohort)
    add_cohorts(world, extra)
    api.token("staff")
    with django_assert_num_queries(6):
        programme = api.ok("staff", "programme", slug=world.programme.slug)
    assert programme["participants"] == 2 + extra
    assert len(programme["cohorts"]) == 2 + extra
