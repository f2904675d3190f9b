"""The grouping engine: plain data in, groups and their explanation out; no Django."""

from .challenges import Challenge, ChallengeTeams, assign_challenge_teams
from .check import RuleOutcome
from .explain import Explanation, GroupMix
from .feasibility import InfeasibleRules
from .grouping import Grouping, explain_groups, form_groups
from .mdgp import InstanceError, MdgpInstance, read_instance, write_instance
from .mixing import MixingPlan, plan_mixing, repeat_lower_bound, review_mixing
from .model import (
    BalanceNumber,
    DoNotIsolate,
    GroupSizes,
    KeepApart,
    KeepTogether,
    Participant,
    Pin,
    Progress,
    Rule,
    SolverSettings,
    SpreadAttribute,
    default_rules,
)
from .replan import Move, Replan, replan
from .solve import Solution, solve

__all__ = [
    "BalanceNumber",
    "Challenge",
    "ChallengeTeams",
    "DoNotIsolate",
    "Explanation",
    "GroupMix",
    "GroupSizes",
    "Grouping",
    "InfeasibleRules",
    "InstanceError",
    "KeepApart",
    "KeepTogether",
    "MdgpInstance",
    "MixingPlan",
    "Move",
    "Participant",
    "Pin",
    "Progress",
    "Replan",
    "Rule",
    "RuleOutcome",
    "Solution",
    "SolverSettings",
    "SpreadAttribute",
    "assign_challenge_teams",
    "default_rules",
    "explain_groups",
    "form_groups",
    "plan_mixing",
    "read_instance",
    "repeat_lower_bound",
    "replan",
    "review_mixing",
    "solve",
    "write_instance",
]
