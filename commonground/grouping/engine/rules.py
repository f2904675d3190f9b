"""Turns the rules staff set into pair scores, penalties and exact constraints for the solvers."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np

from .distance import diversity_matrix, is_numeric, numbers
from .model import (
    BalanceNumber,
    DoNotIsolate,
    KeepApart,
    KeepTogether,
    Participant,
    Pin,
    Rule,
    SpreadAttribute,
)
from .problem import (
    Apart,
    AtMostOne,
    FloatArray,
    HardConstraint,
    IntArray,
    IsolationTerm,
    MeanWithin,
    NotAlone,
    Pinned,
    SearchProblem,
    Together,
)

# A hard balance's penalty per tolerance-width of imbalance, in units of a typical pair's diversity.
HARD_BALANCE_STRENGTH = 10.0


def who(attribute: str, value: object) -> str:
    """How a message names people sharing a value: "from Essex Police", "with gender female"."""
    return f"from {value}" if attribute == "organisation" else f"with {attribute} {value}"


def typical_pair(diversity: FloatArray) -> float:
    """The mean diversity of a pair: the unit in which rules' weights are expressed."""
    n = diversity.shape[0]
    return float(diversity.sum() / max(n * (n - 1), 1)) or 1.0


def build_problem(
    participants: Sequence[Participant],
    lower: IntArray,
    upper: IntArray,
    rules: Sequence[Rule],
    diversity_weights: Mapping[str, float],
    *,
    worst_group_weight: float = 0.0,
    unary: FloatArray | None = None,
    extra_pairs: FloatArray | None = None,
) -> SearchProblem:
    """The search problem for a cohort: diversity plus weighted rules, hard rules as constraints."""
    index = {p.id: i for i, p in enumerate(participants)}
    diversity = diversity_matrix(participants, diversity_weights)
    n = len(participants)
    unit = typical_pair(diversity)
    group_size = n / lower.shape[0]
    soft = diversity.copy() if extra_pairs is None else diversity + extra_pairs
    hard_pairs = np.zeros((n, n))
    hard_balance = np.zeros((n, n))
    isolation: list[tuple[np.ndarray, float | None, str]] = []
    hard: list[HardConstraint] = []
    pinned: dict[int, int] = {}
    for rule in rules:
        label = rule.describe()
        match rule:
            case SpreadAttribute(attribute=attribute, hard=is_hard, weight=weight):
                values = [str(p.value(attribute)) for p in participants]
                same = np.equal.outer(values, values) & ~np.eye(n, dtype=bool)
                if is_hard:
                    hard_pairs -= same
                    hard += _at_most_one(values, attribute)
                else:
                    soft -= weight * unit * same
            case DoNotIsolate(attribute=attribute, value=value, hard=is_hard, weight=weight):
                flagged = np.array([str(p.value(attribute)) == value for p in participants])
                penalty = None if is_hard else weight * unit * group_size
                isolation.append((flagged, penalty, label))
                if is_hard:
                    hard.append(NotAlone(tuple(np.flatnonzero(flagged).tolist()), label))
            case BalanceNumber():
                _balance(rule, participants, unit, soft, hard_balance, hard)
            case KeepApart(people=people, hard=is_hard, weight=weight):
                for i, j in itertools.combinations(_people(rule, people, index), 2):
                    if is_hard:
                        hard_pairs[i, j] = hard_pairs[j, i] = hard_pairs[i, j] - 1
                        hard.append(Apart(i, j, label))
                    else:
                        soft[i, j] = soft[j, i] = soft[i, j] - weight * unit * group_size
            case KeepTogether(people=people, hard=is_hard, weight=weight):
                for i, j in itertools.combinations(_people(rule, people, index), 2):
                    if is_hard:
                        hard_pairs[i, j] = hard_pairs[j, i] = hard_pairs[i, j] + 1
                        hard.append(Together(i, j, label))
                    else:
                        soft[i, j] = soft[j, i] = soft[i, j] + weight * unit * group_size
            case Pin(person=person, group=group):
                (i,) = _people(rule, (person,), index)
                if not 1 <= group <= lower.shape[0]:
                    raise ValueError(f"{label}: there are only {lower.shape[0]} groups")
                pinned[i] = group - 1
                hard.append(Pinned(i, group - 1, label))
    strength = _hard_strength(soft, unary)
    return SearchProblem(
        pair_scores=soft,
        lower=lower,
        upper=upper,
        unary=unary,
        hard_penalties=hard_pairs * strength + hard_balance
        if hard_pairs.any() or hard_balance.any()
        else None,
        isolation=tuple(
            IsolationTerm(flags, strength if penalty is None else penalty, label, penalty is None)
            for flags, penalty, label in isolation
        ),
        hard=tuple(hard),
        diversity=diversity,
        worst_group_weight=worst_group_weight,
        pinned_groups=pinned,
    )


def _people(rule: Rule, people: Sequence[str], index: Mapping[str, int]) -> list[int]:
    missing = [person for person in people if person not in index]
    if missing:
        raise ValueError(f"rule '{rule.describe()}' names {', '.join(missing)}, not in the cohort")
    return [index[person] for person in people]


def _at_most_one(values: Sequence[str], attribute: str) -> list[HardConstraint]:
    members: dict[str, list[int]] = {}
    for i, value in enumerate(values):
        members.setdefault(value, []).append(i)
    return [
        AtMostOne(tuple(people), f"no two people {who(attribute, value)} in a group")
        for value, people in members.items()
        if len(people) > 1
    ]


def _balance(
    rule: BalanceNumber,
    participants: Sequence[Participant],
    unit: float,
    soft: FloatArray,
    hard_balance: FloatArray,
    hard: list[HardConstraint],
) -> None:
    """Sum over groups of (sum of deviations)^2 is, up to a constant, a sum over pairs."""
    if not is_numeric(participants, rule.attribute):
        raise ValueError(f"'{rule.describe()}' needs a number for everyone in {rule.attribute}")
    values = numbers(participants, rule.attribute)
    deviation = values - values.mean()
    if rule.hard:
        if rule.tolerance is None or rule.tolerance <= 0:
            raise ValueError(f"'{rule.describe()}' is hard, so it needs a positive tolerance")
        scaled = deviation / rule.tolerance
        hard_balance -= 2 * HARD_BALANCE_STRENGTH * unit * np.outer(scaled, scaled)
        np.fill_diagonal(hard_balance, 0.0)
        hard.append(MeanWithin(tuple(values.tolist()), rule.tolerance, rule.describe()))
        return
    scaled = deviation / (float(deviation.std()) or 1.0)
    pairs = 2 * rule.weight * unit * np.outer(scaled, scaled)
    np.fill_diagonal(pairs, 0.0)
    soft -= pairs


def _hard_strength(soft: FloatArray, unary: FloatArray | None) -> float:
    """A penalty no single move's gain in the objective can outweigh."""
    strength = 2.0 * float(np.abs(soft).sum(axis=1).max(initial=0.0)) + 1.0
    if unary is not None:
        strength += 2.0 * float(np.abs(unary).max(initial=0.0))
    return strength
