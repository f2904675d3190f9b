"""The upload form: the file of participants and the cohort they belong to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Count

from commonground.programmes.models import Cohort, CohortStatus, Programme

from .parsing import MAX_BYTES
from .validation import CohortFields, max_length, participants

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class CohortImportForm(forms.Form):
    file = forms.FileField(
        label="File of participants",
        help_text="A CSV file saved as UTF-8, or an XLSX spreadsheet (first sheet), up to 2 MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={
            "required": "Choose the CSV or XLSX file to import",
            "empty": "The file is empty; choose a file with a row for each participant",
        },
    )
    name = forms.CharField(
        label="Cohort name",
        max_length=max_length(Cohort, "name"),
        help_text="For example: 2018/19",
        error_messages={"required": "Enter the cohort's name, for example 2018/19"},
    )
    starts_on = forms.DateField(
        label="Start date",
        widget=DATE,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the cohort's start date",
            "invalid": "Enter the start date as a real date, like 2018-09-01",
        },
    )
    ends_on = forms.DateField(
        label="End date",
        widget=DATE,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the cohort's end date",
            "invalid": "Enter the end date as a real date, like 2019-07-31",
        },
    )
    capacity = forms.IntegerField(
        min_value=1,
        initial=50,
        help_text="How many places the cohort had",
        error_messages={
            "required": "Enter how many places the cohort had",
            "min_value": "Capacity must be at least 1",
            "invalid": "Enter capacity as a whole number, like 48",
        },
    )
    status = forms.ChoiceField(
        label="Cohort status",
        choices=CohortStatus.choices,
        initial=CohortStatus.COMPLETED,
        error_messages={"required": "Choose the cohort's status"},
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 2 MB; split it, or remove columns this import does not use"
            )
        return upload

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        cohort = (
            Cohort.objects.filter(programme=self.programme, name=name)
            .annotate(enrolled=Count("enrolments"))
            .first()
        )
        if cohort is not None and cohort.enrolled:
            raise forms.ValidationError(
                f"Cohort {name} already has {participants(cohort.enrolled)}; "
                "choose a new name, or import into a cohort with nobody enrolled yet"
            )
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on: dt.date | None = cleaned.get("starts_on")
        ends_on: dt.date | None = cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be on or after the start date")
        return cleaned

    def cohort_fields(self) -> CohortFields:
        data = self.cleaned_data
        return CohortFields(
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            capacity=data["capacity"],
            status=data["status"],
        )
