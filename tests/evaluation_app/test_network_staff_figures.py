"""What the cohort's network page gives programme staff beyond everyone else's figures, and the
headline figures outside staff: no count of fewer than five."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commonground.evaluation.models import InstrumentVersion, SurveyResponse, TieType, WaveKind
from commonground.evaluation.network_figures import programme_headline
from commonground.evaluation.network_services import save_network_answers
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.evaluation_app.conftest import ReportGetter
from tests.evaluation_app.test_network_pages import (
    _answer,
    _cohort_of,
    _network_wave,
    answered,  # noqa: F401
)


def _page(world: World, role: str) -> str:
    url = reverse("evaluation:cohort_network", args=[world.cohort.pk])
    html: str = world.client(role).get(url).content.decode()
    return html


@pytest.mark.usefixtures("answered")
def test_staff_see_each_participants_figures_and_each_organisations_ei(world: World) -> None:
    html = _page(world, "staff")
    # Every participant, by name, at the latest survey: their own E-I and brokerage.
    assert "Each participant's figures at end of programme" in html
    assert html.count("Named") >= 11 and "Pat Participant" in html
    assert "E-I of each organisation's own ties" in html
    # Directed and symmetrised ties side by side, and the permutation test in words.
    assert "Ties named" in html and "Ties either way" in html
    assert "directed and" in html and "symmetrised" in html
    assert "Against random relabelling of sectors, the ties crossed sectors" in html
    board = _page(world, "board")
    assert "Each participant's figures" not in board
    # Three people in each organisation: no organisation's own figure outside staff.
    assert "E-I of each organisation's own ties" not in board
    assert "Ties either way" in board


def test_names_from_outside_the_roster_are_for_staff_only(
    world: World, version: InstrumentVersion
) -> None:
    enrolments = [world.enrolment, *_cohort_of(world, 9)]
    wave = _network_wave(world, version, WaveKind.BASELINE, False)
    _answer(wave, enrolments[1:], 1)
    know = TieType.objects.get(question_set=wave.network_questions, key="know")
    mine = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    save_network_answers(
        mine,
        named={know.pk: {enrolments[2].person_id}},
        outside={know.pk: ["Jo Bloggs, Essex Probation"]},
        submit=True,
        by=None,
    )
    staff = _page(world, "staff")
    assert "Participants also named 1 people from outside the roster" in staff
    assert "Names from outside the roster (1)" in staff
    assert "Jo Bloggs, Essex Probation" in staff
    row = staff[staff.index("Jo Bloggs") - 400 : staff.index("Jo Bloggs")]
    assert "Pat Participant" in row and "Baseline" in row
    for role in ("board", "evaluator", "facilitator"):
        assert "Jo Bloggs" not in _page(world, role)
    mine_page = world.client("participant").get(
        reverse("evaluation:my_network", args=[world.enrolment.pk])
    )
    assert "Jo Bloggs" not in mine_page.content.decode()


def _ring_and_one_more(world: World, version: InstrumentVersion) -> list[Enrolment]:
    """Ten people working with their neighbour at baseline; at the end the same, and one of
    them (Pat) with two people of other sectors as well: two new cross-sector ties."""
    enrolments = [world.enrolment, *_cohort_of(world, 9)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    end = _network_wave(world, version, WaveKind.END, False)
    _answer(end, enrolments[1:], 1)
    worked = TieType.objects.get(question_set=end.network_questions, key="worked_with")
    pat = SurveyResponse.objects.create(
        wave=end, enrolment=world.enrolment, rater_type="self", version_id=end.version_id
    )
    # enrolments[1] is the neighbour; 3 and 6 are in other sectors than Pat's organisation.
    named = {enrolments[1].person_id, enrolments[3].person_id, enrolments[6].person_id}
    save_network_answers(pat, named={worked.pk: named}, outside={}, submit=True, by=None)
    return enrolments


def test_the_headline_hides_a_count_of_new_ties_under_five_outside_staff(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    _ring_and_one_more(world, version)
    staff = programme_headline(world.programme, None).cohorts[0]
    assert staff.new_cross_sector == 2 and staff.new_cross_sector_shown == "2"
    board = programme_headline(world.programme, 5).cohorts[0]
    assert board.new_cross_sector is None
    assert board.new_cross_sector_shown == "fewer than 5"
    url = reverse("evaluation:programme_report", args=[world.programme.slug])
    html = report_get(world.client("board"), url).content.decode()
    row = html[html.index("Ties crossing a sector boundary, by cohort") :]
    row = row[: row.index("</table>")]
    assert "fewer than 5" in row and ">2<" not in row


def test_outside_staff_a_wave_too_few_answered_is_left_out_of_the_summary_too(
    world: World, version: InstrumentVersion
) -> None:
    enrolments = [world.enrolment, *_cohort_of(world, 9)]
    # Four answered at baseline, everyone at the end; four new ties only by the end.
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments[:4], 1)
    _answer(_network_wave(world, version, WaveKind.END, False), enrolments, 1)
    staff = _page(world, "staff")
    assert "At baseline " in staff and "Did the learning sets and challenge teams matter?" in staff
    board = _page(world, "board")
    assert "At baseline" not in board and "at baseline" not in board.split("Not shown")[0]
    assert "At end of programme " in board
    assert "Not shown, as fewer than 5 people answered: Baseline." in board
    # The share of the new ties inside groups would rest on fewer than five ties.
    assert "Did the learning sets and challenge teams matter?" not in board
