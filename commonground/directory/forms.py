"""Forms for organisations, people and posts, with messages that say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy

from commonground.audit.versions import VersionedForm
from commonground.lib.limits import SHORT_TEXT
from commonground.programmes.models import EnrolmentStatus

from .models import Area, Band, BandSource, Organisation, Person, Post, Sector

DUPLICATE_EMAIL = "A person with this email address already exists"
# A sector's stored value reads as plain English ("Police and justice"); its generated label
# would capitalise every word.
SECTORS = [(value, value) for value in Sector.values]


def _set_empty_label(field: forms.Field, label: str) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.empty_label = label


class OrganisationForm(VersionedForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "sector", "kind", "area", "locality"]
        labels = {"short_name": "Short name", "kind": "Kind of organisation"}
        help_texts = {"short_name": "For example: ECC"}
        error_messages = {
            "name": {
                "required": "Enter the name of the organisation",
                "unique": "An organisation with this name already exists; choose a different name",
            },
            "sector": {"required": "Select the sector"},
            "area": {"required": "Select the area"},
        }

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                "An organisation with this name already exists; choose a different name"
            )
        return name

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)
        sector.choices = _blank("Choose a sector", SECTORS)


class PersonForm(VersionedForm[Person]):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "organisation", "job_title", "band"]
        labels = {"job_title": "Job title"}
        error_messages = {
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
            "email": {
                "required": "Enter their email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_empty_label(self.fields["organisation"], "Choose an organisation")
        band = self.fields["band"]
        assert isinstance(band, forms.ChoiceField)
        band.choices = _blank("Choose a band", Band.choices)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DUPLICATE_EMAIL)
        return email


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PostForm(VersionedForm[Post]):
    class Meta:
        model = Post
        fields = ["organisation", "title", "band", "started_on", "ended_on"]
        labels = {"title": "Job title", "ended_on": "To"}
        help_texts = {"ended_on": "Leave empty if they still hold this post"}
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}
        error_messages = {
            "organisation": {"required": "Choose the organisation"},
            "title": {"required": "Enter the job title"},
            "band": {"required": "Choose the seniority band"},
            "started_on": {
                "required": "Enter the date they started",
                "invalid": "Enter the start date as a real date, like 2024-09-01",
            },
            "ended_on": {"invalid": "Enter the end date as a real date, like 2025-07-31"},
        }

    def __init__(self, *args: Any, labels: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_empty_label(self.fields["organisation"], "Choose an organisation")
        band = self.fields["band"]
        assert isinstance(band, forms.ChoiceField)
        band.choices = [("", "Choose a band"), *labels]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Staff changing the band of a post someone gave is a correction, shown as such.
        if self.instance.pk and "band" in self.changed_data:
            self.instance.band_source = BandSource.CORRECTED
        return cleaned


def _blank(label: str, choices: Any) -> list[tuple[str, str]]:
    return [("", label), *[(str(value), str(name)) for value, name in choices]]


class Lookup(forms.TextInput):
    """A text box that static/js/person-chooser.js turns into an accessible autocomplete, asking
    `source` for names as one types; without JavaScript it stays a text box, and what is typed
    filters by every word of it. It replaces a select of thousands of options."""

    template_name = "forms/widgets/lookup.html"

    def __init__(self, source: str) -> None:
        super().__init__(attrs={"data-module": "cg-lookup", "data-source": reverse_lazy(source)})


class PeopleFilterForm(forms.Form):
    """The filters of the people list; every field is optional."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=SHORT_TEXT,
        help_text="Name, email address or job title",
    )
    organisation = forms.CharField(
        required=False,
        max_length=SHORT_TEXT,
        help_text="Part of its name or short name",
        widget=Lookup("directory:organisation_names"),
    )
    sector = forms.ChoiceField(choices=_blank("Any sector", SECTORS), required=False)
    area = forms.ChoiceField(choices=_blank("Any area", Area.choices), required=False)
    cohort = forms.CharField(
        required=False,
        max_length=SHORT_TEXT,
        help_text="Part of the programme's or the cohort's name, like 2024/25",
        widget=Lookup("directory:cohort_names"),
    )
    status = forms.ChoiceField(
        label="Enrolment status",
        choices=_blank("Any status", EnrolmentStatus.choices),
        required=False,
    )


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=SHORT_TEXT, help_text="Name or short name"
    )
    sector = forms.ChoiceField(choices=_blank("Any sector", SECTORS), required=False)
    area = forms.ChoiceField(choices=_blank("Any area", Area.choices), required=False)
