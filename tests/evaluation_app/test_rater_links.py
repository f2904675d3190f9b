"""Raters answer through a personal link: once, until the wave closes, seeing only a first name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from commonground.evaluation.models import InstrumentVersion, SurveyResponse, Wave
from tests.conftest import World

from .conftest import Rater


def _answers(version: InstrumentVersion) -> dict[str, str]:
    data = {"action": "submit"}
    for theme in version.themes.all():
        for indicator in theme.indicators.all():
            data[f"now_{indicator.key}"] = "5" if indicator.scale_labels else "80"
    return data


def test_the_link_shows_the_first_name_and_rater_wording_only(
    world: World, rater_link: Callable[..., Rater]
) -> None:
    rater = rater_link()
    page = Client().get(reverse("evaluation:rater_survey", args=[rater.token]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "How Pat leads" in html
    assert "They work with colleagues from other organisations" in html
    assert "I work with colleagues" not in html
    for secret in ("Participant", "pat.participant@example.org", "Essex Police", "Sponsor"):
        assert secret not in html
    assert "I learnt valuable things" not in html


def test_the_link_works_once(
    world: World, rater_link: Callable[..., Rater], version: InstrumentVersion
) -> None:
    rater = rater_link()
    url = reverse("evaluation:rater_survey", args=[rater.token])
    sent = Client().post(url, _answers(version))
    assert sent.status_code == 200 and "Answers sent" in sent.content.decode()
    rater.response.refresh_from_db()
    assert rater.response.submitted_at is not None
    again = Client().post(url, _answers(version))
    assert again.status_code == 410
    assert "You have already sent your answers" in again.content.decode()


def test_an_expired_link_gets_a_clear_page(world: World, rater_link: Callable[..., Rater]) -> None:
    rater = rater_link()
    Wave.objects.filter(pk=rater.response.wave_id).update(
        opens_on=dt.date(2024, 1, 1), closes_on=dt.date(2024, 2, 1)
    )
    page = Client().get(reverse("evaluation:rater_survey", args=[rater.token]))
    assert page.status_code == 410
    assert "This survey has closed" in page.content.decode()


def test_a_wrong_link_gets_a_clear_page(world: World, rater_link: Callable[..., Rater]) -> None:
    rater = rater_link()
    page = Client().get(reverse("evaluation:rater_survey", args=[rater.token[:-2] + "xx"]))
    assert page.status_code == 404
    assert "This link does not work" in page.content.decode()


def test_only_the_hash_of_the_token_is_stored(
    world: World, rater_link: Callable[..., Rater]
) -> None:
    rater = rater_link()
    stored = SurveyResponse.objects.get(pk=rater.response.pk).token_hash
    assert stored and rater.token not in stored and len(stored) == 64


def test_a_rater_can_save_and_come_back(world: World, rater_link: Callable[..., Rater]) -> None:
    rater = rater_link()
    url = reverse("evaluation:rater_survey", args=[rater.token])
    assert Client().post(url, {"action": "draft", "now_collab_1": "2"}).status_code == 302
    assert 'value="2" checked' in Client().get(url).content.decode()
