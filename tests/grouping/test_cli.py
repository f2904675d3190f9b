"""The command line writes groups as CSV and JSON and refuses bad input by file, line, column."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from commonground.grouping import cli
from commonground.grouping.cli import main

PEOPLE = """id,organisation,sector,area,gender,years
Ann,Essex County Council,Local government,Essex,female,12
Bob,Essex County Council,Local government,Essex,male,3
Cat,Essex Police,Police and justice,Greater Essex,female,20
Dan,Essex Police,Police and justice,Greater Essex,male,7
Eve,MSEFT,Health and care,Greater Essex,female,15
Fay,Southend Council,Local government,Southend,female,4
Gus,Thurrock Council,Local government,Thurrock,male,9
Hal,ECFRS,Fire and rescue,Greater Essex,male,11
Ivy,SAVS,Voluntary and community,Southend,female,6
Jon,University of Essex,Education,Essex,male,18
Kit,Thurrock CVS,Voluntary and community,Thurrock,female,2
Len,EPUT,Health and care,Greater Essex,male,10
"""


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "participants.csv"
    path.write_text(PEOPLE)
    return path


def test_it_writes_groups_as_csv_and_json(people: Path, tmp_path: Path) -> None:
    out_csv, out_json = tmp_path / "groups.csv", tmp_path / "groups.json"
    code = main(
        [
            "groups", str(people), "--groups", "3", "--balance", "years",
            "--keep-apart", "Ann,Fay", "--out-csv", str(out_csv), "--out-json", str(out_json),
        ]
    )  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(out_csv.open()))
    assert len(rows) == 12
    assert {row["group"] for row in rows} == {"1", "2", "3"}
    document = json.loads(out_json.read_text())
    assert len(document["groups"]) == 3
    assert all(rule["met"] for rule in document["explanation"]["rules"] if rule["hard"])
    ann = next(r["group"] for r in rows if r["id"] == "Ann")
    assert ann != next(r["group"] for r in rows if r["id"] == "Fay")


def test_it_reports_the_line_and_column_of_a_bad_number(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people.write_text(
        PEOPLE.replace(
            "Len,EPUT,Health and care,Greater Essex,male,10",
            "Len,EPUT,Health and care,Greater Essex,male,ten",
        )
    )
    out_csv = tmp_path / "groups.csv"
    code = main(
        ["groups", str(people), "--groups", "3", "--balance", "years", "--out-csv", str(out_csv)]
    )
    assert code == 2
    assert (
        "participants.csv line 13, column 'years': 'ten' is not a number" in capsys.readouterr().err
    )
    assert not out_csv.exists()


def test_it_names_the_rule_file_line_of_bad_json(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text('{"rules": [\n  {"spread": "sector"},\n  {"pin": "Ann" "group": 2}\n]}')
    assert main(["groups", str(people), "--groups", "3", "--rules", str(rules)]) == 2
    assert "rules.json line 3, column" in capsys.readouterr().err


def test_it_says_which_rules_cannot_be_met(
    people: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["groups", str(people), "--groups", "1"]) == 3
    assert "from Essex County Council cannot be kept apart in 1 group (" in capsys.readouterr().err


def test_it_replans_after_a_withdrawal(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_path / "before.csv"
    assert main(["groups", str(people), "--groups", "3", "--out-csv", str(before)]) == 0
    people.write_text(
        PEOPLE.replace("Kit,Thurrock CVS,Voluntary and community,Thurrock,female,2\n", "")
    )
    after = tmp_path / "after.csv"
    assert main(["groups", str(people), "--previous", str(before), "--out-csv", str(after)]) == 0
    assert "Kit withdrew" in capsys.readouterr().out
    old = {r["id"]: r["group"] for r in csv.DictReader(before.open())}
    new = {r["id"]: r["group"] for r in csv.DictReader(after.open())}
    assert sum(old[person] != group for person, group in new.items()) <= 1


def test_it_assigns_challenge_teams_from_a_preference_column(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = PEOPLE.splitlines()
    choices = ["Homelessness;Skills", "Skills;Homelessness"]
    people.write_text(
        "\n".join(
            [lines[0] + ",choices"]
            + [f"{line},{choices[i % 2]}" for i, line in enumerate(lines[1:])]
        )
        + "\n"
    )
    challenges = tmp_path / "challenges.csv"
    challenges.write_text("name,capacity,minimum\nHomelessness,6,4\nSkills,6,4\n")
    out = tmp_path / "teams.json"
    code = main(
        [
            "challenges",
            str(people),
            "--challenges",
            str(challenges),
            "--preference-column",
            "choices",
            "--out-json",
            str(out),
        ]
    )
    assert code == 0
    document = json.loads(out.read_text())
    assert sum(document["choices"].values()) == 12
    assert "Choices met" in capsys.readouterr().out


def test_it_plans_mixing_rounds(people: Path, tmp_path: Path) -> None:
    out = tmp_path / "rounds.csv"
    assert (
        main(
            [
                "mixing",
                str(people),
                "--rounds",
                "2",
                "--size",
                "3",
                "--no-default-rules",
                "--out-csv",
                str(out),
            ]
        )
        == 0
    )
    assert len(list(csv.DictReader(out.open()))) == 24


def test_mixing_says_when_its_repeats_are_proven_the_fewest_possible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    six = tmp_path / "six.csv"
    six.write_text("\n".join(PEOPLE.splitlines()[:7]) + "\n")
    arguments = ["mixing", str(six), "--rounds", "3", "--size", "3", "--no-default-rules"]
    assert main(arguments) == 0
    assert (
        "5 repeat meetings (some pairs meet 3 times); this is the fewest possible: a search of "
        "every plan for 6 people in groups of 3 over 3 rounds finds none with fewer."
    ) in capsys.readouterr().out


def test_it_solves_a_raw_mdgp_instance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    instance = tmp_path / "tiny.txt"
    pairs = [f"{i} {j} {(i * 7 + j * 3) % 11}" for i in range(6) for j in range(i + 1, 6)]
    instance.write_text("6 2 ss 3 3 3 3\n" + "\n".join(pairs) + "\n")
    out = tmp_path / "result.json"
    assert main(["mdgp", str(instance), "--out", str(out)]) == 0
    document = json.loads(out.read_text())
    assert document["proven_optimal"]
    assert "proven optimal" in capsys.readouterr().out


def test_it_reports_a_broken_mdgp_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    instance = tmp_path / "broken.txt"
    instance.write_text("4 2 ss 2 2 2 2\n0 1 5\n0 2 x\n")
    assert main(["mdgp", str(instance)]) == 2
    assert "broken.txt line 3" in capsys.readouterr().err


def test_names_beside_ids_are_never_mixed_as_attributes(tmp_path: Path) -> None:
    lines = PEOPLE.strip().split("\n")
    with_names = ["id,name,First_Name,email," + lines[0].removeprefix("id,")] + [
        f"P{number},{line.split(',')[0]} Smith,{line.split(',')[0]},p{number}@example.org,"
        + line.split(",", 1)[1]
        for number, line in enumerate(lines[1:])
    ]
    people = tmp_path / "participants.csv"
    people.write_text("\n".join(with_names) + "\n")
    out_json = tmp_path / "groups.json"
    assert main(["groups", str(people), "--groups", "3", "--out-json", str(out_json)]) == 0
    groups = json.loads(out_json.read_text())["explanation"]["groups"]
    assert {attribute for group in groups for attribute in group["mix"]} == {
        "organisation", "sector", "area", "gender", "years",
    }  # fmt: skip


def test_a_rule_that_names_a_name_column_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "participants.csv"
    people.write_text("id,name,sector\n1,Ann Smith,Police\n2,Bob Jones,Health\n")
    assert main(["groups", str(people), "--groups", "2", "--spread", "name"]) == 2
    assert "column 'name' holds names, which never mix groups" in capsys.readouterr().err


def _instance_of(tmp_path: Path, people: int, groups: int) -> Path:
    size = people // groups
    instance = tmp_path / f"n{people}.txt"
    bounds = " ".join(f"{size} {size}" for _ in range(groups))
    pairs = [
        f"{i} {j} {(i * 37 + j * 11) % 97}" for i in range(people) for j in range(i + 1, people)
    ]
    instance.write_text(f"{people} {groups} ss {bounds}\n" + "\n".join(pairs) + "\n")
    return instance


def test_an_mdgp_run_stops_on_counted_work_so_its_seed_repeats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sized from the limit less the start-up allowance: a tenth of a second of steps, with ten
    # seconds of clock to spare, so the clock never decides.
    monkeypatch.setattr(cli, "STARTUP", 9.9)
    instance = _instance_of(tmp_path, 40, 4)
    runs = []
    for _ in range(2):
        assert main(["mdgp", str(instance), "--time-limit", "10"]) == 0
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1]
    assert "time limit" not in runs[0]


def test_the_mdgp_command_says_when_its_time_limit_cut_the_search_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _instance_of(tmp_path, 40, 4)
    assert main(["mdgp", str(instance), "--time-limit", "0.2", "--iterations", "100000000"]) == 0
    assert "The time limit stopped the search before its 100000000 steps" in capsys.readouterr().out
