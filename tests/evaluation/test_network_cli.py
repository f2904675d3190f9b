"""`python -m commonground.evaluation network`: the same figures as the pages, from two CSV
files, written as JSON and HTML; bad files are refused line by line and column by column."""

import json
from pathlib import Path

import pytest

from commonground.evaluation.cli import EXIT_BAD_INPUT, main

DATA = Path(__file__).parent.parent / "data" / "network"


def _run(tmp_path: Path, people: Path, edges: Path, *extra: str) -> int:
    return main(
        [
            "network",
            "--people",
            str(people),
            "--edges",
            str(edges),
            "--out",
            str(tmp_path / "network.json"),
            "--html",
            str(tmp_path / "network.html"),
            *extra,
        ]
    )


def test_it_writes_the_figures_worked_out_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(tmp_path, DATA / "people.csv", DATA / "edges.csv", "--threshold", "0") == 0
    assert "Wrote" in capsys.readouterr().out
    data = json.loads((tmp_path / "network.json").read_text())
    baseline, end = data["figures"]
    # Baseline: a-b inside local government, c-e across: 1 of 2 ties crosses, E-I 0.
    assert baseline["cross_sector_share"] == 0.5 and baseline["ei_sector"]["ei"] == 0
    # Four answered at baseline, each could name four others; 3 ties named.
    assert baseline["structure"]["density"] == pytest.approx(3 / 16)
    assert baseline["non_respondents"] == 1
    # End: a-b, a-c, c-d, d-e, e-a: four of five cross.
    assert end["cross_sector_share"] == pytest.approx(0.8)
    change = data["changes"][0]["new_ties"]
    # New since baseline: a-c, c-d, d-e, a-e; every pair has someone who answered then.
    assert change["total"] == 4 and change["cross_sector"] == 4
    assert change["by_sector_pair"]["Health and care / Police and justice"] == 1
    # a-c and a-e shared set1; d's pairs did not: 2 of 4.
    assert data["changes"][0]["groupings"]["share"] == 0.5
    html = (tmp_path / "network.html").read_text()
    assert html.count("<svg") == 2
    assert "At baseline 50% of ties crossed a sector boundary; at end of programme 80%." in html
    # Everything, for programme staff: each person's figures too.
    assert "worked_with: each person at end of programme" in html
    assert "E-I of each sector&#x27;s own ties" in html


def test_small_groups_are_left_out_unless_asked(tmp_path: Path) -> None:
    assert _run(tmp_path, DATA / "people.csv", DATA / "edges.csv") == 0
    data = json.loads((tmp_path / "network.json").read_text())
    # Five people, so the cohort shows; the waves four answered do not, nor does any sector.
    assert data["hidden"] is False
    assert [f["wave"] for f in data["figures"]] == ["end"]
    assert data["figures"][0]["ei_sector"]["groups"] == []
    assert "people" not in data["figures"][0]["ei_sector"]
    # The page says what the JSON says: no map, no person, nothing of the wave four answered.
    html = (tmp_path / "network.html").read_text()
    assert "<svg" not in html and "each person" not in html
    assert "Not shown, as fewer than 5 answered: baseline." in html
    assert "At end of programme 80% of ties crossed a sector boundary." in html
    assert "50%" not in html


def test_bad_files_are_refused_by_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("id,organisation,sector\na,Council,\na,Police,Police\n", encoding="utf-8")
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,wave,tie_type\na,z,baseline,know\na,a,later,\n")
    assert _run(tmp_path, people, edges) == EXIT_BAD_INPUT
    errors = capsys.readouterr().err
    assert "people.csv line 2, column sector: is empty." in errors
    assert "people.csv line 3, column id: 'a' is already on line 2." in errors
    assert "edges.csv line 2, column target: 'z' is not in the people file." in errors
    assert "edges.csv line 3, column wave: 'later' is not a wave" in errors
    assert "edges.csv line 3, column tie_type: is empty." in errors
    assert not (tmp_path / "network.json").exists()


def test_a_missing_column_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edges = tmp_path / "edges.csv"
    edges.write_text("from,to\na,b\n", encoding="utf-8")
    assert _run(tmp_path, DATA / "people.csv", edges) == EXIT_BAD_INPUT
    assert "edges.csv line 1: no column named source, target, wave, tie_type." in (
        capsys.readouterr().err
    )
