"""The network API: aggregates for anyone with a role, a pseudonymised edge list for staff and
evaluators, nobody's name anywhere."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from commonground.evaluation.models import InstrumentVersion
from commonground.evaluation.network import pseudonym
from commonground.evaluation.services import load_default_instrument
from commonground.programmes.models import Enrolment
from tests.api.conftest import Api
from tests.conftest import World
from tests.evaluation_app.test_network_pages import _answer, _cohort_of, _network_wave


def _answered(world: World, extra: int) -> list[Enrolment]:
    version: InstrumentVersion = load_default_instrument(world.programme, audit=False)
    enrolments = [world.enrolment, *_cohort_of(world, extra)]
    _answer(_network_wave(world, version, "baseline", False), enrolments, 1)
    _answer(_network_wave(world, version, "end", False), enrolments, 3)
    return enrolments


def test_the_figures_carry_aggregates_and_no_person(world: World, api: Api) -> None:
    enrolments = _answered(world, 9)
    body = api.ok("staff", "evaluation-network", cohort_id=world.cohort.pk)["network"]
    text = json.dumps(body)
    assert body["people"] == 10 and not body["hidden"]
    worked = [f for f in body["figures"] if f["tie_type"] == "worked_with"]
    assert [f["wave"] for f in worked] == ["baseline", "end"]
    assert worked[0]["structure"]["ties"] == 10 and worked[1]["structure"]["ties"] == 30
    assert worked[1]["ei_sector"]["p_value"] is not None
    assert "brokers" not in worked[0] and "people" not in worked[0]["ei_sector"]
    change = next(c for c in body["changes"] if c["tie_type"] == "worked_with")
    assert change["new_ties"]["total"] > 0
    assert all(str(e.person_id) not in text.split('"') for e in enrolments)


def test_the_board_gets_nothing_for_a_cohort_under_five(world: World, api: Api) -> None:
    _answered(world, 3)
    body = api.ok("board", "evaluation-network", cohort_id=world.cohort.pk)["network"]
    assert body["hidden"] and body["figures"] == [] and body["changes"] == []
    staff = api.ok("staff", "evaluation-network", cohort_id=world.cohort.pk)["network"]
    assert staff["figures"]


def test_evaluators_get_ties_between_stable_pseudonyms(world: World, api: Api) -> None:
    _answered(world, 5)
    first = api.ok("evaluator", "evaluation-network-edges", cohort_id=world.cohort.pk)
    again = api.ok("staff", "evaluation-network-edges", cohort_id=world.cohort.pk)
    assert first == again
    me = pseudonym(world.participant_person.pk)
    assert me in {p["pseudonym"] for p in first["people"]}
    mine = [t for t in first["ties"] if t["source"] == me and t["wave"] == "end"]
    assert len(mine) == 3
    text = json.dumps(first)
    assert "Participant" not in text and "Essex Police" not in text
    assert {p["sector"] for p in first["people"]} >= {"Police and justice", "Health and care"}


def _worked_with(body: dict[str, Any]) -> dict[str, Any]:
    return next(f for f in body["network"]["figures"] if f["tie_type"] == "worked_with")


def test_outside_staff_no_count_of_fewer_than_five_people_is_given(world: World, api: Api) -> None:
    version: InstrumentVersion = load_default_instrument(world.programme, audit=False)
    enrolments = [world.enrolment, *_cohort_of(world, 9)]
    # Eight of the ten answer, naming only each other: two did not answer and have no tie.
    _answer(_network_wave(world, version, "baseline", False), enrolments[:8], 1)
    staff = _worked_with(api.ok("staff", "evaluation-network", cohort_id=world.cohort.pk))
    assert staff["non_respondents"] == 2 and staff["structure"]["isolates"] == 2
    board = _worked_with(api.ok("board", "evaluation-network", cohort_id=world.cohort.pk))
    assert board["non_respondents"] is None and board["structure"]["isolates"] is None
    # The respondents beside the cohort's size would give the two away.
    assert board["structure"]["respondents"] is None
    assert board["structure"]["people"] == 10
    page = world.client("board").get(reverse("evaluation:cohort_network", args=[world.cohort.pk]))
    text = page.content.decode()
    assert "fewer than 5 without ties, fewer than 5 did not answer" in text
    assert "2 without ties" not in text and "2 did not answer" not in text
