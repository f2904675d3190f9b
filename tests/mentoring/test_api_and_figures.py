"""The API's mentoring (a cohort's matches for the programme team, one's own pairs) and the
movement figure of mentoring pairs, hidden when small."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import ApiToken
from commonground.programmes.movement import movement_figures
from tests.conftest import World
from tests.mentoring.helpers import mentoring


def _api(world: World, role: str, url: str) -> tuple[int, Any]:
    token = ApiToken.issue(world.users[role], "test")[1]
    response = world.client("anonymous").get(url, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json()


def test_staff_read_a_cohorts_matches_with_why(world: World) -> None:
    made = mentoring(world)
    url = reverse("api:cohort-mentoring", kwargs={"cohort_id": world.cohort.pk})
    status, body = _api(world, "staff", url)
    assert status == 200
    (match,) = body["matches"]
    assert match["mentor"]["name"] == "Alex Alumnus"
    assert match["mentee"]["name"] == "Pat Participant"
    assert match["explanation"] == made.match.explanation
    assert body["unmatched"] == []


def test_a_participant_reads_their_own_mentor(world: World) -> None:
    mentoring(world)
    status, body = _api(world, "participant", reverse("api:my-mentoring"))
    assert status == 200
    assert [m["mentor"]["name"] for m in body["mentors"]] == ["Alex Alumnus"]
    assert body["mentees"] == []
    status, body = _api(world, "alumnus", reverse("api:my-mentoring"))
    assert [m["mentee"]["name"] for m in body["mentees"]] == ["Pat Participant"]


def test_the_pairs_figure_is_hidden_from_the_board_when_small(world: World) -> None:
    mentoring(world)
    today = timezone.localdate()
    staff = {f.key: f for f in movement_figures(world.programme, None, today)}
    board = {f.key: f for f in movement_figures(world.programme, 5, today)}
    assert staff["mentoring_pairs_since_start"].number == 1
    assert staff["mentoring_pairs_this_year"].value == "1"
    assert board["mentoring_pairs_since_start"].value == "fewer than 5"
    assert board["mentoring_pairs_since_start"].number is None
    later = today + dt.timedelta(days=400)
    staff_later = {f.key: f for f in movement_figures(world.programme, None, later)}
    assert staff_later["mentoring_pairs_this_year"].number == 0
