"""The matching engine: the same optimum as trying every assignment, the hard rules always kept,
and each pair and each person left out explained in words."""

from __future__ import annotations

import itertools
import random

import pytest

from commonground.mentoring.engine import (
    Mentee,
    Mentor,
    Problem,
    barrier,
    score,
    solve,
)

SECTORS = ("Health and care", "Police and justice", "Local government")
AREAS = ("commissioning", "budgets", "safeguarding", "housing", "data")


def _mentor(i: int, org: int, sector: str, capacity: int = 1, **kw: object) -> Mentor:
    return Mentor(
        id=i,
        person_id=100 + i,
        name=f"Mentor {i}",
        organisation_id=org,
        organisation=f"Organisation {org}",
        sector=sector,
        capacity=capacity,
        **kw,  # type: ignore[arg-type]
    )


def _mentee(i: int, org: int, sector: str, **kw: object) -> Mentee:
    return Mentee(
        id=i,
        person_id=200 + i,
        name=f"Mentee {i}",
        organisation_id=org,
        organisation=f"Organisation {org}",
        sector=sector,
        **kw,  # type: ignore[arg-type]
    )


def _random_problem(rng: random.Random) -> Problem:
    mentors = [
        _mentor(
            j + 1,
            rng.randrange(4),
            rng.choice(SECTORS),
            rng.randint(0, 2),
            expertise=frozenset(rng.sample(AREAS, rng.randint(0, 3))),
            prefers_sectors=frozenset(rng.sample(SECTORS, rng.randint(0, 1))),
        )
        for j in range(rng.randint(1, 4))
    ]
    mentees = [
        _mentee(
            i + 1,
            rng.randrange(4),
            rng.choice(SECTORS),
            needs=frozenset(rng.sample(AREAS, rng.randint(0, 3))),
            chain=frozenset(rng.sample([m.person_id for m in mentors], rng.randint(0, 1))),
        )
        for i in range(rng.randint(1, 6))
    ]
    excluded = frozenset(
        (mentee.id, mentor.id) for mentee in mentees for mentor in mentors if rng.random() < 0.1
    )
    return Problem(mentees, mentors, excluded=excluded)


def _brute_force(problem: Problem) -> tuple[int, int]:
    """(matched, fit) of the best assignment, by trying every one."""
    options = [
        [None]
        + [mentor for mentor in problem.mentors if not barrier(mentee, mentor, problem.excluded)]
        for mentee in problem.mentees
    ]
    best = (0, 0)
    for choice in itertools.product(*options):
        used: dict[int, int] = {}
        for mentor in choice:
            if mentor is not None:
                used[mentor.id] = used.get(mentor.id, 0) + 1
        if any(used[m.id] > m.capacity for m in problem.mentors if m.id in used):
            continue
        value = (
            sum(1 for mentor in choice if mentor is not None),
            sum(
                score(mentee, mentor, problem.weights)
                for mentee, mentor in zip(problem.mentees, choice, strict=True)
                if mentor is not None
            ),
        )
        best = max(best, value)
    return best


@pytest.mark.parametrize("seed", range(60))
def test_it_finds_the_same_optimum_as_brute_force(seed: int) -> None:
    problem = _random_problem(random.Random(seed))
    solution = solve(problem)
    assert solution.optimal
    assert (solution.matched, solution.score) == _brute_force(problem)


@pytest.mark.parametrize("seed", range(30))
def test_it_keeps_every_hard_rule(seed: int) -> None:
    problem = _random_problem(random.Random(1000 + seed))
    solution = solve(problem)
    mentees = {m.id: m for m in problem.mentees}
    mentors = {m.id: m for m in problem.mentors}
    for pair in solution.pairs:
        assert not barrier(mentees[pair.mentee_id], mentors[pair.mentor_id], problem.excluded)
    for mentor in problem.mentors:
        assert sum(1 for p in solution.pairs if p.mentor_id == mentor.id) <= mentor.capacity
    assert {p.mentee_id for p in solution.pairs} | {u.mentee_id for u in solution.unmatched} == set(
        mentees
    )


def test_it_gives_the_same_answer_every_time() -> None:
    problem = _random_problem(random.Random(7))
    assert solve(problem) == solve(problem)


def test_it_explains_a_match_in_words() -> None:
    mentee = _mentee(1, 1, "Health and care", needs=frozenset({"commissioning", "budgets"}))
    mentor = _mentor(
        1,
        2,
        "Police and justice",
        expertise=frozenset({"commissioning"}),
        prefers_sectors=frozenset({"Health and care"}),
    )
    (pair,) = solve(Problem([mentee], [mentor])).pairs
    assert pair.explanation == (
        "shares expertise in commissioning; different sectors: mentor in police and justice, "
        "mentee in health and care; Mentor 1 would like to mentor someone from health and care"
    )


def test_it_prefers_a_mentor_from_another_sector_when_expertise_ties() -> None:
    mentee = _mentee(1, 1, "Health and care", needs=frozenset({"budgets"}))
    same = _mentor(1, 2, "Health and care", expertise=frozenset({"budgets"}))
    other = _mentor(2, 3, "Local government", expertise=frozenset({"budgets"}))
    (pair,) = solve(Problem([mentee], [same, other])).pairs
    assert pair.mentor_id == 2


def test_it_matches_as_many_people_as_it_can_before_fit() -> None:
    # Mentee 1 fits the expert best, but mentee 2 works where the other mentor does, so only
    # giving mentee 1 the other mentor matches both.
    one = _mentee(1, 1, "Health and care", needs=frozenset({"data"}))
    two = _mentee(2, 3, "Health and care")
    expert = _mentor(1, 2, "Local government", expertise=frozenset({"data"}))
    other = _mentor(2, 3, "Local government")
    solution = solve(Problem([one, two], [expert, other]))
    assert [(p.mentee_id, p.mentor_id) for p in solution.pairs] == [(1, 2), (2, 1)]


def test_it_never_pairs_a_mentee_with_their_own_organisation_or_chain() -> None:
    mentee = _mentee(1, 1, "Police and justice", chain=frozenset({102}))
    colleague = _mentor(1, 1, "Police and justice", capacity=3)
    manager = _mentor(2, 2, "Health and care", capacity=3)
    solution = solve(Problem([mentee], [colleague, manager]))
    assert solution.pairs == []
    assert solution.unmatched[0].reason == (
        "no mentor outside Organisation 1 and their line management chain has volunteered"
    )


def test_it_says_when_everyone_who_could_mentor_someone_is_full() -> None:
    first = _mentee(1, 9, "Police and justice")
    second = _mentee(2, 9, "Police and justice")
    only = _mentor(1, 2, "Health and care", capacity=1)
    solution = solve(Problem([first, second], [only]))
    assert solution.matched == 1
    assert solution.unmatched[0].reason == (
        "no mentor outside Organisation 9 has capacity: the one who could is full"
    )


def test_it_never_pairs_again_two_people_who_said_it_was_not_working() -> None:
    mentee = _mentee(1, 1, "Police and justice")
    mentor = _mentor(1, 2, "Health and care")
    solution = solve(Problem([mentee], [mentor], excluded=frozenset({(1, 1)})))
    assert solution.pairs == []
