"""The selection model: choose at most `capacity` candidates maximising the total score.

Each balance rule counts the chosen candidates whose attribute (sector, area, organisation...)
has a value, and asks for at least `minimum` and/or at most `maximum` of them. A rule whose value
is `EACH` applies to every value of the attribute on its own ("at most 3 from each
organisation"). CP-SAT solves the model exactly and proves the optimum; when the rules cannot all
be met, the rules are re-stated as assumptions and CP-SAT names a set of them that cannot hold
together, which is then shrunk until dropping any one rule would make the rest possible.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from commonground.lib.lazy_modules import lazy

if TYPE_CHECKING:
    from ortools.sat.python import cp_model
else:
    cp_model = lazy("ortools.sat.python.cp_model")


EACH = "*"
CAPACITY = "capacity"


@dataclass(frozen=True)
class Candidate:
    """An applicant: an id, a whole-number score (higher is better), the attributes rules count."""

    id: int
    score: int
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """At least `minimum` and/or at most `maximum` chosen candidates with attribute == value."""

    attribute: str
    value: str
    minimum: int | None = None
    maximum: int | None = None

    @property
    def label(self) -> str:
        if self.attribute == CAPACITY:
            return f"At most {self.maximum} places in the cohort"
        where = (
            f"from each {self.attribute}"
            if self.value == EACH
            else f"with {self.attribute} {self.value}"
        )
        if self.minimum is not None and self.maximum is not None:
            if self.minimum == self.maximum:
                return f"Exactly {self.minimum} {where}"
            return f"Between {self.minimum} and {self.maximum} {where}"
        if self.minimum is not None:
            return f"At least {self.minimum} {where}"
        return f"At most {self.maximum} {where}"


@dataclass(frozen=True)
class Problem:
    candidates: Sequence[Candidate]
    capacity: int
    rules: Sequence[Rule] = ()
    # Candidates who must be in (they already accepted) and who may not be (they left).
    required: frozenset[int] = frozenset()
    excluded: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RuleCheck:
    """How a set of chosen candidates stands against one rule."""

    rule: Rule
    counts: Mapping[str, int]
    met: bool
    binding: bool  # some group sits exactly at the rule's limit


@dataclass(frozen=True)
class Selection:
    status: str  # "optimal", "feasible" (time ran out before the proof), "infeasible", "unknown"
    chosen: tuple[int, ...]
    objective: int
    checks: tuple[RuleCheck, ...]
    conflicts: tuple[Rule, ...]  # on infeasibility: rules that cannot all hold together
    waiting: tuple[int, ...]  # the others, best score first
    seconds: float

    @property
    def proven_optimal(self) -> bool:
        return self.status == "optimal"

    @property
    def binding(self) -> tuple[Rule, ...]:
        return tuple(check.rule for check in self.checks if check.binding)

    def mix(self, candidates: Sequence[Candidate]) -> dict[str, dict[str, int]]:
        return mix_of(candidates, self.chosen)


def mix_of(candidates: Sequence[Candidate], chosen: Iterable[int]) -> dict[str, dict[str, int]]:
    """For each attribute, how many of the chosen have each value."""
    wanted = set(chosen)
    counts: dict[str, dict[str, int]] = {}
    for candidate in candidates:
        if candidate.id in wanted:
            for attribute, value in candidate.attributes.items():
                group = counts.setdefault(attribute, {})
                group[value] = group.get(value, 0) + 1
    return {name: dict(sorted(values.items())) for name, values in sorted(counts.items())}


def _groups(rule: Rule, candidates: Sequence[Candidate]) -> dict[str, list[Candidate]]:
    """The candidates each constraint of the rule counts, by value."""
    groups: dict[str, list[Candidate]] = {}
    if rule.value != EACH:
        groups[rule.value] = []
    for candidate in candidates:
        value = candidate.attributes.get(rule.attribute)
        if value is None:
            continue
        if rule.value == EACH or value == rule.value:
            groups.setdefault(value, []).append(candidate)
    return groups


def _all_rules(problem: Problem) -> list[Rule]:
    return [Rule(CAPACITY, "", None, problem.capacity), *problem.rules]


def check_rules(problem: Problem, chosen: Iterable[int]) -> tuple[RuleCheck, ...]:
    """How the chosen set stands against capacity and every rule (met, and at its limit)."""
    wanted = set(chosen)
    checks = []
    for rule in _all_rules(problem):
        if rule.attribute == CAPACITY:
            count = len(wanted)
            checks.append(
                RuleCheck(rule, {"": count}, count <= problem.capacity, count == problem.capacity)
            )
            continue
        counts = {
            value: sum(1 for c in members if c.id in wanted)
            for value, members in _groups(rule, problem.candidates).items()
        }
        met = all(
            (rule.minimum is None or n >= rule.minimum)
            and (rule.maximum is None or n <= rule.maximum)
            for n in counts.values()
        )
        binding = any(n in (rule.minimum, rule.maximum) for n in counts.values())
        checks.append(RuleCheck(rule, counts, met, binding))
    return tuple(checks)


def _build(
    problem: Problem, rules: Sequence[Rule], assume: bool
) -> tuple[cp_model.CpModel, dict[int, cp_model.IntVar], list[cp_model.IntVar]]:
    model = cp_model.CpModel()
    chosen = {c.id: model.new_bool_var(f"x{c.id}") for c in problem.candidates}
    for candidate_id in problem.required:
        if candidate_id in chosen:
            model.add(chosen[candidate_id] == 1)
    for candidate_id in problem.excluded:
        if candidate_id in chosen:
            model.add(chosen[candidate_id] == 0)
    literals: list[cp_model.IntVar] = []
    for index, rule in enumerate(rules):
        literal = model.new_bool_var(f"rule{index}")
        literals.append(literal)
        if rule.attribute == CAPACITY:
            groups = {"": list(problem.candidates)}
        else:
            groups = _groups(rule, problem.candidates)
        for members in groups.values():
            total = sum(chosen[c.id] for c in members)
            if rule.minimum is not None:
                constraint = model.add(total >= rule.minimum)
                if assume:
                    constraint.only_enforce_if(literal)
            if rule.maximum is not None:
                constraint = model.add(total <= rule.maximum)
                if assume:
                    constraint.only_enforce_if(literal)
    if assume:
        model.add_assumptions(literals)
    return model, chosen, literals


def _solver(seconds: float, work: float | None, workers: int = 1) -> cp_model.CpSolver:
    """A solver stopped by `work` (CP-SAT's deterministic time, the same on any machine and any
    load) when given, with one worker and a fixed seed so a run repeats exactly; `seconds` of
    wall clock bound it in any case."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    if work is not None:
        solver.parameters.max_deterministic_time = work
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 1
    elif workers:
        solver.parameters.num_workers = workers
    return solver


def _feasible(
    problem: Problem, rules: Sequence[Rule], seconds: float, work: float | None = None
) -> bool:
    model, _, _ = _build(problem, rules, assume=False)
    return _solver(seconds, work).solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def conflicting_rules(
    problem: Problem, seconds: float = 10.0, work: float | None = None
) -> tuple[Rule, ...]:
    """A smallest-by-inclusion set of rules (capacity included) that cannot all be met.

    CP-SAT names a sufficient set of assumptions; dropping each rule in turn and keeping it only
    if the rest become possible leaves a set in which every rule matters.
    """
    rules = _all_rules(problem)
    model, _, literals = _build(problem, rules, assume=True)
    solver = _solver(seconds, work)
    if solver.solve(model) != cp_model.INFEASIBLE:
        return ()
    by_index = {literal.index: rule for literal, rule in zip(literals, rules, strict=True)}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
    if not core or _feasible(problem, core, seconds, work):
        core = rules  # presolve settled it without naming assumptions
    kept = list(core)
    for rule in list(core):
        trial = [r for r in kept if r is not rule]
        if not _feasible(problem, trial, seconds, work):
            kept = trial
    return tuple(kept)


def select(
    problem: Problem, seconds: float = 30.0, workers: int = 0, work: float | None = None
) -> Selection:
    """The highest-scoring set within capacity and the rules, proven optimal when time allows.

    Give `work` (deterministic time) for a result that repeats on any machine; `seconds` alone
    stops on the wall clock, which a loaded machine reaches with less done.
    """
    started = time.perf_counter()
    rules = _all_rules(problem)
    model, chosen, _ = _build(problem, rules, assume=False)
    model.maximize(sum(c.score * chosen[c.id] for c in problem.candidates))
    solver = _solver(seconds, work, workers)
    status = solver.solve(model)
    ranked = sorted(problem.candidates, key=lambda c: (-c.score, c.id))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        picked = tuple(c.id for c in ranked if solver.boolean_value(chosen[c.id]))
        taken = set(picked)
        return Selection(
            status="optimal" if status == cp_model.OPTIMAL else "feasible",
            chosen=picked,
            objective=sum(c.score for c in problem.candidates if c.id in taken),
            checks=check_rules(problem, picked),
            conflicts=(),
            waiting=tuple(
                c.id for c in ranked if c.id not in taken and c.id not in problem.excluded
            ),
            seconds=time.perf_counter() - started,
        )
    if status == cp_model.INFEASIBLE:
        conflicts = conflicting_rules(problem, seconds, work)
        return Selection(
            "infeasible", (), 0, (), conflicts, (), seconds=time.perf_counter() - started
        )
    return Selection("unknown", (), 0, (), (), (), seconds=time.perf_counter() - started)


@dataclass(frozen=True)
class Promotion:
    candidate_id: int | None
    keeps_every_rule: bool
    unmet: tuple[Rule, ...]


def next_to_promote(problem: Problem, holding: Iterable[int], waiting: Sequence[int]) -> Promotion:
    """The first on the waiting list whose place keeps every rule; failing that, the first who
    breaks no maximum (saying which minimums stay unmet); None when nobody fits."""
    current = set(holding)
    if len(current) >= problem.capacity:
        return Promotion(None, True, ())
    fallback: Promotion | None = None
    for candidate_id in waiting:
        if candidate_id in current or candidate_id in problem.excluded:
            continue
        checks = check_rules(problem, current | {candidate_id})
        unmet = tuple(check.rule for check in checks if not check.met)
        if not unmet:
            return Promotion(candidate_id, True, ())
        over = [
            check
            for check in checks
            if check.rule.maximum is not None
            and any(n > check.rule.maximum for n in check.counts.values())
        ]
        if fallback is None and not over:
            fallback = Promotion(candidate_id, False, unmet)
    return fallback or Promotion(None, True, ())
