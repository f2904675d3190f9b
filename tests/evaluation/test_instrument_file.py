"""Reading the instrument JSON file, and saying exactly what is wrong with a bad one."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from commonground.evaluation.stats.instrument_file import load_instrument, parse_instrument
from commonground.evaluation.stats.problems import InvalidInput

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "evaluation" / "instrument.json"


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text())
    return data


def problems_in(data: object) -> tuple[str, ...]:
    with pytest.raises(InvalidInput) as raised:
        parse_instrument(data, "instrument.json")
    return raised.value.problems


def test_it_reads_the_example_instrument() -> None:
    instrument = load_instrument(EXAMPLE)
    assert len(instrument.themes) == 5
    assert len(instrument.indicators) == 20
    assert [s.kind for s in instrument.statements].count("outcome") == 4
    assert instrument.indicators[0].scale.describe() == "1-5"
    assert instrument.scales()["learn_1"].describe() == "0-100"


def test_it_names_an_unknown_scale_and_where_it_was_used() -> None:
    data = example()
    data["themes"][0]["indicators"][2]["scale"] = "agree7"
    (problem,) = problems_in(data)
    assert problem.startswith("instrument.json: themes[0].indicators[2].scale: 'agree7' is not one")


def test_it_lists_every_problem_at_once() -> None:
    data = example()
    del data["themes"][1]["indicators"][0]["self"]
    data["themes"][2]["indicators"][1]["id"] = "collab_1"
    data["reactions"][0]["scale"] = "percent"
    problems = problems_in(data)
    assert "instrument.json: themes[1].indicators[0].self: should be some text." in problems
    assert "instrument.json: question id 'collab_1' is used more than once." in problems
    assert any("reactions[0].scale: should be a Likert scale" in p for p in problems)


def test_it_refuses_a_theme_that_mixes_scales() -> None:
    data = example()
    data["themes"][0]["indicators"][0]["scale"] = "percent"
    (problem,) = problems_in(data)
    assert "themes[0]: indicators use different scales" in problem


def test_it_refuses_question_ids_that_clash_with_response_columns() -> None:
    data = copy.deepcopy(example())
    data["free_text"][0]["id"] = "wave"
    assert problems_in(data) == (
        "instrument.json: question id 'wave' is reserved for a column of the responses file.",
    )


def test_it_gives_the_line_and_column_of_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "instrument.json"
    path.write_text('{\n  "title": "x",\n  "themes": [,]\n}')
    with pytest.raises(InvalidInput) as raised:
        load_instrument(path)
    assert raised.value.problems[0].startswith("instrument.json line 3, column 14:")


def test_it_says_when_the_file_is_not_an_object() -> None:
    assert problems_in([1, 2])[0] == "instrument.json: should be an object ({...})."
