"""Free-text answers: programme staff read them on a cohort's report; nobody else, no export."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from commonground.evaluation.models import InstrumentVersion, SurveyResponse, WaveKind
from tests.conftest import World
from tests.exporting import download

from .conftest import ReportGetter, add_participants, answer_all, make_wave

COMMENT = "Meeting the fire service's Sam Lee changed how I run my team"


@pytest.fixture
def comments(world: World, version: InstrumentVersion) -> None:
    wave = make_wave(world.cohort.pk, version, WaveKind.END)
    enrolments = [world.enrolment, *add_participants(world, 5)]
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            wave=wave,
            enrolment=e,
            rater_type="self",
            version=version,
            ratings=answer_all(version),
            comments={"text_most_useful": COMMENT if i == 0 else "", "text_improve": "More time"},
            submitted_at=timezone.now(),
        )
        for i, e in enumerate(enrolments)
    )


@pytest.mark.usefixtures("comments")
def test_programme_staff_read_the_free_text_answers_on_the_cohort_report(
    world: World, report_get: ReportGetter
) -> None:
    url = reverse("evaluation:cohort_report", args=[world.cohort.pk])
    html = report_get(world.client("staff"), url).content.decode()
    assert "Free-text answers" in html
    assert "What was the most useful part of the programme for you, and why?" in html
    assert "What should we change for the next cohort?" in html
    assert "Meeting the fire service&#x27;s Sam Lee changed how I run my team" in html
    assert html.count("More time") == 6
    assert "End of programme, self" in html
    assert world.enrolment.person.last_name not in html.split('id="free-text"')[1]


@pytest.mark.usefixtures("comments")
@pytest.mark.parametrize("role", ["facilitator", "board", "evaluator"])
def test_nobody_else_sees_free_text_answers_in_a_report(
    world: World, role: str, report_get: ReportGetter
) -> None:
    client = world.client(role)
    for url in (
        reverse("evaluation:cohort_report", args=[world.cohort.pk]),
        reverse("evaluation:programme_report", args=[world.programme.slug]),
    ):
        html = report_get(client, url).content.decode()
        assert "Sam Lee" not in html and "More time" not in html
        assert "Free-text answers" not in html
        assert "free-text answers, read by programme staff only" in html


@pytest.mark.usefixtures("comments")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_evaluators_export_leaves_free_text_out(world: World, fmt: str) -> None:
    url = reverse("evaluation:programme_export", args=[world.programme.slug, fmt])
    content = download(world.client("evaluator"), url).content
    if fmt == "xlsx":
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).active
        assert sheet is not None
        cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
        assert len(cells) > 6
        text = " ".join(cells)
    else:
        text = content.decode("utf-8-sig")
        assert "collab_1" in text
    assert "Sam Lee" not in text and "More time" not in text
    assert "text_most_useful" not in text
