"""Forms for programmes, cohorts, enrolments, activities and the register."""

from __future__ import annotations

from typing import Any

from django import forms

from commonground.audit.versions import VersionedForm
from commonground.directory.models import Person
from commonground.lib.limits import limited_text

from .dates import OUT_OF_RANGE, in_range
from .models import (
    Activity,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

OWN_SPONSOR = "A participant cannot be their own sponsor. Choose someone else."
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Browsers send datetime-local as 2026-09-14T09:30; the field reads it as London time.
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _dates_in_range(form: forms.BaseForm, data: dict[str, Any], *names: str) -> list[Any]:
    """The named dates, with any outside 2000 to 2100 marked as errors and left out (None)."""
    values = []
    for name in names:
        value = data.get(name)
        if value is not None and not in_range(value):
            form.add_error(name, OUT_OF_RANGE)
            value = None
        values.append(value)
    return values


def person_label(person: Person) -> str:
    """A person as a chooser lists them: name, organisation and email, so namesakes differ."""
    organisation = f", {person.organisation.label}" if person.organisation else ""
    return f"{person.name}{organisation} ({person.email})"


class PersonChooser(forms.Select):
    """A select of people that static/js/person-chooser.js turns into an accessible
    autocomplete; without JavaScript it stays a select, and the select is what the form sends."""

    template_name = "forms/widgets/person_chooser.html"

    def __init__(
        self, hint: str = "Type part of their name, then choose them from the list"
    ) -> None:
        super().__init__(attrs={"data-module": "cg-person-chooser", "data-chooser-hint": hint})


class PeopleChooser(forms.SelectMultiple):
    """Several people: with JavaScript, an autocomplete to add each and a list to remove them."""

    template_name = "forms/widgets/person_chooser.html"

    def __init__(self, hint: str) -> None:
        super().__init__(attrs={"data-module": "cg-person-chooser", "data-chooser-hint": hint})


class PersonField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


class PeopleField(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


def _people() -> PersonField:
    return PersonField(
        Person.objects.select_related("organisation"),
        empty_label="Choose a person",
        widget=PersonChooser(),
        error_messages={"required": "Choose the person to enrol."},
    )


def _sponsor() -> PersonField:
    return PersonField(
        Person.objects.select_related("organisation"),
        required=False,
        empty_label="No sponsor yet",
        widget=PersonChooser(
            "The senior leader who supports them. Type part of their name, then choose them "
            "from the list"
        ),
        help_text="The senior leader who supports them",
    )


class ProgrammeForm(VersionedForm[Programme]):
    class Meta:
        model = Programme
        formfield_callback = limited_text()
        fields = ["name", "description"]
        error_messages = {"name": {"required": "Enter the programme's name."}}


class CohortForm(VersionedForm[Cohort]):
    capacity = forms.IntegerField(
        min_value=1,
        help_text="How many places the cohort has",
        error_messages={
            "required": "Enter how many places the cohort has.",
            "min_value": "Capacity must be at least 1.",
            "invalid": "Enter capacity as a whole number, like 48.",
        },
    )

    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "capacity", "status"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        error_messages = {
            "name": {"required": "Enter the cohort's name, for example 2026/27."},
            "starts_on": {
                "required": "Enter the start date.",
                "invalid": "Enter the start date as a real date.",
            },
            "ends_on": {
                "required": "Enter the end date.",
                "invalid": "Enter the end date as a real date.",
            },
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = _dates_in_range(self, data, "starts_on", "ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The end date must be after the start date.")
        name = data.get("name")
        clash = Cohort.objects.filter(programme=self.instance.programme, name=name)
        if name and clash.exclude(pk=self.instance.pk).exists():
            self.add_error("name", f"This programme already has a cohort called {name}.")
        return data


class EnrolmentForm(forms.Form):
    person = _people()
    status = forms.ChoiceField(
        choices=EnrolmentStatus.choices, initial=EnrolmentStatus.ACTIVE, widget=forms.RadioSelect
    )
    enrolled_on = forms.DateField(
        label="Enrolled on",
        widget=DATE,
        error_messages={
            "required": "Enter the date they enrolled.",
            "invalid": "Enter the date they enrolled as a real date.",
        },
    )
    sponsor = _sponsor()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, sponsor = data.get("person"), data.get("sponsor")
        if person and sponsor and person.pk == sponsor.pk:
            self.add_error(
                "sponsor", "A participant cannot be their own sponsor. Choose someone else."
            )
        return data


class EnrolmentChangeForm(forms.Form):
    status = forms.ChoiceField(choices=EnrolmentStatus.choices, widget=forms.RadioSelect)
    left_on = forms.DateField(
        label="Date they left",
        required=False,
        widget=DATE,
        help_text="When they completed, withdrew or deferred",
        error_messages={"invalid": "Enter the date they left as a real date."},
    )
    sponsor = _sponsor()

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enrolment = enrolment

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status, left_on = data.get("status"), data.get("left_on")
        if status and status != EnrolmentStatus.ACTIVE and left_on is None:
            if "left_on" not in self.errors:
                self.add_error("left_on", "Enter the date they completed, withdrew or deferred.")
        elif left_on and left_on < self.enrolment.enrolled_on:
            enrolled = f"{self.enrolment.enrolled_on:%-d %B %Y}"
            self.add_error("left_on", f"The date they left must be on or after {enrolled}.")
        sponsor = data.get("sponsor")
        if sponsor and sponsor.pk == self.enrolment.person_id:
            self.add_error(
                "sponsor", "A participant cannot be their own sponsor. Choose someone else."
            )
        return data


class ActivityForm(VersionedForm[Activity]):
    online_link = forms.URLField(
        label="Online link",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="The meeting link for joining online, starting https://; it goes into "
        "participants' calendar invitations",
        error_messages={"invalid": "Enter the online link as a web address, like https://…"},
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "facilitators",
            "counts_towards_completion",
        ]
        labels = {"starts_at": "Starts", "ends_at": "Ends"}
        help_texts = {
            "starts_at": "UK time",
            "ends_at": "UK time",
            "place": "The address, for activities in person",
            "facilitators": "Hold Ctrl (or Cmd on a Mac) to choose more than one",
            "counts_towards_completion": "Attendance here counts towards completing the programme",
        }
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        error_messages = {
            "kind": {"required": "Choose what kind of activity this is."},
            "title": {"required": "Enter the activity's title."},
            "starts_at": {
                "required": "Enter when it starts.",
                "invalid": "Enter when it starts as a date and time.",
            },
            "ends_at": {
                "required": "Enter when it ends.",
                "invalid": "Enter when it ends as a date and time.",
            },
        }

    audience = forms.ChoiceField(
        label="Who is it for?",
        required=False,
        help_text="The whole cohort, or one learning set (of a published grouping) or "
        "challenge team: then only its members see it, are on its register and have it "
        "counted",
        error_messages={"invalid_choice": "Choose the whole cohort, or one of the groups listed."},
    )

    field_order = [
        "kind",
        "title",
        "audience",
        "starts_at",
        "ends_at",
        "place",
        "online_link",
        "facilitators",
        "counts_towards_completion",
    ]

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.cohort = cohort
        self.fields["facilitators"] = PeopleField(
            Person.objects.select_related("organisation"),
            required=False,
            label=self.fields["facilitators"].label,
            help_text=self.fields["facilitators"].help_text,
            widget=PeopleChooser(
                "Type part of a name, then choose them from the list; add as many as you need"
            ),
        )
        from .audiences import cohort_teams, group_label, published_groups

        self._groups = {f"group:{group.pk}": group for group in published_groups(cohort)}
        self._teams = {f"team:{team.pk}": team for team in cohort_teams(cohort)}
        choices: list[Any] = [("", "The whole cohort")]
        if self._groups:
            choices.append(
                (
                    "Learning sets",
                    [(key, group_label(group)) for key, group in self._groups.items()],
                )
            )
        if self._teams:
            choices.append(
                ("Challenge teams", [(key, team.name) for key, team in self._teams.items()])
            )
        audience: Any = self.fields["audience"]
        audience.choices = choices
        if self.instance.group_id:
            self.initial.setdefault("audience", f"group:{self.instance.group_id}")
        elif self.instance.team_id:
            self.initial.setdefault("audience", f"team:{self.instance.team_id}")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = _dates_in_range(self, data, "starts_at", "ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end must be after the start.")
        chosen = data.get("audience") or ""
        self.instance.group = self._groups.get(chosen)
        self.instance.team = self._teams.get(chosen)
        return data


class RegisterForm(forms.Form):
    """One row of radios per enrolment: present, late, apologies or absent."""

    statuses = AttendanceStatus.choices

    def __init__(
        self, *args: Any, enrolments: list[Enrolment], marks: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            person = enrolment.person
            organisation = f", {person.organisation.label}" if person.organisation else ""
            field = forms.ChoiceField(
                label=f"{person.name}{organisation}",
                choices=AttendanceStatus.choices,
                required=False,
                initial=marks.get(enrolment.pk),
                widget=forms.RadioSelect,
            )
            # The register shows the name and the organisation apart, on one compact row.
            field.person_name = person.name  # type: ignore[attr-defined]
            field.organisation = person.organisation.label if person.organisation else ""  # type: ignore[attr-defined]
            self.fields[f"mark-{enrolment.pk}"] = field

    def marks(self, everyone_present: bool = False) -> dict[int, str]:
        """The rows that were marked, enrolment id to status; with `everyone_present`, everyone
        not marked is marked present."""
        chosen = {
            enrolment.pk: self.cleaned_data[f"mark-{enrolment.pk}"]
            for enrolment in self.enrolments
            if self.cleaned_data.get(f"mark-{enrolment.pk}")
        }
        if everyone_present:
            for enrolment in self.enrolments:
                chosen.setdefault(enrolment.pk, AttendanceStatus.PRESENT)
        return chosen
