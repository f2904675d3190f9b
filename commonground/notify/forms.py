"""A participant's choice of text reminders, with their UK mobile number."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .models import TextReminderChoice

# UK mobile numbers start 07 and have 11 digits; written internationally, +44 7 and 10 more.
UK_MOBILE = re.compile(r"(?:\+44|0044|44|0)(7\d{9})")
EXAMPLE = "07700 900 982"


def normalise_mobile(typed: str) -> str:
    """The number as +447..., or ValidationError saying what a UK mobile number looks like."""
    digits = re.sub(r"[\s\-().]", "", typed)
    # "+44 (0)7700..." is a common way of writing one.
    digits = digits.replace("+440", "+44", 1) if digits.startswith("+440") else digits
    found = UK_MOBILE.fullmatch(digits)
    if found is None:
        raise ValidationError(
            f"Enter a UK mobile number, like {EXAMPLE} or +44 7700 900 982", code="invalid"
        )
    return "+44" + found.group(1)


class TextReminderForm(forms.ModelForm[TextReminderChoice]):
    # Longer than the stored +447... so that spaces and "+44 (0)" fit while typing.
    mobile = forms.CharField(
        label="UK mobile number",
        max_length=30,
        required=False,
        help_text=f"For example, {EXAMPLE}",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    class Meta:
        model = TextReminderChoice
        fields = ["mobile", "remind_day_before"]
        labels = {"remind_day_before": "Text me a reminder the day before a cohort day"}

    def clean_mobile(self) -> str:
        typed: str = self.cleaned_data["mobile"].strip()
        return normalise_mobile(typed) if typed else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("remind_day_before") and not cleaned.get("mobile") and not self.errors:
            self.add_error("mobile", "Enter your mobile number to get text reminders")
        return cleaned
