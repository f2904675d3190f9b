"""The network survey as a participant answers it, and the network report as each role sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Organisation, Person, Sector
from commonground.evaluation.models import (
    InstrumentVersion,
    NetworkAnswer,
    OutsideName,
    SurveyResponse,
    TieType,
    Wave,
    WaveKind,
)
from commonground.evaluation.network_services import save_network_answers, standard_question_set
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.evaluation_app.conftest import ReportGetter, make_wave

SECTORS = [
    Sector.HEALTH_AND_CARE,
    Sector.FIRE_AND_RESCUE,
    Sector.EDUCATION,
    Sector.POLICE_AND_JUSTICE,
]


def _cohort_of(world: World, n: int) -> list[Enrolment]:
    """n more participants, spread over four organisations in four sectors."""
    organisations = [
        Organisation.objects.get_or_create(
            name=f"Organisation {i}", defaults={"sector": sector, "area": "Essex"}
        )[0]
        for i, sector in enumerate(SECTORS)
    ]
    start = Person.objects.count()
    people = Person.objects.bulk_create(
        Person(
            first_name=f"Named{i}",
            last_name="Person",
            email=f"named{i}@example.org",
            organisation=organisations[i % 4],
        )
        for i in range(start, start + n)
    )
    return Enrolment.objects.bulk_create(
        Enrolment(person=p, cohort=world.cohort, enrolled_on=world.cohort.starts_on) for p in people
    )


def _network_wave(world: World, version: InstrumentVersion, kind: str, open_now: bool) -> Wave:
    wave = make_wave(world.cohort.pk, version, kind, open_now=open_now)
    wave.network_questions = standard_question_set(world.programme, None)
    wave.save()
    return wave


def _answer(wave: Wave, enrolments: list[Enrolment], step: int) -> None:
    """Each answers, naming the next `step` people round the circle as worked-with."""
    worked = TieType.objects.get(question_set=wave.network_questions, key="worked_with")
    people = [e.person_id for e in enrolments]
    for i, enrolment in enumerate(enrolments):
        response = SurveyResponse.objects.create(
            wave=wave, enrolment=enrolment, rater_type="self", version_id=wave.version_id
        )
        named = {people[(i + k) % len(people)] for k in range(1, step + 1)}
        save_network_answers(response, named={worked.pk: named}, outside={}, submit=True, by=None)


@pytest.fixture
def answered(world: World, version: InstrumentVersion) -> list[Enrolment]:
    """Twelve participants (with the world's own) who answered at baseline and at the end."""
    enrolments = [world.enrolment, *_cohort_of(world, 11)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    _answer(_network_wave(world, version, WaveKind.END, False), enrolments, 3)
    return enrolments


@pytest.fixture
def open_response(world: World, version: InstrumentVersion) -> SurveyResponse:
    _cohort_of(world, 8)
    wave = _network_wave(world, version, WaveKind.MID, True)
    return SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )


def test_it_says_who_sees_what_and_groups_the_roster_by_organisation(
    world: World, open_response: SurveyResponse
) -> None:
    page = world.client("participant").get(
        reverse("evaluation:network_survey", args=[open_response.pk])
    )
    html = page.content.decode()
    assert "Who will see your answers" in html
    assert "the partnership board see only figures for the whole cohort" in html
    assert html.index("Who will see your answers") < html.index('type="checkbox"')
    assert "Whom have you gone to for advice?" in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Organisation 0' in html
    # Everyone but the participant themself, once per question.
    assert html.count('type="checkbox"') == 3 * 8
    assert "Pat Participant</label>" not in html


def test_a_participant_sends_names_and_outside_names(
    world: World, open_response: SurveyResponse
) -> None:
    advice = TieType.objects.get(question_set=open_response.wave.network_questions, key="advice")
    chosen = list(Enrolment.objects.filter(cohort=world.cohort).exclude(pk=world.enrolment.pk)[:2])
    url = reverse("evaluation:network_survey", args=[open_response.pk])
    page = world.client("participant").post(
        url,
        {
            f"named_{advice.pk}": [e.person_id for e in chosen],
            f"outside_{advice.pk}": "Jo Bloggs, Essex Probation\n\n",
            "action": "submit",
        },
    )
    assert page.status_code == 302
    named = NetworkAnswer.objects.filter(response=open_response, tie_type=advice)
    assert {a.person_id for a in named} == {e.person_id for e in chosen}
    assert list(OutsideName.objects.values_list("name", flat=True)) == [
        "Jo Bloggs, Essex Probation"
    ]
    again = world.client("participant").get(url).content.decode()
    assert "You sent your network answers on" in again
    plan = world.client("staff").get(reverse("evaluation:plan", args=[world.cohort.pk]))
    assert "Network questions (participants)" in plan.content.decode()


def test_alumni_of_earlier_cohorts_are_on_the_roster_only_when_the_questions_ask(
    world: World, open_response: SurveyResponse
) -> None:
    url = reverse("evaluation:network_survey", args=[open_response.pk])
    assert "Alex Alumnus" not in world.client("participant").get(url).content.decode()
    questions = open_response.wave.network_questions
    assert questions is not None
    questions.include_alumni = True
    questions.save()
    html = world.client("participant").get(url).content.decode()
    assert "Alex Alumnus</label>" in html
    advice = TieType.objects.get(question_set=questions, key="advice")
    page = world.client("participant").post(
        url, {f"named_{advice.pk}": [world.alumnus_person.pk], "action": "submit"}
    )
    assert page.status_code == 302
    named = NetworkAnswer.objects.filter(response=open_response, tie_type=advice)
    assert [a.person_id for a in named] == [world.alumnus_person.pk]


def test_too_many_outside_names_are_refused_and_nothing_is_lost(
    world: World, open_response: SurveyResponse
) -> None:
    know = TieType.objects.get(question_set=open_response.wave.network_questions, key="know")
    someone = Enrolment.objects.filter(cohort=world.cohort).exclude(pk=world.enrolment.pk)[0]
    names = "\n".join(f"Person {i}" for i in range(21))
    page = world.client("participant").post(
        reverse("evaluation:network_survey", args=[open_response.pk]),
        {f"named_{know.pk}": [someone.person_id], f"outside_{know.pk}": names, "action": "submit"},
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert "There is a problem" in html and "Enter at most 20 names." in html
    assert f'value="{someone.person_id}" checked' in html
    assert not NetworkAnswer.objects.exists()
    open_response.refresh_from_db()
    assert open_response.network_submitted_at is None


def test_a_long_roster_becomes_a_search_as_you_type_chooser(
    world: World, open_response: SurveyResponse
) -> None:
    last = _cohort_of(world, 50)[-1]
    html = (
        world.client("participant")
        .get(reverse("evaluation:network_survey", args=[open_response.pk]))
        .content.decode()
    )
    assert 'data-module="cg-person-chooser"' in html
    assert 'type="checkbox"' not in html
    assert f"{last.person.name}, {last.person.organisation}" in html


def test_staff_see_maps_names_and_tested_figures(world: World, answered: list[Enrolment]) -> None:
    html = (
        world.client("staff")
        .get(reverse("evaluation:cohort_network", args=[world.cohort.pk]))
        .content.decode()
    )
    # Three questions, each drawn at baseline and at the end.
    assert html.count('<svg class="cg-network-map"') == 6
    assert "At baseline" in html and "; at end of programme" in html
    assert "E-I by sector" in html and "p " in html
    assert "New ties by end of programme" in html
    assert "Who bridges sectors" in html
    assert "E-I of each sector's own ties" in html
    assert "Pat Participant" in html


def test_the_board_sees_aggregates_only(world: World, answered: list[Enrolment]) -> None:
    html = (
        world.client("board")
        .get(reverse("evaluation:cohort_network", args=[world.cohort.pk]))
        .content.decode()
    )
    assert "<svg" not in html
    assert "Who bridges sectors" not in html
    assert "Named" not in html and "Pat Participant" not in html
    assert "crossed a sector boundary" in html
    # Three people in each of the four sectors: no sector's own figure is shown.
    assert "E-I of each sector" not in html


def test_a_cohort_too_small_shows_nothing_outside_staff(
    world: World, version: InstrumentVersion
) -> None:
    enrolments = [world.enrolment, *_cohort_of(world, 3)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    html = (
        world.client("evaluator")
        .get(reverse("evaluation:cohort_network", args=[world.cohort.pk]))
        .content.decode()
    )
    assert "too few people answered to show any figure" in html
    assert "crossed a sector boundary" not in html


def test_a_participant_sees_their_own_ties_and_the_cohorts_figures(
    world: World, answered: list[Enrolment]
) -> None:
    html = (
        world.client("participant")
        .get(reverse("evaluation:my_network", args=[world.enrolment.pk]))
        .content.decode()
    )
    mine = {e.person.name for e in answered[1:4]}
    assert all(name in html for name in mine)
    assert answered[6].person.name not in html
    assert "crossed a sector boundary" in html


@pytest.mark.parametrize("more", [0, 12])
def test_the_network_pages_run_a_fixed_number_of_queries(
    world: World,
    version: InstrumentVersion,
    django_assert_num_queries: Any,
    more: int,
) -> None:
    enrolments = [world.enrolment, *_cohort_of(world, 11 + more)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    end = _network_wave(world, version, WaveKind.END, True)
    _answer(end, enrolments, 2)
    SurveyResponse.objects.filter(wave=end, enrolment=world.enrolment).update(
        network_submitted_at=None
    )
    mine = SurveyResponse.objects.get(wave=end, enrolment=world.enrolment)
    # Session, user and the viewer's records; then waves, tie types, people, shared groups
    # (learning sets, teams), respondents, ties and outside names. The pseudonymised download
    # reads the same.
    pages = [
        ("staff", reverse("evaluation:cohort_network", args=[world.cohort.pk]), 13),
        ("participant", reverse("evaluation:my_network", args=[world.enrolment.pk]), 16),
        ("participant", reverse("evaluation:network_survey", args=[mine.pk]), 12),
        ("evaluator", reverse("evaluation:network_export", args=[world.cohort.pk, "edges"]), 13),
        ("staff", reverse("evaluation:network_export", args=[world.cohort.pk, "people"]), 13),
    ]
    for role, url, count in pages:
        client = world.client(role)
        client.get(url)
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_answers_after_the_wave_closed_are_not_taken(
    world: World, version: InstrumentVersion
) -> None:
    wave = _network_wave(world, version, WaveKind.MID, True)
    wave.closes_on = timezone.localdate() - dt.timedelta(days=1)
    wave.opens_on = wave.closes_on - dt.timedelta(days=10)
    wave.save()
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    page = world.client("participant").post(
        reverse("evaluation:network_survey", args=[response.pk]), {"action": "submit"}
    )
    assert "These questions are open from" in page.content.decode()
    response.refresh_from_db()
    assert response.network_submitted_at is None


def test_the_programme_report_and_the_movement_carry_the_headline(
    world: World, answered: list[Enrolment], report_get: ReportGetter
) -> None:
    from commonground.programmes.movement import movement_figures

    # The headline comes with the report's figures, worked out in the background.
    url = reverse("evaluation:programme_report", args=[world.programme.slug])
    html = report_get(world.client("board"), url).content.decode()
    assert "Who works with whom" in html
    assert "Across 1 cohort, " in html and "at the latest survey" in html
    assert "E-I by sector, baseline to latest" in html
    figures = movement_figures(world.programme, 5, timezone.localdate())
    reach = next(f for f in figures if f.key == "network_reach")
    assert reach.number is not None and 0 < reach.number <= 1
    assert reach.value.endswith("%")


def test_the_movement_hides_reach_when_too_few_answered(
    world: World, version: InstrumentVersion
) -> None:
    from commonground.programmes.movement import movement_figures

    enrolments = [world.enrolment, *_cohort_of(world, 3)]
    _answer(_network_wave(world, version, WaveKind.BASELINE, False), enrolments, 1)
    _answer(_network_wave(world, version, WaveKind.END, False), enrolments, 2)
    reach = next(
        f
        for f in movement_figures(world.programme, 5, timezone.localdate())
        if f.key == "network_reach"
    )
    assert reach.hidden and reach.number is None
    staff = next(
        f
        for f in movement_figures(world.programme, None, timezone.localdate())
        if f.key == "network_reach"
    )
    assert staff.number is not None


def test_staff_add_their_own_questions_and_a_wave_asks_them(
    world: World, version: InstrumentVersion
) -> None:
    url = reverse("evaluation:network_questions", args=[world.programme.slug])
    client = world.client("staff")
    page = client.post(url, {"title": "Partnership ties", "questions": "Whom do you trust?\n\n"})
    assert page.status_code == 302
    question_set = world.programme.network_question_sets.get(title="Partnership ties")
    assert [(t.key, t.wording) for t in question_set.tie_types.all()] == [
        ("whom-do-you-trust", "Whom do you trust?")
    ]
    assert "Whom do you trust?" in client.get(url).content.decode()
    wave = make_wave(world.cohort.pk, version, WaveKind.MID)
    edit = reverse("evaluation:wave_edit", args=[wave.pk])
    form = client.get(edit).content.decode()
    assert "Partnership ties" in form and "Do not ask the network questions" in form
    data = {
        "opens_on": wave.opens_on.isoformat(),
        "closes_on": wave.closes_on.isoformat(),
        "version": wave.version_id,
        "network_questions": question_set.pk,
    }
    assert client.post(edit, data).status_code == 302
    wave.refresh_from_db()
    assert wave.network_questions_id == question_set.pk


def test_a_question_set_needs_a_question(world: World) -> None:
    url = reverse("evaluation:network_questions", args=[world.programme.slug])
    page = world.client("staff").post(url, {"title": "Empty", "questions": " \n "})
    html = page.content.decode()
    assert page.status_code == 400 and "There is a problem" in html
    assert not world.programme.network_question_sets.exists()


def test_a_wave_keeps_its_network_questions_once_answered(
    world: World, answered: list[Enrolment]
) -> None:
    wave = Wave.objects.get(cohort=world.cohort, kind=WaveKind.END)
    page = world.client("staff").post(
        reverse("evaluation:wave_edit", args=[wave.pk]),
        {
            "opens_on": wave.opens_on.isoformat(),
            "closes_on": wave.closes_on.isoformat(),
            "version": wave.version_id,
            "network_questions": "",
        },
    )
    assert page.status_code == 400
    assert "People have answered the network questions" in page.content.decode()
    wave.refresh_from_db()
    assert wave.network_questions_id is not None
