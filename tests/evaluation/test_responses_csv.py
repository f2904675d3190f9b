"""Reading the responses CSV, every problem given with its line and column."""

import io
from pathlib import Path

import pytest

from commonground.evaluation.stats.instrument_file import load_instrument
from commonground.evaluation.stats.problems import MAX_PROBLEMS, InvalidInput
from commonground.evaluation.stats.responses import Response
from commonground.evaluation.stats.responses_csv import load_responses, parse_responses

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "evaluation"
INSTRUMENT = load_instrument(EXAMPLES / "instrument.json")
HEADER = "respondent,wave,rater_type,cohort,collab_1,learn_1,react_learnt,text_improve\n"


def parse(text: str) -> list[Response]:
    return parse_responses(io.StringIO(text), INSTRUMENT, "responses.csv")


def problems_in(text: str) -> tuple[str, ...]:
    with pytest.raises(InvalidInput) as raised:
        parse(text)
    return raised.value.problems


def test_it_reads_the_example_responses() -> None:
    responses = load_responses(EXAMPLES / "responses.csv", INSTRUMENT)
    assert len({r.participant for r in responses}) == 45
    assert {r.wave for r in responses} >= {"baseline", "end", "end_before"}


def test_it_reads_ratings_comments_and_blanks() -> None:
    (row,) = parse(HEADER + "P01,end,self,2025,4,72.5,,More time in sets\n")
    assert row.ratings == {"collab_1": 4, "learn_1": 72.5}
    assert row.comments == {"text_improve": "More time in sets"}
    assert row.participant == ("2025", "P01")


def test_it_locates_a_rating_outside_the_scale() -> None:
    rows = "".join(f"P{i:02d},baseline,self,2025,3,50,,\n" for i in range(12))
    problems = problems_in(HEADER + rows + "P99,baseline,self,2025,7,50,,\n")
    assert problems == ("responses.csv line 14, column 'collab_1': 7 is outside the scale 1-5.",)


def test_it_lists_every_bad_cell() -> None:
    problems = problems_in(
        HEADER
        + "P01,start,self,2025,3.5,50,,\n"
        + "P02,end,coach,2025,x,101,4,\n"
        + ",end,self,2025,3,50,,\n"
    )
    assert problems == (
        "responses.csv line 2, column 'wave': 'start' is not one of "
        "baseline, mid, end, end_before, follow_up_6, follow_up_12.",
        "responses.csv line 2, column 'collab_1': 3.5 is not one of the whole points "
        "of the scale 1-5.",
        "responses.csv line 3, column 'rater_type': 'coach' is not one of "
        "self, manager, peer, direct_report.",
        "responses.csv line 3, column 'collab_1': 'x' is not a number.",
        "responses.csv line 3, column 'learn_1': 101 is outside the scale 0-100.",
        "responses.csv line 4, column 'respondent': is blank; "
        "every row needs the participant's id.",
    )


def test_it_checks_the_header_against_the_instrument() -> None:
    problems = problems_in("respondent,rater_type,collab_1,collab_9,collab_1\nP01,self,3,3,3\n")
    assert problems == (
        "responses.csv line 1: the column 'wave' is missing.",
        "responses.csv line 1: the column 'collab_1' appears more than once.",
        "responses.csv line 1: the column 'collab_9' is not a question in the instrument.",
        "responses.csv line 1: the column 'collab_1' appears more than once.",
    )


def test_it_refuses_two_self_assessments_at_one_wave() -> None:
    problems = problems_in(
        HEADER + "P01,end,self,2025,3,,,\nP01,end,peer,2025,3,,,\nP01,end,self,2025,4,,,\n"
    )
    assert problems == ("responses.csv line 4: 'P01' already rated themselves at 'end' on line 2.",)


def test_it_allows_several_peers_to_rate_one_participant() -> None:
    rows = parse(HEADER + "P01,end,peer,2025,3,,,\nP01,end,peer,2025,4,,,\n")
    assert len(rows) == 2


def test_it_caps_the_list_of_problems() -> None:
    rows = "".join(f"P{i},baseline,self,2025,9,,,\n" for i in range(MAX_PROBLEMS + 10))
    problems = problems_in(HEADER + rows)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == "... and 10 more problems."


def test_it_points_at_a_row_with_too_many_cells() -> None:
    problems = problems_in(HEADER + "P01,end,self,2025,3,50,4,ok,extra\n")
    assert problems == ("responses.csv line 2: has more cells than the header has columns.",)


def test_it_reads_on_past_an_unknown_column_to_find_more_problems() -> None:
    problems = problems_in("respondent,wave,rater_type,collab_9,collab_1\nP01,end,self,3,6\n")
    assert problems == (
        "responses.csv line 1: the column 'collab_9' is not a question in the instrument.",
        "responses.csv line 2, column 'collab_1': 6 is outside the scale 1-5.",
    )
