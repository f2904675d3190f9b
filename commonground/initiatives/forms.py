"""Forms for initiatives, their indicators and values, stories and the consent of those named."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from commonground.audit.versions import VersionedForm
from commonground.challenges.models import Challenge
from commonground.directory.models import Organisation, Person
from commonground.lib.limits import SHORT_TEXT, limited_text
from commonground.programmes.models import EnrolmentStatus, Programme

from .imports import MAX_BYTES
from .models import Consent, Indicator, IndicatorValue, Initiative, NamedPerson, Story

CHOOSE_MANY = "Hold Ctrl (or Cmd on a Mac) to choose more than one"
MOST_NAMED = 20


class PeopleField(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}, {obj.organisation.label if obj.organisation else 'no organisation'}"


def programme_people(programme: Programme) -> QuerySet[Person]:
    """The people who may be involved: the programme's participants and alumni."""
    return (
        Person.objects.filter(
            enrolments__cohort__programme=programme,
            enrolments__status__in=EnrolmentStatus.TAKING_A_PLACE,
        )
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class InitiativeForm(VersionedForm[Initiative]):
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.all(),
        required=False,
        label="Organisations involved",
        help_text=CHOOSE_MANY,
    )
    challenges = forms.ModelMultipleChoiceField(
        Challenge.objects.none(),
        required=False,
        label="100-day challenges that led to it",
        help_text=CHOOSE_MANY,
    )
    leads = PeopleField(
        Person.objects.none(),
        required=False,
        label="Alumni and participants who lead it",
        help_text=CHOOSE_MANY,
    )
    take_part = PeopleField(
        Person.objects.none(),
        required=False,
        label="Alumni and participants who take part",
        help_text=CHOOSE_MANY,
    )

    class Meta:
        model = Initiative
        formfield_callback = limited_text()
        fields = ["title", "summary", "started_on", "status", "organisations", "challenges"]
        error_messages = {
            "title": {"required": "Enter the initiative's name"},
            "summary": {"required": "Say what the initiative does and what it set out to change"},
            "started_on": {"required": "Enter the date the initiative started"},
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        people = programme_people(programme)
        self.fields["leads"].queryset = people  # type: ignore[attr-defined]
        self.fields["take_part"].queryset = people  # type: ignore[attr-defined]
        self.fields["challenges"].queryset = Challenge.objects.filter(  # type: ignore[attr-defined]
            programme=programme
        ).select_related("cohort")
        if self.instance.pk is not None:
            roles = dict(self.instance.involvements.values_list("person_id", "role"))
            self.fields["leads"].initial = [pk for pk, role in roles.items() if role == "leads"]
            self.fields["take_part"].initial = [
                pk for pk, role in roles.items() if role == "takes_part"
            ]

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        clash = Initiative.objects.filter(programme=self.instance.programme, title__iexact=title)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{self.instance.programme} already has “{title}”")
        return title

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        both = set(cleaned.get("leads") or []) & set(cleaned.get("take_part") or [])
        if both:
            names = ", ".join(sorted(person.name for person in both))
            self.add_error(
                "take_part", f"Choose each person once, as leading or taking part: {names}"
            )
        return cleaned


class IndicatorForm(forms.ModelForm[Indicator]):
    class Meta:
        model = Indicator
        formfield_callback = limited_text()
        fields = ["name", "unit", "definition", "higher_is_better"]
        error_messages = {
            "name": {"required": "Enter the indicator's name"},
            "unit": {"required": "Say what one value counts, for example referrals"},
            "definition": {"required": "Say what is counted, from which source, how often"},
        }

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.initiative = initiative

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Indicator.objects.filter(initiative=self.instance.initiative, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"This initiative already has an indicator “{name}”")
        return name


class ValueForm(forms.ModelForm[IndicatorValue]):
    value = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter the value",
            "invalid": "Enter the value as a number, like 42 or 12.5",
            "max_decimal_places": "Enter the value with at most 2 decimal places",
            "max_digits": "Enter a value below 10,000,000,000",
            "max_whole_digits": "Enter a value below 10,000,000,000",
        },
    )

    class Meta:
        model = IndicatorValue
        fields = ["period_end", "value", "note"]
        help_texts = {
            "period_end": "The last day of the period the value covers, such as 30 6 2025",
            "note": "Optional: where the figure came from, or what affected it",
        }
        error_messages = {"period_end": {"required": "Enter the last day of the period"}}

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator

    def validate_unique(self) -> None:
        """The clash is said in the programme's words, on the date's own box."""
        period_end = self.cleaned_data.get("period_end")
        values = IndicatorValue.objects.filter(indicator=self.instance.indicator)
        if period_end and values.filter(period_end=period_end).exclude(pk=self.instance.pk):
            self.add_error(
                "period_end",
                f"There is already a value for the period ending {period_end:%-d %B %Y}; "
                "change that one instead",
            )


class ValuesImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file of values",
        help_text="Columns period_end, value and (optionally) note; a CSV file saved as UTF-8",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Choose the CSV file to import",
            "empty": "The file is empty; choose a file with a row for each period",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB; split it into smaller files")
        return upload


class StoryForm(forms.ModelForm[Story]):
    named = forms.CharField(
        label="People named in the story",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One name a line. The story is used in reports only once each of them agrees",
    )

    class Meta:
        model = Story
        formfield_callback = limited_text()
        fields = ["title", "what_changed", "for_whom", "evidence"]
        error_messages = {
            "title": {"required": "Give the story a title"},
            "what_changed": {"required": "Say what changed"},
            "for_whom": {"required": "Say who it changed things for"},
            "evidence": {"required": "Say how we know: figures, feedback or documents"},
        }

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.initiative = initiative
        if self.instance.pk is not None:
            self.fields["named"].initial = "\n".join(
                p.name for p in self.instance.named_people.all()
            )

    def clean_named(self) -> list[str]:
        names: list[str] = []
        for line in self.cleaned_data["named"].splitlines():
            name = " ".join(line.split())
            if not name:
                continue
            if len(name) > SHORT_TEXT:
                raise forms.ValidationError(f"A name must be {SHORT_TEXT} characters or fewer")
            if name.lower() not in (n.lower() for n in names):
                names.append(name)
        if len(names) > MOST_NAMED:
            raise forms.ValidationError(f"Name at most {MOST_NAMED} people in one story")
        return names


class ConsentForm(forms.Form):
    """One choice for each person the story names."""

    def __init__(self, *args: Any, named: list[NamedPerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.named = named
        for person in named:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.name,
                choices=Consent.choices,
                initial=person.consent,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose whether {person.name} agreed"},
            )

    def choices(self) -> dict[int, str]:
        return {person.pk: self.cleaned_data[f"person_{person.pk}"] for person in self.named}
