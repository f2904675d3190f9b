"""Whether a grouping meets each rule, with a reason a member of staff can read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from commonground.lib.words import count_of, plural

from .distance import is_numeric, numbers
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
from .rules import who


@dataclass(frozen=True)
class RuleOutcome:
    """One rule, whether it was met, and why."""

    rule: str
    hard: bool
    met: bool
    reason: str


def check_rules(
    rules: Sequence[Rule], participants: Sequence[Participant], groups: Sequence[Sequence[int]]
) -> tuple[RuleOutcome, ...]:
    return tuple(
        RuleOutcome(rule.describe(), rule.hard, *_check(rule, participants, groups))
        for rule in rules
    )


def _check(
    rule: Rule, participants: Sequence[Participant], groups: Sequence[Sequence[int]]
) -> tuple[bool, str]:
    ids = [p.id for p in participants]
    group_of = {ids[i]: number for number, members in enumerate(groups, start=1) for i in members}
    match rule:
        case SpreadAttribute():
            return _spread(rule, participants, groups)
        case DoNotIsolate(attribute=attribute, value=value):
            alone = [
                f"group {number} has only {ids[flagged[0]]}"
                for number, members in enumerate(groups, start=1)
                if len(
                    flagged := [
                        i for i in members if str(participants[i].value(attribute)) == value
                    ]
                )
                == 1
            ]
            if alone:
                return False, f"{'; '.join(alone)} {who(attribute, value)}"
            return True, f"everyone {who(attribute, value)} has at least one other in their group"
        case BalanceNumber():
            return _balance(rule, participants, groups)
        case KeepApart(people=people):
            shared = Counter(group_of[person] for person in people)
            clashes = [str(g) for g, times in sorted(shared.items()) if times > 1]
            if clashes:
                return False, f"some of them share {plural(len(clashes), 'group')} " + ", ".join(
                    clashes
                )
            return True, "each is in a different group"
        case KeepTogether(people=people):
            places = sorted({group_of[person] for person in people})
            if len(places) > 1:
                return False, f"they are split over groups {', '.join(map(str, places))}"
            return True, f"all in group {places[0]}"
        case Pin(person=person, group=group):
            if group_of[person] == group:
                return True, f"in group {group} as placed"
            return False, f"placed in group {group_of[person]}, not {group}"


def _spread(
    rule: SpreadAttribute, participants: Sequence[Participant], groups: Sequence[Sequence[int]]
) -> tuple[bool, str]:
    counts = [
        Counter(str(participants[i].value(rule.attribute)) for i in members) for members in groups
    ]
    if rule.hard:
        clashes = [
            f"group {number} has {count_of(times, 'person')} {who(rule.attribute, value)}"
            for number, counter in enumerate(counts, start=1)
            for value, times in counter.items()
            if times > 1
        ]
        if clashes:
            return False, "; ".join(clashes)
        return True, f"every group has at most one person per {rule.attribute}"
    values = sorted({value for counter in counts for value in counter})
    uneven = [
        f"{value}: {min(c[value] for c in counts)} to "
        f"{count_of(max(c[value] for c in counts), 'person')} per group"
        for value in values
        if max(c[value] for c in counts) - min(c[value] for c in counts) > 1
    ]
    if uneven:
        return False, "uneven: " + "; ".join(uneven)
    return True, f"each {rule.attribute} differs by at most one between groups"


def _balance(
    rule: BalanceNumber, participants: Sequence[Participant], groups: Sequence[Sequence[int]]
) -> tuple[bool, str]:
    if not is_numeric(participants, rule.attribute):
        return False, f"{rule.attribute} is not a number for everyone"
    values = numbers(participants, rule.attribute)
    means = [float(values[list(members)].mean()) for members in groups if members]
    overall = float(values.mean())
    summary = f"group means {min(means):.2f} to {max(means):.2f} around the cohort's {overall:.2f}"
    if rule.tolerance is None:
        return True, summary
    furthest = max(abs(mean - overall) for mean in means)
    return bool(furthest <= rule.tolerance + 1e-9), f"{summary}; furthest {furthest:.2f} away"
