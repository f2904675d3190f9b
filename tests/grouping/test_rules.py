"""Hard rules are never broken, and rules that cannot all be met say which and who."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonground.grouping.engine import (
    BalanceNumber,
    DoNotIsolate,
    GroupSizes,
    InfeasibleRules,
    KeepApart,
    KeepTogether,
    Participant,
    Pin,
    Rule,
    SolverSettings,
    SpreadAttribute,
    form_groups,
)

from .cohorts import cohort

QUICK = SolverSettings(time_limit=None, max_iterations=400, deterministic_time=10.0)


def largest_organisation(people: list[Participant]) -> int:
    return max(Counter(p.value("organisation") for p in people).values())


def group_of(groups: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    return {person: g for g, members in enumerate(groups) for person in members}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(min_value=8, max_value=24),
    extra_groups=st.integers(min_value=0, max_value=2),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_it_never_breaks_a_hard_rule(size: int, extra_groups: int, seed: int) -> None:
    people = cohort(size, seed)
    groups = min(max(largest_organisation(people), 2) + extra_groups, size // 2)
    ids = [p.id for p in people]
    rules: list[Rule] = [
        SpreadAttribute("organisation", hard=True),
        SpreadAttribute("sector"),
        DoNotIsolate("gender", "female", hard=True),
        KeepApart((ids[0], ids[1]), "line manager"),
        KeepTogether((ids[2], ids[3])),
        Pin(ids[4], 1),
    ]
    try:
        grouping = form_groups(people, GroupSizes(groups=groups), rules, settings=QUICK)
    except InfeasibleRules as error:
        assert str(error)
        return
    where = group_of(grouping.groups)
    assert where[ids[0]] != where[ids[1]]
    assert where[ids[2]] == where[ids[3]]
    assert where[ids[4]] == 0
    by_id = {p.id: p for p in people}
    for members in grouping.groups:
        organisations = [by_id[m].value("organisation") for m in members]
        assert len(organisations) == len(set(organisations))
        women = sum(by_id[m].value("gender") == "female" for m in members)
        assert women != 1
    sizes = [len(members) for members in grouping.groups]
    assert max(sizes) - min(sizes) <= 1
    assert all(outcome.met for outcome in grouping.explanation.rules if outcome.hard)


def test_it_keeps_colleagues_apart() -> None:
    people = cohort(30, seed=4)
    grouping = form_groups(people, GroupSizes(groups=largest_organisation(people)), settings=QUICK)
    by_id = {p.id: p for p in people}
    for members in grouping.groups:
        organisations = [by_id[m].value("organisation") for m in members]
        assert len(organisations) == len(set(organisations))


def test_it_names_the_organisation_that_cannot_be_kept_apart() -> None:
    people = [Participant(f"E{i}", {"organisation": "Essex County Council"}) for i in range(7)]
    people += [Participant(f"O{i}", {"organisation": f"Org {i}"}) for i in range(17)]
    with pytest.raises(InfeasibleRules) as raised:
        form_groups(people, GroupSizes(groups=6), settings=QUICK)
    assert "7 people from Essex County Council cannot be kept apart in 6 groups" in str(
        raised.value
    )


def test_it_names_the_rules_cp_sat_finds_in_conflict() -> None:
    people = cohort(9, seed=1)
    ids = [p.id for p in people]
    rules: list[Rule] = [
        KeepApart((ids[0], ids[1], ids[2], ids[3]), "asked to be apart"),
        KeepTogether((ids[5], ids[6])),
        SpreadAttribute("area"),
    ]
    with pytest.raises(InfeasibleRules) as raised:
        form_groups(people, GroupSizes(groups=3), rules, settings=QUICK)
    assert "keep apart" in str(raised.value)
    assert ids[0] in str(raised.value)
    assert raised.value.proven


def test_it_refuses_a_lone_flagged_person() -> None:
    people = [Participant(f"P{i}", {"gender": "female" if i == 0 else "male"}) for i in range(8)]
    with pytest.raises(InfeasibleRules, match="only P0"):
        form_groups(people, GroupSizes(groups=2), [DoNotIsolate("gender", "female", hard=True)])


def test_it_balances_years_within_the_tolerance() -> None:
    people = cohort(24, seed=2)
    rule = BalanceNumber("years", hard=True, tolerance=1.5)
    grouping = form_groups(people, GroupSizes(target_size=6), [rule], settings=QUICK)
    years = {p.id: float(p.value("years")) for p in people}
    overall = np.mean(list(years.values()))
    for members in grouping.groups:
        assert abs(np.mean([years[m] for m in members]) - overall) <= 1.5 + 1e-9


def test_it_explains_each_group_and_rule() -> None:
    people = cohort(12, seed=5)
    grouping = form_groups(people, GroupSizes(groups=largest_organisation(people)), settings=QUICK)
    explanation = grouping.explanation
    assert explanation.proven_optimal
    assert sum(sum(g.mix["organisation"].values()) for g in explanation.groups) == 12
    assert explanation.rules[0].rule.startswith("no two people")
    assert "Group 1" in explanation.as_text()
    assert explanation.diversity <= explanation.diversity_bound


def test_it_reports_progress() -> None:
    reports: list[float] = []
    form_groups(
        cohort(40, seed=6),
        GroupSizes(groups=6),
        settings=SolverSettings(
            time_limit=None,
            max_iterations=2000,
            deterministic_time=10.0,
            progress=lambda f, _: reports.append(f),
        ),
    )
    assert reports and reports[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in reports)


def test_settings_without_a_time_limit_must_bound_the_effort() -> None:
    with pytest.raises(ValueError, match="give both max_iterations and deterministic_time"):
        SolverSettings(time_limit=None, max_iterations=None)
    with pytest.raises(ValueError, match="give both max_iterations and deterministic_time"):
        SolverSettings(time_limit=None, deterministic_time=None)


def test_it_gives_the_same_groups_for_the_same_seed() -> None:
    people = cohort(30, seed=8)
    first = form_groups(people, GroupSizes(groups=5), settings=QUICK)
    second = form_groups(people, GroupSizes(groups=5), settings=QUICK)
    assert first.groups == second.groups
