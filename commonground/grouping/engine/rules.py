"""Turns the rules staff set into pair scores, penalties and exact constraints for the solvers."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from commonground.lib.words import count_of, plural

from .bounds import attribute_bound
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
    BoolArray,
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
    diversity = diversity_matrix(participants, diversity_weights)
    n = len(participants)
    terms = _Terms(
        participants=participants,
        groups=int(lower.shape[0]),
        unit=typical_pair(diversity),
        soft=diversity.copy() if extra_pairs is None else diversity + extra_pairs,
        hard_pairs=np.zeros((n, n)),
        hard_balance=np.zeros((n, n)),
    )
    for rule in rules:
        terms.add(rule)
    strength = _hard_strength(terms.soft, unary)
    penalties = terms.hard_pairs * strength + terms.hard_balance
    return SearchProblem(
        pair_scores=terms.soft,
        lower=lower,
        upper=upper,
        unary=unary,
        hard_penalties=penalties if penalties.any() else None,
        isolation=tuple(
            IsolationTerm(flags, strength if penalty is None else penalty, label, penalty is None)
            for flags, penalty, label in terms.isolation
        ),
        hard=tuple(terms.hard),
        diversity=diversity,
        worst_group_weight=worst_group_weight,
        pinned_groups=terms.pinned,
        diversity_limit=attribute_bound(participants, diversity_weights, lower, upper),
    )


@dataclass
class _Terms:
    """The rules' contributions as they are gathered; hard pair counts are scaled at the end."""

    participants: Sequence[Participant]
    groups: int
    unit: float
    soft: FloatArray
    hard_pairs: FloatArray
    hard_balance: FloatArray
    isolation: list[tuple[BoolArray, float | None, str]] = field(default_factory=list)
    hard: list[HardConstraint] = field(default_factory=list)
    pinned: dict[int, int] = field(default_factory=dict)

    @property
    def per_person(self) -> float:
        """What one person typically adds to a group: the unit of keep-apart and similar costs."""
        return self.unit * len(self.participants) / self.groups

    def add(self, rule: Rule) -> None:
        match rule:
            case SpreadAttribute():
                self._spread(rule)
            case DoNotIsolate(attribute=attribute, value=value):
                flagged = np.array([str(p.value(attribute)) == value for p in self.participants])
                penalty = None if rule.hard else rule.weight * self.per_person
                self.isolation.append((flagged, penalty, rule.describe()))
                if rule.hard:
                    members = tuple(np.flatnonzero(flagged).tolist())
                    self.hard.append(NotAlone(members, rule.describe()))
            case BalanceNumber():
                _balance(
                    rule, self.participants, self.unit, self.soft, self.hard_balance, self.hard
                )
            case KeepApart() | KeepTogether():
                self._pairs(rule)
            case Pin(person=person, group=group):
                (i,) = self._indices(rule, (person,))
                if not 1 <= group <= self.groups:
                    raise ValueError(
                        f"{rule.describe()}: there {plural(self.groups, 'is')} only "
                        f"{count_of(self.groups, 'group')}"
                    )
                self.pinned[i] = group - 1
                self.hard.append(Pinned(i, group - 1, rule.describe()))

    def _spread(self, rule: SpreadAttribute) -> None:
        values = [str(p.value(rule.attribute)) for p in self.participants]
        same = np.equal.outer(values, values) & ~np.eye(len(values), dtype=bool)
        if rule.hard:
            self.hard_pairs -= same
            self.hard += _at_most_one(values, rule.attribute)
        else:
            self.soft -= rule.weight * self.unit * same

    def _pairs(self, rule: KeepApart | KeepTogether) -> None:
        sign = 1.0 if isinstance(rule, KeepTogether) else -1.0
        for i, j in itertools.combinations(self._indices(rule, rule.people), 2):
            if rule.hard:
                self.hard_pairs[i, j] = self.hard_pairs[j, i] = self.hard_pairs[i, j] + sign
                link = Together if isinstance(rule, KeepTogether) else Apart
                self.hard.append(link(i, j, rule.describe()))
            else:
                change = sign * rule.weight * self.per_person
                self.soft[i, j] = self.soft[j, i] = self.soft[i, j] + change

    def _indices(self, rule: Rule, people: Sequence[str]) -> list[int]:
        index = {p.id: i for i, p in enumerate(self.participants)}
        missing = [person for person in people if person not in index]
        if missing:
            raise ValueError(
                f"rule '{rule.describe()}' names {', '.join(missing)}, not in the cohort"
            )
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
