"""Every page, the board PDF and the command-line report name a wave in the same words."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from commonground.evaluation import cli
from commonground.evaluation.models import InstrumentVersion, SurveyResponse, Wave, WaveKind
from tests.conftest import World

from .conftest import ReportGetter
from .test_reports import _history

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "evaluation"


def test_the_survey_and_the_cohort_report_name_the_end_wave_alike(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    _history(world, version, 7)
    end = Wave.objects.get(cohort=world.cohort, kind=WaveKind.END)
    mine = SurveyResponse.objects.get(wave=end, enrolment=world.enrolment)
    mine.submitted_at = None
    mine.save()
    survey = world.client("participant").get(reverse("evaluation:survey", args=[mine.pk]))
    report = report_get(
        world.client("staff"), reverse("evaluation:cohort_report", args=[world.cohort.pk])
    )
    assert "End of programme survey" in survey.content.decode()
    assert "Mean: End of programme" in report.content.decode()
    for page in (survey, report):
        assert "6-month follow-up" not in page.content.decode()


def test_the_command_line_report_names_waves_as_the_pages_do(tmp_path: Path) -> None:
    instrument, responses = EXAMPLES / "instrument.json", EXAMPLES / "responses.csv"
    out = tmp_path / "report.html"
    arguments = ["--instrument", str(instrument), "--responses", str(responses), "--html", str(out)]
    assert cli.main(["report", *arguments]) == 0
    html = out.read_text()
    assert f'<th scope="row">{WaveKind.END.label}</th>' in html
    assert "6-month follow-up" not in html and '<th scope="row">End</th>' not in html
