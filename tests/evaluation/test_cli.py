"""The report command: files in, JSON and HTML out, or clear errors and nothing written."""

import json
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from commonground.evaluation.cli import EXIT_BAD_INPUT, main

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "evaluation"
INSTRUMENT = str(EXAMPLES / "instrument.json")
RESPONSES = str(EXAMPLES / "responses.csv")


class Structure(HTMLParser):
    """Records the order of tags, and the scope of each header cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.header_scopes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "th":
            self.header_scopes.append(dict(attrs).get("scope"))


def run(tmp_path: Path, *extra: str, responses: str = RESPONSES) -> int:
    outputs = ["--out", str(tmp_path / "report.json"), "--html", str(tmp_path / "report.html")]
    return main(["report", "--instrument", INSTRUMENT, "--responses", responses, *outputs, *extra])


def test_it_writes_the_example_report_as_json_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["participants"] == 45
    assert len(report["indicators"]) == 20 and len(report["themes"]) == 5
    assert report["themes"][0]["change"]["n"] > 30
    assert "45 participants" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.json"]


def test_its_html_has_captioned_tables_scoped_headers_and_a_table_after_each_chart(
    tmp_path: Path,
) -> None:
    run(tmp_path)
    page = Structure()
    page.feed((tmp_path / "report.html").read_text())
    assert page.tags.count("table") == page.tags.count("caption") > 5
    assert set(page.header_scopes) == {"col", "row"}
    charts_and_tables = [t for t in page.tags if t in ("svg", "table")]
    assert "svg" in charts_and_tables
    for tag, following in pairwise(charts_and_tables):
        if tag == "svg":
            assert following == "table"


def test_it_hides_small_groups_unless_told_to_show_everything(tmp_path: Path) -> None:
    run(tmp_path, "--threshold", "50")
    hidden = (tmp_path / "report.html").read_text()
    assert "fewer than 50 responses" in hidden
    run(tmp_path, "--threshold", "0")
    shown = json.loads((tmp_path / "report.json").read_text())
    assert shown["options"]["threshold"] is None
    assert "fewer than" not in (tmp_path / "report.html").read_text()


def test_it_lists_every_problem_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "responses.csv"
    bad.write_text(
        "respondent,wave,rater_type,collab_1,learn_1\nP01,baseline,self,7,50\nP02,later,self,3,150\n"
    )
    assert run(tmp_path, responses=str(bad)) == EXIT_BAD_INPUT
    errors = capsys.readouterr().err
    assert "responses.csv line 2, column 'collab_1': 7 is outside the scale 1-5." in errors
    assert "responses.csv line 3, column 'wave': 'later' is not one of" in errors
    assert "responses.csv line 3, column 'learn_1': 150 is outside the scale 0-100." in errors
    assert [p.name for p in tmp_path.iterdir()] == ["responses.csv"]


def test_it_needs_somewhere_to_write_the_report(capsys: Any) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", "--instrument", INSTRUMENT, "--responses", RESPONSES])
    assert exited.value.code == 2
    assert "give --out, --html or both" in capsys.readouterr().err


def test_it_refuses_a_negative_threshold(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        run(tmp_path, "--threshold", "-1")
    assert exited.value.code == 2


def test_its_html_gives_t_with_its_degrees_of_freedom_and_names_the_signed_rank_statistic(
    tmp_path: Path,
) -> None:
    run(tmp_path)
    report = json.loads((tmp_path / "report.json").read_text())
    change = report["themes"][0]["change"]
    html = (tmp_path / "report.html").read_text()
    t, df = change["t_test"]["t"], change["t_test"]["df"]
    assert f'<td class="number">{t:.2f} ({df})</td>' in html
    assert '<th scope="col">t (df)</th>' in html
    assert '<th scope="col">Wilcoxon W</th>' in html
    assert f'<td class="number">{change["signed_rank"]["statistic"]:.1f}</td>' in html
    assert "Wilcoxon W is the smaller of the two rank sums" in html and "not R's V" in html
