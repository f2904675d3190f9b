"""The completion rules that challenges and evaluation measure, registered with programmes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from commonground.challenges.services import presented_enrolment_ids, record_showcase
from commonground.evaluation.models import SurveyResponse, WaveKind
from commonground.evaluation.services import (
    end_survey_respondent_ids,
    invite,
    load_default_instrument,
)
from commonground.programmes import measures
from commonground.programmes.completion import progress_of
from commonground.programmes.measures import Measure, check_every_switch_is_measured, register
from commonground.programmes.models import CompletionRules
from tests.challenges.helpers import challenges
from tests.conftest import World
from tests.evaluation_app.conftest import make_wave


def test_challenges_and_evaluation_register_their_measures() -> None:
    found = {measure.switch: measure.met_by for measure in measures.registered()}
    assert found == {
        "challenge_presented": presented_enrolment_ids,
        "end_survey_answered": end_survey_respondent_ids,
    }
    assert check_every_switch_is_measured() == []


def _rules(world: World) -> dict[str, bool]:
    return {result.rule: result.met for result in progress_of(world.enrolment).results[1:]}


def test_the_registered_measures_decide_completion(world: World) -> None:
    CompletionRules.objects.create(
        programme=world.programme, challenge_presented=True, end_survey_answered=True
    )
    team = challenges(world).team
    end = make_wave(
        world.cohort.pk, load_default_instrument(world.programme, audit=False), WaveKind.END
    )
    invite(end, None)
    assert _rules(world) == {"Challenge presented": False, "End-of-year survey answered": False}

    record_showcase(
        team,
        held_on=dt.date(2027, 6, 1),
        presentation_link="",
        outcomes_summary="Fewer people sleeping rough.",
        presented=True,
        sponsor_feedback="",
        by=world.users["staff"],
    )
    SurveyResponse.objects.filter(wave=end, enrolment=world.enrolment).update(
        submitted_at=timezone.now()
    )
    assert _rules(world) == {"Challenge presented": True, "End-of-year survey answered": True}
    page = world.client("staff").get(reverse("programmes:completion", args=[world.cohort.pk]))
    text = page.content.decode()
    assert "The challenge team has presented." in text
    assert "The end-of-year survey is answered." in text


def test_a_rule_switched_off_is_not_asked(world: World) -> None:
    CompletionRules.objects.create(
        programme=world.programme, challenge_presented=False, end_survey_answered=False
    )
    assert _rules(world) == {}


def _measure(switch: str) -> Measure:
    return Measure(switch, "Another rule", lambda cohort: set(), "Met.", "Not met.")


def test_a_second_measure_for_the_same_rule_is_refused() -> None:
    before = measures.registered()
    with pytest.raises(ImproperlyConfigured, match="'challenge_presented' is already registered"):
        register(_measure("challenge_presented"))
    assert measures.registered() == before


def test_a_measure_for_a_rule_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="not a switch of the completion rules"):
        register(_measure("minimum_attendance"))
    with pytest.raises(ImproperlyConfigured, match="not a switch of the completion rules"):
        register(_measure("challenge_showcased"))


def test_a_rule_nobody_measures_stops_the_site_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(measures._measures, "end_survey_answered")
    [error] = check_every_switch_is_measured()
    assert error.id == "programmes.E001"
    assert "'end_survey_answered' has no measure registered" in error.msg
