"""A participant's progress towards completion, in the words they read on their home and cohort
pages: one sentence for attendance, and each rule as met, missed or not yet.

A rule is "met" once it is met; "missed" only once it is due (the cohort has ended, or for
attendance every counted session has been held) and not met; before that it is "not yet",
never a red "not met" in November for something due in July.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from django.utils import timezone
from django.utils.formats import date_format

from commonground.lib.words import plural

from .commitment import Standing
from .completion import Progress


class RuleState(Enum):
    MET = ("Met", "govuk-tag--green")
    MISSED = ("Missed", "govuk-tag--red")
    NOT_YET = ("Not yet", "govuk-tag--grey")

    def __init__(self, label: str, tag: str) -> None:
        self.label = label
        self.tag = tag


@dataclass(frozen=True)
class RuleLine:
    rule: str
    state: RuleState
    detail: str


def _by(ends_on: dt.date) -> str:
    return date_format(ends_on, "F Y")


def attendance_sentence(standing: Standing, ends_on: dt.date) -> str:
    """ "You have attended 3 of the 4 sessions so far; to complete, attend at least 11 of 13
    by July 2027." """
    counted, held, attended, needed = (
        standing.counted,
        standing.held,
        standing.attended,
        standing.needed,
    )
    if not counted:
        return "No sessions that count towards completion are planned yet."
    if held:
        so_far = (
            f"You have attended {attended} of the {held} {plural(held, 'session')} so far"
            if held < counted
            else f"You attended {attended} of the {held} {plural(held, 'session')}"
        )
    else:
        so_far = "No sessions have been held yet"
    if attended >= needed:
        return f"{so_far}: you have attended the {needed} of {counted} that completion asks for."
    sentence = f"{so_far}; to complete, attend at least {needed} of {counted} by {_by(ends_on)}"
    to_come = counted - held
    if standing.best_possible < needed and to_come:
        sentence += (
            f". Even attending all {to_come} still to come would make {standing.best_possible}: "
            "talk to the programme team"
        )
    elif standing.best_possible < needed:
        sentence += f". You attended {attended}, fewer than the {needed} needed"
    return sentence + "."


def rule_lines(progress: Progress, today: dt.date | None = None) -> list[RuleLine]:
    """Each completion rule for this participant, as they read it on `today`."""
    today = today or timezone.localdate()
    standing = progress.standing
    cohort = progress.enrolment.cohort
    ended = today > cohort.ends_on
    lines = []
    # The first result is always attendance (completion builds it first), the rest measures.
    _attendance, *measures = progress.results
    if standing.counted and standing.attended >= standing.needed:
        state = RuleState.MET
    elif standing.counted and (ended or standing.held >= standing.counted):
        state = RuleState.MISSED
    else:
        state = RuleState.NOT_YET
    lines.append(
        RuleLine(
            f"Attend at least {standing.minimum}% of the sessions that count",
            state,
            attendance_sentence(standing, cohort.ends_on),
        )
    )
    for result in measures:
        if result.met:
            state = RuleState.MET
        elif ended:
            state = RuleState.MISSED
        else:
            state = RuleState.NOT_YET
        detail = result.detail
        if state is RuleState.NOT_YET:
            detail = f"{detail} It is due by {date_format(cohort.ends_on, 'j F Y')}."
        lines.append(RuleLine(result.rule, state, detail))
    return lines


def sponsor_sentence(standing: Standing) -> str:
    """The same measure in the third person, for the participant's sponsor."""
    if not standing.counted:
        return "No sessions that count towards completion are planned yet."
    needs = f"completion asks for {standing.needed} of {standing.counted}"
    if not standing.held:
        return f"No sessions held yet; {needs}."
    return (
        f"Attended {standing.attended} of the {standing.held} "
        f"{plural(standing.held, 'session')} so far; {needs}."
    )
