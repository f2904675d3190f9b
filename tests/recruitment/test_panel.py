"""Panel scoring is blind until a member submits; equality answers never reach the panel."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from commonground.recruitment.models import (
    EqualityResponse,
    PanelMember,
    Review,
    Round,
    Status,
)
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant


def _panel(world: World, application_round: Round) -> None:
    PanelMember.objects.create(round=application_round, user=world.users["board"])


def test_a_panel_member_cannot_see_others_marks_until_they_submit(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _panel(world, application_round)
    application = make_applicant(score=None)
    Review.objects.create(
        application=application,
        reviewer=world.users["staff"],
        scores={"0": 5, "1": 5, "2": 5},
        comment="Outstanding evidence",
        submitted_at=timezone.now(),
    )
    client = world.client("board")
    url = reverse("recruitment:review", args=[application.pk])
    before = client.get(url).content.decode()
    assert "hidden until you submit your own" in before
    assert "Staff" not in before and "Outstanding evidence" not in before
    marks = {"score_0": "3", "score_1": "4", "score_2": "2", "action": "submit"}
    client.post(url, {**marks, "confirm": "yes"})
    after = client.get(url).content.decode()
    assert "Staff" in after
    review = Review.objects.get(application=application, reviewer=world.users["board"])
    assert review.total == 9 and review.submitted_at is not None


def test_submitting_marks_is_checked_first_and_the_draft_kept(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _panel(world, application_round)
    application = make_applicant(score=None)
    client = world.client("board")
    url = reverse("recruitment:review", args=[application.pk])
    marks = {
        "score_0": "3",
        "score_1": "4",
        "score_2": "2",
        "comment": "Clear.",
        "action": "submit",
    }
    page = client.post(url, marks).content.decode()
    assert "Check your marks before you submit them" in page
    assert "4 out of 5" in page and "9 out of 15" in page
    assert "You cannot change your marks once you submit them" in page
    assert '<input type="hidden" name="score_1" value="4">' in page
    review = Review.objects.get(application=application, reviewer=world.users["board"])
    assert review.submitted_at is None and review.total == 9  # a draft until confirmed
    client.post(url, {**marks, "confirm": "yes"})
    review.refresh_from_db()
    assert review.submitted_at is not None


def test_submitting_without_every_mark_is_refused(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _panel(world, application_round)
    application = make_applicant(score=None)
    response = world.client("board").post(
        reverse("recruitment:review", args=[application.pk]), {"score_0": "3", "action": "submit"}
    )
    assert "Give a mark from 1 to 5 for every criterion" in response.content.decode()
    assert not Review.objects.filter(application=application, submitted_at__isnull=False)


def test_equality_answers_never_appear_on_panel_pages(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _panel(world, application_round)
    application = make_applicant(score=None)
    EqualityResponse.objects.create(
        round=application_round, application=application, ethnicity="mixed", caring="yes"
    )
    client = world.client("board")
    for url in (
        reverse("recruitment:panel", args=[application_round.pk]),
        reverse("recruitment:review", args=[application.pk]),
    ):
        body = client.get(url).content.decode()
        assert application.name in body
        for word in ("Mixed or multiple", "caring", "Ethnic", "monitoring"):
            assert word not in body, f"{word} shown on {url}"


def test_people_off_the_panel_do_not_find_it(world: World, application_round: Round) -> None:
    assert (
        world.client("board")
        .get(reverse("recruitment:panel", args=[application_round.pk]))
        .status_code
        == 404
    )


def test_staff_see_the_spread_and_moderate(
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
    client = world.client("staff")
    url = reverse("recruitment:staff_application", args=[application.pk])
    assert "6 to 15, mean 10.50 from 2 panel members" in client.get(url).content.decode()
    client.post(url, {"moderated_score": "12", "note": "Panel agreed at moderation"})
    application.refresh_from_db()
    assert str(application.moderated_score) == "12.00"
    listing = client.get(
        reverse("recruitment:applications", args=[application_round.pk])
    ).content.decode()
    assert "12.00 (moderated)" in listing


def test_only_complete_applications_reach_the_panel(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    _panel(world, application_round)
    waiting = make_applicant(status=Status.SUBMITTED, first="Wendy")
    body = (
        world.client("board")
        .get(reverse("recruitment:panel", args=[application_round.pk]))
        .content.decode()
    )
    assert "Wendy" not in body
    response = world.client("board").get(reverse("recruitment:review", args=[waiting.pk]))
    assert response.status_code == 404
