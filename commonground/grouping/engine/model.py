"""The people being grouped, how big the groups are, and the rules staff set for them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

AttributeValue = str | float
Progress = Callable[[float, str], None]
# CP-SAT's deterministic seconds for one exact solve, about a second of work each. Proofs
# measured: at most 2.5 for the published MDGP instances of 10 and 12 (Geo_n012_ds_02), about 5
# for a cohort of 14 in four groups, the hardest size CP-SAT is given.
DETERMINISTIC_TIME = 10.0


@dataclass(frozen=True)
class Participant:
    """One person in the cohort, with attributes such as organisation, sector, area, years."""

    id: str
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)

    def value(self, attribute: str) -> AttributeValue:
        return self.attributes.get(attribute, "")


@dataclass(frozen=True)
class GroupSizes:
    """A number of groups or a target size; bounds only when sizes may differ by more than one."""

    groups: int | None = None
    target_size: int | None = None
    minimum: int | tuple[int, ...] | None = None
    maximum: int | tuple[int, ...] | None = None


@dataclass(frozen=True)
class SolverSettings:
    """Seed, effort and a time limit: one seed gives the same groups on any machine, however busy.

    The effort counts work, not seconds: `max_iterations` steps of local search, and
    `deterministic_time` units of CP-SAT's deterministic clock (one worker, seeded) for each
    exact solve. The wall-clock `time_limit` (seconds, None for none) is a safety bound over the
    whole run; the groups depend on the machine only when it cuts in before the effort is spent.
    """

    seed: int = 0
    time_limit: float | None = 10.0
    max_iterations: int | None = 20_000
    deterministic_time: float | None = DETERMINISTIC_TIME
    progress: Progress | None = None

    def __post_init__(self) -> None:
        if self.time_limit is None and (
            self.max_iterations is None or self.deterministic_time is None
        ):
            raise ValueError(
                "without a time limit, give both max_iterations and deterministic_time, "
                "or the search may never stop"
            )


@dataclass(frozen=True)
class SpreadAttribute:
    """Mix an attribute: hard, no two sharing a value in a group; weighted, as evenly as can be."""

    attribute: str
    hard: bool = False
    weight: float = 1.0

    def describe(self) -> str:
        if self.hard:
            return f"no two people with the same {self.attribute} in a group"
        return f"{self.attribute} mixed as evenly as possible"


@dataclass(frozen=True)
class DoNotIsolate:
    """Nobody is the only one with a flagged value in their group: two or more, or none."""

    attribute: str
    value: str
    hard: bool = False
    weight: float = 1.0

    def describe(self) -> str:
        return f"nobody is the only {self.attribute} {self.value} in their group"


@dataclass(frozen=True)
class BalanceNumber:
    """Group means of a number (years in post) near the cohort's mean; hard needs a tolerance."""

    attribute: str
    hard: bool = False
    weight: float = 1.0
    tolerance: float | None = None

    def describe(self) -> str:
        within = "" if self.tolerance is None else f" (within {self.tolerance:g})"
        return f"group means of {self.attribute} close to the cohort mean{within}"


@dataclass(frozen=True)
class KeepApart:
    """People who should not share a group, such as a line manager and their report."""

    people: tuple[str, ...]
    reason: str = ""
    hard: bool = True
    weight: float = 1.0

    def describe(self) -> str:
        because = f" ({self.reason})" if self.reason else ""
        return f"keep apart {', '.join(self.people)}{because}"


@dataclass(frozen=True)
class KeepTogether:
    """People who should share a group."""

    people: tuple[str, ...]
    reason: str = ""
    hard: bool = True
    weight: float = 1.0

    def describe(self) -> str:
        because = f" ({self.reason})" if self.reason else ""
        return f"keep together {', '.join(self.people)}{because}"


@dataclass(frozen=True)
class Pin:
    """A person staff placed by hand: they stay in that group (numbered from 1)."""

    person: str
    group: int
    hard: bool = True

    def describe(self) -> str:
        return f"{self.person} stays in group {self.group}"


Rule = SpreadAttribute | DoNotIsolate | BalanceNumber | KeepApart | KeepTogether | Pin


def default_rules(attributes: set[str]) -> tuple[Rule, ...]:
    """Colleagues apart, sectors and areas mixed: the rules most programmes start from."""
    rules: list[Rule] = []
    if "organisation" in attributes:
        rules.append(SpreadAttribute("organisation", hard=True))
    rules += [SpreadAttribute(name) for name in ("sector", "area") if name in attributes]
    return tuple(rules)
