"""Chooses a cohort from scored applicants: the best total score within capacity and balance rules.

Pure Python with OR-Tools CP-SAT; it knows nothing of Django. Callers pass plain dataclasses
(`Candidate`, `Rule`, `Problem`) and get a `Selection` back.
"""

from .engine import (
    EACH,
    Candidate,
    Problem,
    Promotion,
    Rule,
    RuleCheck,
    Selection,
    check_rules,
    conflicting_rules,
    mix_of,
    next_to_promote,
    select,
)

__all__ = [
    "EACH",
    "Candidate",
    "Problem",
    "Promotion",
    "Rule",
    "RuleCheck",
    "Selection",
    "check_rules",
    "conflicting_rules",
    "mix_of",
    "next_to_promote",
    "select",
]
