"""The evaluators' pseudonymised download of a cohort's network, and the command line reading it:
the same figures as the pages, from the same answers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from commonground.evaluation.cli import main
from commonground.evaluation.network import cohort_network, pseudonym
from commonground.evaluation.snapshots import json_safe
from commonground.evaluation.stats.network_report import for_audience
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.evaluation_app.test_network_pages import answered  # noqa: F401


def _download(world: World, role: str, kind: str) -> Any:
    url = reverse("evaluation:network_export", args=[world.cohort.pk, kind])
    return world.client(role).get(url)


def _rows(response: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.usefixtures("answered")
def test_staff_and_evaluators_download_the_ties_between_stable_pseudonyms(world: World) -> None:
    people = _download(world, "evaluator", "people")
    assert people.status_code == 200
    assert people["Content-Type"].startswith("text/csv")
    assert "attachment" in people["Content-Disposition"]
    # The same codes whoever downloads, and whenever.
    assert people.content == _download(world, "staff", "people").content
    assert (
        _download(world, "evaluator", "edges").content == _download(world, "staff", "edges").content
    )
    rows = _rows(people)
    assert len(rows) == 12
    me = pseudonym(world.participant_person.pk)
    mine = next(row for row in rows if row["id"] == me)
    assert mine["answered"] == "baseline;end"
    assert mine["sector"] == world.other_organisation.sector
    assert mine["organisation"].startswith("O-")
    ties = _rows(_download(world, "evaluator", "edges"))
    assert len([t for t in ties if t["source"] == me and t["wave"] == "end"]) == 3
    text = people.content.decode() + _download(world, "staff", "edges").content.decode()
    assert "Participant" not in text and "Named" not in text and "Organisation 0" not in text
    # The board, facilitators and participants get no download.
    for role in ("board", "facilitator", "participant"):
        assert _download(world, role, "edges").status_code == 403
    # Staff see the download offered on the cohort's network page; the board does not.
    page = reverse("evaluation:cohort_network", args=[world.cohort.pk])
    assert "Download the people, pseudonymised" in world.client("staff").get(page).content.decode()
    assert "Download the people" not in world.client("board").get(page).content.decode()


def _write(tmp_path: Path, world: World) -> tuple[Path, Path]:
    people, edges = tmp_path / "people.csv", tmp_path / "edges.csv"
    people.write_bytes(_download(world, "evaluator", "people").content)
    edges.write_bytes(_download(world, "evaluator", "edges").content)
    return people, edges


def _cli(tmp_path: Path, people: Path, edges: Path, threshold: str) -> dict[str, Any]:
    out = tmp_path / f"network-{threshold}.json"
    args = ["network", "--people", str(people), "--edges", str(edges), "--out", str(out)]
    assert main([*args, "--threshold", threshold]) == 0
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def _coded(data: dict[str, Any], code: dict[str, str]) -> dict[str, Any]:
    """The figures with people and organisations named by their download's codes, for the
    questions anyone named anyone on (an edge list has no row for the others)."""
    data["tie_types"] = ["worked_with"]
    data["figures"] = [f for f in data["figures"] if f["tie_type"] == "worked_with"]
    data["changes"] = [c for c in data["changes"] if c["tie_type"] == "worked_with"]
    for wave in data["figures"]:
        for broker in wave.get("brokers", []):
            broker["person"] = code[broker["person"]]
        for key in ("ei_sector", "ei_organisation"):
            if "people" in wave[key]:
                wave[key]["people"] = {code[k]: v for k, v in wave[key]["people"].items()}
        for group in wave["ei_organisation"]["groups"]:
            group["group"] = pseudonym(f"organisation:{group['group']}", "O")
        wave["ei_organisation"]["groups"].sort(key=lambda g: g["group"])
    return data


@pytest.mark.usefixtures("answered")
def _rounded(value: Any) -> Any:
    """Figures to nine places: networkx sums in the order it meets people, which their codes
    change, so the last binary digit of a float may differ."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


@pytest.mark.usefixtures("answered")
def test_the_command_line_gives_the_pages_figures_from_the_download(
    world: World, tmp_path: Path
) -> None:
    people, edges = _write(tmp_path, world)
    report = cohort_network(world.cohort).report()
    enrolled = Enrolment.objects.filter(cohort=world.cohort).values_list("person_id", flat=True)
    code = {str(pk): pseudonym(pk) for pk in enrolled}
    # As programme staff see them: every figure, each person's too.
    staff = json.loads(json.dumps(json_safe(for_audience(report, None))))
    cli = _cli(tmp_path, people, edges, "0")
    for wave in cli["figures"]:
        wave["ei_organisation"]["groups"].sort(key=lambda g: g["group"])
    assert _rounded(cli) == _rounded(_coded(staff, code))
    # As anyone else sees them (the API's and the board's figures).
    shown = json.loads(json.dumps(json_safe(for_audience(report, 5, individual=False))))
    shown["tie_types"] = ["worked_with"]
    shown["figures"] = [f for f in shown["figures"] if f["tie_type"] == "worked_with"]
    shown["changes"] = [c for c in shown["changes"] if c["tie_type"] == "worked_with"]
    assert _cli(tmp_path, people, edges, "5") == shown
    # The p-value the staff page prints is the command line's.
    worked = next(
        f for f in cli["figures"] if f["tie_type"] == "worked_with" and f["wave"] == "end"
    )
    html = world.client("staff").get(reverse("evaluation:cohort_network", args=[world.cohort.pk]))
    assert f"p {worked['ei_sector']['p_value']:.3f}" in html.content.decode()
