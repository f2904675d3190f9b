"""The selection engine against brute force: every subset of a dozen applicants tried."""

from __future__ import annotations

import itertools
import random

import pytest

from commonground.recruitment.selection import (
    EACH,
    Candidate,
    Problem,
    Rule,
    check_rules,
    next_to_promote,
    select,
)
from commonground.recruitment.selection.engine import CAPACITY

SECTORS = ("Health", "Police", "Council", "Fire")
AREAS = ("Essex", "Southend", "Thurrock")
ORGANISATIONS = ("A", "B", "C", "D", "E")


def _candidates(rng: random.Random, n: int) -> list[Candidate]:
    return [
        Candidate(
            id=i + 1,
            score=rng.randint(100, 500),
            attributes={
                "sector": rng.choice(SECTORS),
                "area": rng.choice(AREAS),
                "organisation": rng.choice(ORGANISATIONS),
            },
        )
        for i in range(n)
    ]


def _rules(rng: random.Random) -> list[Rule]:
    rules = [Rule("organisation", EACH, maximum=rng.randint(1, 3))]
    for _ in range(rng.randint(1, 4)):
        attribute, values = rng.choice((("sector", SECTORS), ("area", AREAS)))
        if rng.random() < 0.5:
            rules.append(Rule(attribute, rng.choice(values), minimum=rng.randint(0, 3)))
        else:
            rules.append(Rule(attribute, rng.choice(values), maximum=rng.randint(0, 3)))
    return rules


def _brute_force(problem: Problem) -> int | None:
    """The best total over every subset that meets every rule; None when no subset does."""
    best: int | None = None
    ids = [c.id for c in problem.candidates]
    score = {c.id: c.score for c in problem.candidates}
    for size in range(problem.capacity + 1):
        for subset in itertools.combinations(ids, size):
            if all(check.met for check in check_rules(problem, subset)):
                total = sum(score[i] for i in subset)
                best = total if best is None else max(best, total)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_it_finds_the_same_best_total_as_trying_every_subset(seed: int) -> None:
    rng = random.Random(seed)
    problem = Problem(_candidates(rng, 12), capacity=rng.randint(3, 7), rules=_rules(rng))
    expected = _brute_force(problem)
    selection = select(problem, seconds=300, work=10)
    if expected is None:
        assert selection.status == "infeasible"
        assert selection.conflicts
    else:
        assert selection.proven_optimal
        assert selection.objective == expected
        assert all(check.met for check in selection.checks)
        assert len(selection.chosen) <= problem.capacity


def _infeasible(problem: Problem, rules: list[Rule]) -> bool:
    capacity = next((r.maximum for r in rules if r.attribute == CAPACITY), len(problem.candidates))
    trial = Problem(
        problem.candidates,
        capacity=capacity or 0,
        rules=[r for r in rules if r.attribute != CAPACITY],
    )
    return _brute_force(trial) is None


@pytest.mark.parametrize("seed", range(6))
def test_it_names_rules_that_conflict_and_each_of_them_matters(seed: int) -> None:
    rng = random.Random(100 + seed)
    candidates = _candidates(rng, 12)
    rules = [
        Rule("organisation", EACH, maximum=1),
        Rule("sector", "Health", minimum=rng.randint(3, 5)),
        Rule("area", "Essex", maximum=rng.randint(0, 2)),
        Rule("sector", "Police", minimum=rng.randint(0, 2)),
    ]
    problem = Problem(candidates, capacity=4, rules=rules)
    selection = select(problem, seconds=300, work=10)
    if _brute_force(problem) is not None:
        assert selection.proven_optimal
        return
    assert selection.status == "infeasible"
    named = list(selection.conflicts)
    assert _infeasible(problem, named), "the rules named cannot all be met together"
    for dropped in named:
        rest = [r for r in named if r is not dropped]
        assert not _infeasible(problem, rest), f"{dropped.label} need not be named"


def test_it_says_plainly_which_rule_cannot_be_met() -> None:
    candidates = [
        Candidate(i, 100, {"sector": "Health" if i <= 3 else "Police", "organisation": str(i)})
        for i in range(1, 9)
    ]
    problem = Problem(
        candidates,
        capacity=5,
        rules=[
            Rule("sector", "Health", minimum=4),
            Rule("organisation", EACH, maximum=2),
            Rule("sector", "Police", maximum=5),
        ],
    )
    selection = select(problem, seconds=300, work=10)
    assert selection.status == "infeasible"
    assert [rule.label for rule in selection.conflicts] == ["At least 4 with sector Health"]


def test_capacity_can_be_one_of_the_conflicting_rules() -> None:
    candidates = [Candidate(i, 10, {"sector": "Health" if i % 2 else "Police"}) for i in range(10)]
    problem = Problem(
        candidates,
        capacity=3,
        rules=[Rule("sector", "Health", minimum=2), Rule("sector", "Police", minimum=2)],
    )
    labels = {rule.label for rule in select(problem, seconds=300, work=10).conflicts}
    assert labels == {
        "At most 3 places in the cohort",
        "At least 2 with sector Health",
        "At least 2 with sector Police",
    }


def test_it_reports_which_rules_bind_and_the_mix() -> None:
    candidates = [
        Candidate(1, 500, {"organisation": "A"}),
        Candidate(2, 400, {"organisation": "A"}),
        Candidate(3, 300, {"organisation": "A"}),
        Candidate(4, 100, {"organisation": "B"}),
    ]
    problem = Problem(candidates, capacity=3, rules=[Rule("organisation", EACH, maximum=2)])
    selection = select(problem, seconds=300, work=10)
    assert selection.chosen == (1, 2, 4)
    assert selection.objective == 1000
    assert [rule.label for rule in selection.binding] == [
        "At most 3 places in the cohort",
        "At most 2 from each organisation",
    ]
    assert selection.mix(candidates) == {"organisation": {"A": 2, "B": 1}}
    assert selection.waiting == (3,)


def test_promotion_skips_whoever_would_break_a_rule() -> None:
    candidates = [
        Candidate(1, 500, {"sector": "Health"}),
        Candidate(2, 400, {"sector": "Police"}),
        Candidate(3, 300, {"sector": "Police"}),
        Candidate(4, 200, {"sector": "Health"}),
    ]
    problem = Problem(candidates, capacity=2, rules=[Rule("sector", "Health", minimum=1)])
    # Applicant 1 (the only Health person holding a place) declined.
    promotion = next_to_promote(
        Problem(candidates, 2, problem.rules, excluded=frozenset({1})), {2}, [3, 4]
    )
    assert promotion.candidate_id == 4
    assert promotion.keeps_every_rule


def test_promotion_falls_back_to_the_first_who_breaks_no_maximum() -> None:
    candidates = [
        Candidate(1, 500, {"sector": "Police"}),
        Candidate(2, 400, {"sector": "Police"}),
        Candidate(3, 300, {"sector": "Council"}),
    ]
    rules = [Rule("sector", "Police", maximum=1), Rule("sector", "Health", minimum=1)]
    promotion = next_to_promote(Problem(candidates, 3, rules), {1}, [2, 3])
    assert promotion.candidate_id == 3
    assert not promotion.keeps_every_rule
    assert [rule.label for rule in promotion.unmet] == ["At least 1 with sector Health"]


def test_nobody_is_promoted_into_a_full_cohort() -> None:
    candidates = [Candidate(1, 5), Candidate(2, 4)]
    assert next_to_promote(Problem(candidates, 1), {1}, [2]).candidate_id is None


def test_people_who_already_accepted_stay_in() -> None:
    candidates = [Candidate(1, 1), Candidate(2, 9), Candidate(3, 8)]
    problem = Problem(candidates, capacity=2, required=frozenset({1}))
    assert set(select(problem, seconds=300, work=10).chosen) == {1, 2}
