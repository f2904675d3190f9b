"""Forms for running the year: copying a calendar, check-in, apologies, completion, messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from commonground.audit.versions import VersionedForm
from commonground.lib.limits import LONG_TEXT, TOO_LONG

from .models import Cohort, CompletionRules, Enrolment


class CopyCalendarForm(forms.Form):
    source = forms.ModelChoiceField(
        Cohort.objects.none(),
        label="Copy the activities of",
        empty_label="Choose a cohort",
        help_text="Dates move by the difference of the start dates, in whole weeks, so "
        "activities stay on the same day of the week.",
        error_messages={"required": "Choose the cohort to copy activities from."},
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["source"]
        field.queryset = Cohort.objects.filter(programme_id=cohort.programme_id).exclude(
            pk=cohort.pk
        )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="Check-in code",
        max_length=20,
        help_text="The 6 letters and numbers shown in the room, for example 3KX7QA",
        error_messages={"required": "Enter the 6-character code shown in the room."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class ApologiesForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=500,
        help_text="Programme staff see this; you do not have to give one",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompletionRulesForm(VersionedForm[CompletionRules]):
    minimum_attendance = forms.IntegerField(
        label="Minimum attendance (%)",
        min_value=0,
        max_value=100,
        help_text="The share of counted activities a participant must attend, like 80",
        error_messages={
            "required": "Enter the minimum attendance as a percentage, like 80.",
            "min_value": "Enter a percentage from 0 to 100.",
            "max_value": "Enter a percentage from 0 to 100.",
            "invalid": "Enter the minimum attendance as a whole number, like 80.",
        },
    )

    class Meta:
        model = CompletionRules
        fields = ["commitment", "minimum_attendance", "challenge_presented", "end_survey_answered"]
        error_messages = {"commitment": {"required": "Describe what participants commit to."}}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are they withdrawing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT,
        error_messages={"required": "Enter why they are withdrawing.", **TOO_LONG},
    )


class DeferForm(forms.Form):
    cohort = forms.ModelChoiceField(
        Cohort.objects.none(),
        label="Defer to",
        empty_label="Choose a later cohort",
        error_messages={"required": "Choose the cohort they will join."},
    )

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["cohort"]
        field.queryset = Cohort.objects.filter(
            programme_id=enrolment.cohort.programme_id,
            starts_on__gt=enrolment.cohort.starts_on,
        ).order_by("starts_on")


class MessageForm(forms.Form):
    subject = forms.CharField(
        max_length=200, error_messages={"required": "Enter the message's subject."}
    )
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=LONG_TEXT,
        error_messages={"required": "Enter the message.", **TOO_LONG},
    )
    audience = forms.ChoiceField(
        label="Send to",
        choices=[
            ("all", "The whole cohort"),
            ("team", "One challenge team, chosen below"),
            ("group", "One learning set, chosen below"),
            ("chosen", "The participants I choose below"),
        ],
        initial="all",
        widget=forms.RadioSelect,
    )
    team = forms.ChoiceField(
        label="Challenge team",
        required=False,
        help_text="When sending to one challenge team",
        error_messages={"invalid_choice": "Choose one of the cohort's challenge teams."},
    )
    group = forms.ChoiceField(
        label="Learning set",
        required=False,
        help_text="When sending to one learning set, of a published grouping",
        error_messages={"invalid_choice": "Choose one of the cohort's published learning sets."},
    )
    recipients = forms.MultipleChoiceField(
        label="Participants", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[int, str]],
        teams: Sequence[tuple[int, str]] = (),
        groups: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["recipients"]
        field.choices = [(str(pk), label) for pk, label in choices]
        team: Any = self.fields["team"]
        team.choices = [("", "Choose a team"), *((str(pk), label) for pk, label in teams)]
        group: Any = self.fields["group"]
        group.choices = [("", "Choose a learning set"), *((str(pk), label) for pk, label in groups)]
        audience: Any = self.fields["audience"]
        audience.choices = [
            (value, label)
            for value, label in audience.choices
            if (value != "team" or teams) and (value != "group" or groups)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        audience = data.get("audience")
        if audience == "chosen" and not data.get("recipients"):
            self.add_error(
                "recipients", "Choose at least one participant, or send to the whole cohort."
            )
        if audience == "team" and not data.get("team"):
            self.add_error("team", "Choose the challenge team to send the message to.")
        if audience == "group" and not data.get("group"):
            self.add_error("group", "Choose the learning set to send the message to.")
        return data
