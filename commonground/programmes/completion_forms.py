"""Forms of completion: the participants ticked, the reasons its check page asks for, and the
reason for withdrawing a completion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from commonground.lib.limits import LONG_TEXT, TOO_LONG


def _reason(label: str, required_message: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=LONG_TEXT,
        error_messages={"required": required_message, **TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChooseCompletersForm(forms.Form):
    """The participants ticked on the completion page."""

    enrolments = forms.MultipleChoiceField(
        label="Participants to confirm",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["enrolments"]
        field.choices = [(str(pk), label) for pk, label in choices]

    def ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["enrolments"]]


class CompletionReasonsForm(forms.Form):
    """On the check page: a reason for each exception, asked for only when there is one."""

    def __init__(
        self, *args: Any, short: list[str], ends_on: dt.date | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if short:
            self.fields["override_reason"] = _reason(
                "Why confirm completion for someone who does not meet the rules?",
                "Give a reason for confirming completion for someone who does not meet the "
                "rules, or go back and untick them.",
                help_text="Not meeting the rules: " + ", ".join(short),
            )
        if ends_on is not None:
            self.fields["early_reason"] = _reason(
                f"Why confirm completion before the cohort ends on {ends_on:%-d %B %Y}?",
                "Give a reason for confirming completion before the cohort ends.",
                help_text="It is kept in each participant's history",
            )

    def reason(self, name: str) -> str:
        return str(self.cleaned_data.get(name, ""))


class WithdrawCompletionForm(forms.Form):
    reason = _reason(
        "Why is the completion being withdrawn?",
        "Enter why the completion is being withdrawn.",
        help_text="It is kept in their history with the withdrawn certificate",
    )
