"""The API's applications of a round: a page at a time with the total, filtered by status in the
database, for the round's programme staff only."""

from __future__ import annotations

from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.recruitment.models import Review, Round, Status
from tests.api.conftest import Api
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant


def _ids(api: Api, round_id: int, **params: object) -> list[int]:
    page = api.ok("staff", "recruitment-applications", params, round_id=round_id)
    return [item["id"] for item in page["items"]]


def test_it_gives_the_applications_a_page_at_a_time_with_the_total(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    for _ in range(6):
        make_applicant()
    api = Api(world)
    whole = api.ok("staff", "recruitment-applications", round_id=application_round.pk)
    # The setup's offered application and the six new ones, oldest first.
    assert whole["count"] == 7
    everyone = [item["id"] for item in whole["items"]]
    assert everyone == sorted(everyone)
    pages = [_ids(api, application_round.pk, limit=3, offset=offset) for offset in (0, 3, 6)]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert pages[0] + pages[1] + pages[2] == everyone


def test_it_keeps_only_the_status_asked_for_and_counts_those(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    waiting = [make_applicant(status=Status.SUBMITTED) for _ in range(2)]
    make_applicant(status=Status.ENDORSED)
    page = Api(world).ok(
        "staff", "recruitment-applications", {"status": "submitted"}, round_id=application_round.pk
    )
    assert page["count"] == 2
    assert [item["id"] for item in page["items"]] == [a.pk for a in waiting]
    assert {item["status"] for item in page["items"]} == {"submitted"}


def test_an_unknown_status_is_refused_naming_the_field(
    world: World, application_round: Round
) -> None:
    response = Api(world).get(
        "staff", "recruitment-applications", {"status": "hired"}, round_id=application_round.pk
    )
    assert response.status == 422
    assert response.body["detail"][0]["loc"] == ["query", "status"]


def test_it_refuses_more_than_two_hundred_applications_a_call(
    world: World, application_round: Round
) -> None:
    api = Api(world)
    too_many = api.get(
        "staff", "recruitment-applications", {"limit": 201}, round_id=application_round.pk
    )
    assert too_many.status == 422
    assert too_many.body["detail"][0]["loc"] == ["query", "limit"]


def test_each_application_shows_its_panel_marks_and_applicant(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    application = make_applicant(score=None, first="Mo")
    for user, marks in (("staff", {"0": 5, "1": 5, "2": 5}), ("board", {"0": 1, "1": 2, "2": 3})):
        Review.objects.create(
            application=application,
            reviewer=world.users[user],
            scores=marks,
            submitted_at=timezone.now(),
        )
    Review.objects.create(application=application, reviewer=world.users["admin"], scores={})
    page = Api(world).ok(
        "staff", "recruitment-applications", {"status": "endorsed"}, round_id=application_round.pk
    )
    (found,) = page["items"]
    assert found["email"] == "mo@example.org"
    assert found["organisation"] == world.organisation.name
    assert found["sponsor"] == world.sponsor_person.name
    # Two submitted reviews of 15 and 6; the draft one is not counted.
    assert found["panel_reviews"] == 2
    assert found["panel_mean"] == "10.50"


def test_a_page_costs_the_same_queries_however_many_applications(
    world: World,
    application_round: Round,
    make_applicant: MakeApplicant,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    api = Api(world)
    api.token("staff")
    for _ in range(3):
        make_applicant()
    with django_assert_num_queries(8):
        api.ok("staff", "recruitment-applications", round_id=application_round.pk)
    for _ in range(10):
        make_applicant()
    with django_assert_num_queries(8):
        page = api.ok("staff", "recruitment-applications", round_id=application_round.pk)
    assert page["count"] == 14


def test_only_the_rounds_programme_staff_read_its_applications(
    world: World, application_round: Round
) -> None:
    api = Api(world)

    def status(role: str) -> int:
        return api.get(role, "recruitment-applications", round_id=application_round.pk).status

    assert status("staff") == 200
    assert status("facilitator") == 403
    for outsider in ("other_staff", "participant", "outsider"):
        assert status(outsider) == 404
    assert status("anonymous") == 401
