"""Hard rules that cannot all be met: checked up front, and confirmed on every grouping returned."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from commonground.lib.words import count_of

from .problem import (
    Apart,
    AtMostOne,
    HardConstraint,
    IntArray,
    MeanWithin,
    NotAlone,
    Pinned,
    SearchProblem,
    Together,
)


class InfeasibleRules(Exception):
    """No grouping meets every hard rule; the message names the rules and people in conflict.

    `proven` is False when the search ran out of time rather than proving it impossible.
    """

    def __init__(self, message: str, conflicts: Sequence[str] = (), *, proven: bool = True) -> None:
        super().__init__(message)
        self.conflicts = tuple(conflicts)
        self.proven = proven


def check_up_front(problem: SearchProblem, names: Sequence[str]) -> None:
    """Raise InfeasibleRules for conflicts seen without searching: counts, sizes, chained rules."""
    n, m = problem.size, problem.groups
    lower, upper = problem.lower, problem.upper
    if np.any(lower > upper) or lower.sum() > n or upper.sum() < n:
        raise InfeasibleRules(
            f"{count_of(n, 'person')} cannot fill {count_of(m, 'group')} of between {lower.min()} "
            f"and {count_of(int(upper.max()), 'person')}",
            ["group sizes"],
        )
    pinned_counts = np.bincount(list(problem.pinned_groups.values()), minlength=m)
    for g in np.flatnonzero(pinned_counts > upper):
        raise InfeasibleRules(
            f"{count_of(int(pinned_counts[g]), 'person is')} pinned to group {g + 1}, "
            f"which holds at most {count_of(int(upper[g]), 'person')}",
            ["pinned people", "group sizes"],
        )
    for rule in problem.hard:
        _check_alone(rule, problem, names)
    _check_together(problem, names)


def _people(names: Sequence[str], members: Sequence[int]) -> str:
    return ", ".join(names[i] for i in members)


def _check_alone(rule: HardConstraint, problem: SearchProblem, names: Sequence[str]) -> None:
    m = problem.groups
    if isinstance(rule, AtMostOne):
        what = rule.label.removeprefix("no two people ").removesuffix(" in a group")
        if len(rule.members) > m:
            raise InfeasibleRules(
                f"{count_of(len(rule.members), 'person', 'people')} {what} cannot be kept apart in "
                f"{count_of(m, 'group')} "
                f"({_people(names, rule.members)})",
                [rule.label],
            )
        pins = [problem.pinned_groups[i] for i in rule.members if i in problem.pinned_groups]
        if len(pins) != len(set(pins)):
            raise InfeasibleRules(
                f"two people {what} are pinned to the same group", [rule.label, "pinned people"]
            )
    if isinstance(rule, NotAlone) and len(rule.members) == 1:
        raise InfeasibleRules(
            f"{rule.label}: only {names[rule.members[0]]} has that value, so they would be alone",
            [rule.label],
        )


def _check_together(problem: SearchProblem, names: Sequence[str]) -> None:
    """People kept together form chains; each chain must fit a group and obey the other rules."""
    parent = list(range(problem.size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    together = [rule for rule in problem.hard if isinstance(rule, Together)]
    for link in together:
        parent[root(link.first)] = root(link.second)
    chains: dict[int, list[int]] = {}
    for i in range(problem.size):
        chains.setdefault(root(i), []).append(i)
    labels = sorted({rule.label for rule in together})
    for chain in chains.values():
        if len(chain) > int(problem.upper.max()):
            raise InfeasibleRules(
                f"{len(chain)} people must be kept together ({_people(names, chain)}) "
                f"but groups hold at most {count_of(int(problem.upper.max()), 'person')}",
                [*labels, "group sizes"],
            )
        pins = {problem.pinned_groups[i] for i in chain if i in problem.pinned_groups}
        if len(pins) > 1:
            raise InfeasibleRules(
                f"{_people(names, chain)} must be together but are pinned to different groups",
                [*labels, "pinned people"],
            )
    for rule in problem.hard:
        pair = _pair_within_chain(rule, root)
        if pair is not None:
            raise InfeasibleRules(
                f"{names[pair[0]]} and {names[pair[1]]} must be kept together (through "
                f"{'; '.join(labels)}) but also {rule.label}",
                [*labels, rule.label],
            )


def _pair_within_chain(rule: HardConstraint, root: Callable[[int], int]) -> tuple[int, int] | None:
    if isinstance(rule, Apart) and root(rule.first) == root(rule.second):
        return rule.first, rule.second
    if isinstance(rule, AtMostOne):
        seen: dict[int, int] = {}
        for i in rule.members:
            if root(i) in seen:
                return seen[root(i)], i
            seen[root(i)] = i
    return None


def broken_hard_rules(problem: SearchProblem, assignment: IntArray) -> list[str]:
    """The labels of hard constraints this assignment breaks (empty when it meets them all)."""
    m = problem.groups
    sizes = np.bincount(assignment, minlength=m)
    broken = []
    if np.any(sizes < problem.lower) or np.any(sizes > problem.upper):
        broken.append("group sizes")
    for rule in problem.hard:
        if not _meets(rule, assignment, m):
            broken.append(rule.label)
    return list(dict.fromkeys(broken))


def _meets(rule: HardConstraint, assignment: IntArray, groups: int) -> bool:
    match rule:
        case Apart(first=i, second=j):
            return bool(assignment[i] != assignment[j])
        case Together(first=i, second=j):
            return bool(assignment[i] == assignment[j])
        case AtMostOne(members=members):
            return bool(np.bincount(assignment[list(members)], minlength=groups).max() <= 1)
        case NotAlone(members=members):
            return not bool(np.any(np.bincount(assignment[list(members)], minlength=groups) == 1))
        case MeanWithin(values=values, tolerance=tolerance):
            array = np.asarray(values)
            sizes = np.bincount(assignment, minlength=groups)
            sums = np.bincount(assignment, weights=array, minlength=groups)
            used = sizes > 0
            means = sums[used] / sizes[used]
            return bool(np.all(np.abs(means - array.mean()) <= tolerance + 1e-9))
        case Pinned(person=i, group=g):
            return bool(assignment[i] == g)
    return True
