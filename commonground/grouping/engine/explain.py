"""What staff see beside a grouping: each group's mix, each rule's outcome, how good it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from commonground.lib.words import count_of

from .bounds import diversity_bound
from .check import RuleOutcome, check_rules
from .distance import is_numeric
from .model import Participant, Rule
from .preferences import Preferences, count_choices
from .problem import SearchProblem
from .solve import Solution


@dataclass(frozen=True)
class GroupMix:
    """One group: who is in it, how many of each organisation, sector, area..., its diversity."""

    number: int
    members: tuple[str, ...]
    mix: dict[str, dict[str, int]]
    diversity: float


@dataclass(frozen=True)
class Explanation:
    """The groups' mix, the rules' outcomes, the objective and diversity with upper bounds."""

    groups: tuple[GroupMix, ...]
    rules: tuple[RuleOutcome, ...]
    objective: float
    objective_bound: float
    diversity: float
    diversity_bound: float
    proven_optimal: bool
    solver: str
    notes: tuple[str, ...] = ()
    choices: dict[str, int] | None = None

    @property
    def gap(self) -> float:
        """How far below its upper bound the diversity may be, as a fraction of the bound."""
        if self.diversity_bound <= 0:
            return 0.0
        return max(self.diversity_bound - self.diversity, 0.0) / self.diversity_bound

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "gap": self.gap}

    def as_text(self) -> str:
        lines = []
        for group in self.groups:
            lines.append(
                f"Group {group.number} ({count_of(len(group.members), 'person')}, "
                f"diversity {group.diversity:.1f})"
            )
            lines.append(f"  members: {', '.join(group.members)}")
            for attribute, counts in group.mix.items():
                shown = ", ".join(f"{value} {count}" for value, count in sorted(counts.items()))
                lines.append(f"  {attribute}: {shown}")
        for rule in self.rules:
            verdict = "met" if rule.met else "BROKEN"
            kind = "hard" if rule.hard else "weighted"
            lines.append(f"[{verdict}] {rule.rule} ({kind}): {rule.reason}")
        if self.choices is not None:
            got = ", ".join(f"{rank} {number}" for rank, number in self.choices.items())
            lines.append(f"Choices met: {got}")
        proof = "proven optimal" if self.proven_optimal else "not proven optimal"
        lines.append(
            f"Objective {self.objective:.2f} ({proof}, upper bound {self.objective_bound:.2f}); "
            f"diversity {self.diversity:.2f}, upper bound {self.diversity_bound:.2f}, "
            f"gap {self.gap:.1%}; solver: {self.solver}"
        )
        lines += list(self.notes)
        return "\n".join(lines)


def explain(
    participants: Sequence[Participant],
    problem: SearchProblem,
    solution: Solution,
    rules: Sequence[Rule],
    notes: Sequence[str] = (),
    preferences: Preferences | None = None,
) -> Explanation:
    """Explains any assignment: the solver's answer, or groups as staff left them."""
    groups = [
        [i for i in range(problem.size) if solution.assignment[i] == g]
        for g in range(problem.groups)
    ]
    attributes = sorted({name for p in participants for name in p.attributes})
    categorical = [a for a in attributes if not is_numeric(participants, a)]
    diversity = problem.group_diversity(solution.assignment)
    members_of = [tuple(participants[i].id for i in members) for members in groups]
    return Explanation(
        groups=tuple(
            GroupMix(
                number=g + 1,
                members=members_of[g],
                mix={
                    a: dict(Counter(str(participants[i].value(a)) for i in members))
                    for a in categorical
                },
                diversity=float(diversity[g]),
            )
            for g, members in enumerate(groups)
        ),
        rules=check_rules(rules, participants, groups),
        objective=solution.objective,
        objective_bound=solution.upper_bound,
        diversity=float(diversity.sum()),
        diversity_bound=_diversity_bound(problem, solution, float(diversity.sum())),
        proven_optimal=solution.proven_optimal,
        solver=solution.solver,
        notes=tuple(notes),
        choices=None if preferences is None else count_choices(preferences.choice_of(members_of)),
    )


def _diversity_bound(problem: SearchProblem, solution: Solution, diversity: float) -> float:
    """With no rules the objective is the diversity, so CP-SAT's proof applies to it directly."""
    if solution.proven_optimal and problem.pair_scores is problem.diversity_scores():
        return diversity
    return max(diversity_bound(problem), diversity)
