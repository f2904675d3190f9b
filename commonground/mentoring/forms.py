"""Forms for volunteering as a mentor, asking for one, and choosing a mentor by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from commonground.directory.models import Person, Sector
from commonground.lib.limits import TOO_LONG, limited_text

from .models import MAX_CAPACITY, Mentor, MentoringRequest, areas


def _areas(value: str, what: str) -> str:
    found = areas(value)
    if not found:
        raise forms.ValidationError(f"Enter at least one area {what}, separated by commas.")
    if any(len(area) > 60 for area in found):
        raise forms.ValidationError(
            "Each area must be 60 characters or fewer; use commas between them."
        )
    return ", ".join(sorted(found))


class VolunteerForm(forms.ModelForm[Mentor]):
    prefers_sectors = forms.MultipleChoiceField(
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sectors you would like to mentor someone from",
        help_text="Leave these empty if you have no preference. Mentees always come from "
        "another organisation than yours.",
    )

    class Meta:
        model = Mentor
        fields = ["capacity", "expertise", "prefers_sectors", "notes", "available"]
        formfield_callback = limited_text()
        error_messages = {
            "capacity": {
                "required": "Enter how many people you could mentor at once.",
                "min_value": "You could mentor at least 1 person.",
                "max_value": f"You can mentor at most {MAX_CAPACITY} people at once.",
            },
            "expertise": {"required": "Enter what you could help with.", **TOO_LONG},
        }
        widgets = {"capacity": forms.NumberInput(attrs={"class": "govuk-input--width-2"})}

    def clean_expertise(self) -> str:
        return _areas(self.cleaned_data["expertise"], "you could help with")


class PersonChoice(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}, {obj.organisation.label if obj.organisation else 'no organisation'}"


class MentoringRequestForm(forms.ModelForm[MentoringRequest]):
    chain = PersonChoice(
        Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Do any of the programme's mentors manage you, or sit in your line management chain?",
        help_text="Tick anyone who does, so they are never your mentor. Your sponsor and "
        "colleagues in your own organisation are never matched with you anyway.",
    )

    class Meta:
        model = MentoringRequest
        fields = ["needs", "help_with", "chain"]
        formfield_callback = limited_text()
        error_messages = {
            "needs": {"required": "Enter the areas you want help with.", **TOO_LONG},
            "help_with": {"required": "Say what you would like a mentor to help you with."},
        }

    def __init__(self, *args: Any, mentors: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chain"]
        assert isinstance(field, PersonChoice)
        field.queryset = mentors

    def clean_needs(self) -> str:
        return _areas(self.cleaned_data["needs"], "you want help with")


class MentorChoiceForm(forms.Form):
    """Staff choose one mentor for a participant, or leave them unmatched."""

    mentor = forms.ChoiceField(
        label="Mentor",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a mentor, or to leave them unmatched."},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*choices, ("none", "Leave them unmatched for now")]


class NotWorkingForm(forms.Form):
    reason = forms.CharField(
        label="What is not working? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The programme team reads this; the other person is not sent it.",
        error_messages=TOO_LONG,
    )
