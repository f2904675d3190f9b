"""The form staff fill in when a person asks to have their data erased."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .models import ErasureRequest


class ErasureRequestForm(forms.ModelForm[ErasureRequest]):
    class Meta:
        model = ErasureRequest
        fields = ["received_on", "how"]
        error_messages = {
            "received_on": {"required": "Enter the date the request was received"},
            "how": {"required": "Say how the request was made, for example by email to the team"},
        }

    def clean_received_on(self) -> object:
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError("The date the request was received must be in the past")
        return received_on
