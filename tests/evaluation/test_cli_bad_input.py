"""The report command on hostile input: a huge cell, deep nesting, records spanning lines, and
anything at all. It exits 0 or 2 with a located message, never a traceback, and says when
figures were hidden as small numbers."""

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commonground.evaluation.cli import EXIT_BAD_INPUT, main
from tests.evaluation.test_cli import INSTRUMENT, RESPONSES

HEADER = "respondent,wave,rater_type,collab_1,learn_1\n"


def _report(
    tmp_path: Path, instrument: str = INSTRUMENT, responses: str = RESPONSES, *extra: str
) -> int:
    out = ["--out", str(tmp_path / "report.json")]
    return main(["report", "--instrument", instrument, "--responses", responses, *out, *extra])


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_huge_cell_names_the_line_its_record_starts_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "x" * (csv.field_size_limit() + 1)
    text = HEADER + 'P01,baseline,self,"3\n",50\n' + f'P02,baseline,self,"4\n{huge}",50\n'
    code = _report(tmp_path, INSTRUMENT, _file(tmp_path, "responses.csv", text))
    assert code == EXIT_BAD_INPUT
    errors = capsys.readouterr().err
    assert "responses.csv line 4: a cell is longer than 131,072 characters." in errors
    assert "Traceback" not in errors
    assert not (tmp_path / "report.json").exists()


def test_a_problem_in_a_record_spanning_lines_names_the_line_it_starts_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + 'P01,baseline,self,3,"5\n\n0"\n' + "P02,later,self,3,50\n"
    assert _report(tmp_path, INSTRUMENT, _file(tmp_path, "responses.csv", text)) == EXIT_BAD_INPUT
    errors = capsys.readouterr().err
    assert "responses.csv line 2, column 'learn_1'" in errors
    assert "responses.csv line 5, column 'wave': 'later' is not one of" in errors


def test_a_deeply_nested_instrument_is_refused_with_where_it_gets_too_deep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instrument = _file(
        tmp_path, "instrument.json", '{"title": "Deep",\n "themes": ' + "[" * 100_000
    )
    assert _report(tmp_path, instrument) == EXIT_BAD_INPUT
    errors = capsys.readouterr().err
    assert "instrument.json line 2, column 61: nested more than 50 deep." in errors


def test_it_says_how_many_figures_were_hidden_as_small_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _report(tmp_path, INSTRUMENT, RESPONSES, "--threshold", "50") == 0
    errors = capsys.readouterr().err
    assert "figures were hidden because fewer than 50 people gave them" in errors
    assert _report(tmp_path, INSTRUMENT, RESPONSES, "--threshold", "0") == 0
    assert "hidden" not in capsys.readouterr().err


@settings(max_examples=40, deadline=None)
@given(
    instrument=st.one_of(st.just(None), st.text(max_size=200)),
    responses=st.one_of(
        st.text(max_size=300),
        st.text(max_size=300).map(HEADER.__add__),
    ),
)
def test_any_text_exits_0_or_2_without_a_traceback(instrument: str | None, responses: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        instrument_path = INSTRUMENT if instrument is None else _file(where, "i.json", instrument)
        responses_path = _file(where, "r.csv", responses)
        assert _report(where, instrument_path, responses_path) in (0, EXIT_BAD_INPUT)
