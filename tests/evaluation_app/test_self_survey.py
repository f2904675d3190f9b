"""A participant answers their own survey: save a draft, submit once, every indicator needed."""

from __future__ import annotations

from django.urls import reverse

from commonground.evaluation.models import InstrumentVersion, SurveyResponse, Wave, WaveKind
from tests.conftest import World

from .conftest import make_wave


def _mine(world: World, wave: Wave, version: InstrumentVersion) -> SurveyResponse:
    return SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )


def _all_answers(
    version: InstrumentVersion, value: str = "4", before: bool = False
) -> dict[str, str]:
    data = {"action": "submit"}
    for theme in version.themes.all():
        for indicator in theme.indicators.all():
            answer = value if indicator.scale_labels else "70"
            data[f"now_{indicator.key}"] = answer
            if before:
                data[f"before_{indicator.key}"] = "2" if indicator.scale_labels else "40"
    return data


def test_my_surveys_lists_the_open_survey(
    world: World, wave: Wave, version: InstrumentVersion
) -> None:
    response = _mine(world, wave, version)
    page = world.client("participant").get(reverse("evaluation:my_surveys")).content.decode()
    assert reverse("evaluation:survey", args=[response.pk]) in page
    assert "Mid-point survey" in page


def test_a_draft_keeps_partial_answers(
    world: World, wave: Wave, version: InstrumentVersion
) -> None:
    response = _mine(world, wave, version)
    url = reverse("evaluation:survey", args=[response.pk])
    sent = world.client("participant").post(url, {"action": "draft", "now_collab_1": "3"})
    assert sent.status_code == 302
    response.refresh_from_db()
    assert response.ratings == {"collab_1": 3}
    assert response.submitted_at is None
    page = world.client("participant").get(url).content.decode()
    assert 'value="3" checked' in page


def test_submitting_needs_every_indicator(
    world: World, wave: Wave, version: InstrumentVersion
) -> None:
    response = _mine(world, wave, version)
    url = reverse("evaluation:survey", args=[response.pk])
    data = _all_answers(version)
    del data["now_collab_2"]
    page = world.client("participant").post(url, data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_now_collab_2_0"' in html
    assert "<title>Error:" in html
    response.refresh_from_db()
    assert response.submitted_at is None


def test_a_submitted_survey_cannot_be_sent_again(
    world: World, wave: Wave, version: InstrumentVersion
) -> None:
    response = _mine(world, wave, version)
    url = reverse("evaluation:survey", args=[response.pk])
    client = world.client("participant")
    assert client.post(url, _all_answers(version)).status_code == 302
    response.refresh_from_db()
    assert response.submitted_at is not None and response.ratings["collab_1"] == 4
    again = client.post(url, _all_answers(version, "1"))
    assert "A survey can only be sent once" in again.content.decode()
    response.refresh_from_db()
    assert response.ratings["collab_1"] == 4


def test_the_end_survey_asks_before_the_programme_and_about_the_programme(
    world: World, version: InstrumentVersion
) -> None:
    end = make_wave(world.cohort.pk, version, WaveKind.END)
    response = _mine(world, end, version)
    url = reverse("evaluation:survey", args=[response.pk])
    page = world.client("participant").get(url).content.decode()
    assert "Looking back, before the programme" in page
    assert "I learnt valuable things" in page
    data = _all_answers(version, before=True)
    for statement in version.statements.all():
        data[f"statement_{statement.key}"] = "5"
    assert world.client("participant").post(url, data).status_code == 302
    response.refresh_from_db()
    assert response.before_ratings["collab_1"] == 2
    assert response.ratings["react_learnt"] == 5


def test_nobody_else_sees_a_participants_survey(
    world: World, wave: Wave, version: InstrumentVersion
) -> None:
    response = _mine(world, wave, version)
    url = reverse("evaluation:survey", args=[response.pk])
    for role in ("staff", "alumnus", "outsider", "board"):
        assert world.client(role).get(url).status_code == 404


def test_a_closed_wave_cannot_be_answered(world: World, version: InstrumentVersion) -> None:
    closed = make_wave(world.cohort.pk, version, WaveKind.BASELINE, open_now=False)
    response = _mine(world, closed, version)
    url = reverse("evaluation:survey", args=[response.pk])
    page = world.client("participant").post(url, _all_answers(version))
    assert "This survey closed on" in page.content.decode()
    response.refresh_from_db()
    assert response.submitted_at is None
