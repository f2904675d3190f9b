"""Completion rules measured by the apps that hold the record: who presented, who answered.

Programmes sits below challenges and evaluation, so it never imports them. Each of those apps
registers its measure here from its `AppConfig.ready()`, named after the `CompletionRules`
switch that turns the rule on for a programme; completion then asks every switched-on measure
which enrolments of a cohort meet it. A switch with no measure, a measure for a switch that
does not exist, or two measures for one switch stop the site at start-up rather than showing
a rule nobody checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.checks import CheckMessage, Error
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models

from .models import Cohort, CompletionRules


@dataclass(frozen=True)
class Measure:
    """One completion rule another app answers, in the words the participant reads."""

    switch: str  # the CompletionRules field that turns this rule on
    rule: str
    met_by: Callable[[Cohort], Iterable[int]]  # the cohort's enrolment ids that meet it
    met: str
    not_met: str


_measures: dict[str, Measure] = {}


def _switches() -> list[str]:
    return [
        field.name
        for field in CompletionRules._meta.get_fields()
        if isinstance(field, models.BooleanField)
    ]


def register(measure: Measure) -> None:
    if measure.switch in _measures:
        raise ImproperlyConfigured(
            f"A completion measure for {measure.switch!r} is already registered: "
            f"{_measures[measure.switch].rule!r}."
        )
    try:
        field = CompletionRules._meta.get_field(measure.switch)
    except FieldDoesNotExist:
        field = None
    if not isinstance(field, models.BooleanField):
        raise ImproperlyConfigured(
            f"{measure.rule!r} is measured for {measure.switch!r}, which is not a switch of "
            "the completion rules."
        )
    _measures[measure.switch] = measure


def registered() -> list[Measure]:
    """Every measure, in the order the completion rules list their switches."""
    return [_measures[switch] for switch in _switches() if switch in _measures]


def switched_on(rules: CompletionRules) -> list[Measure]:
    return [measure for measure in registered() if getattr(rules, measure.switch)]


def check_every_switch_is_measured(**kwargs: Any) -> list[CheckMessage]:
    return [
        Error(
            f"The completion rule {switch!r} has no measure registered.",
            hint="Register one with commonground.programmes.measures.register() from the "
            "AppConfig.ready() of the app that records it.",
            obj=CompletionRules,
            id="programmes.E001",
        )
        for switch in _switches()
        if switch not in _measures
    ]
