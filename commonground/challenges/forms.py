"""Forms for challenges, rankings, teams, milestones, updates, links and showcases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify

from commonground.directory.models import Band, Organisation, Person
from commonground.lib.limits import limited_text
from commonground.programmes.models import Cohort, CohortStatus, Enrolment, Programme

from .models import Challenge, ChallengeStatus, LinkKind, Milestone, Showcase, Theme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        where = obj.organisation.label if obj.organisation else "no organisation"
        senior = " (chief officer)" if obj.band == Band.CHIEF_OFFICER else ""
        return f"{obj.name}, {where}{senior}"


class ChallengeForm(forms.ModelForm[Challenge]):
    owner = PersonChoiceField(
        Person.objects.select_related("organisation").order_by("last_name", "first_name", "pk"),
        required=False,
        label="Owner",
        empty_label="No owner yet",
        help_text="The senior sponsor who owns the challenge and hears the showcase",
    )
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.all(),
        required=False,
        label="Organisations involved",
        help_text="Hold Ctrl (or Cmd on a Mac) to choose more than one",
    )
    capacity = forms.IntegerField(
        label="Largest team",
        min_value=1,
        max_value=20,
        initial=6,
        help_text="The most people one team can take",
        error_messages={
            "required": "Enter the largest team size.",
            "min_value": "The largest team must be at least 1 person.",
            "max_value": "The largest team can be at most 20 people.",
            "invalid": "Enter the largest team size as a whole number, like 6.",
        },
    )
    minimum = forms.IntegerField(
        label="Smallest team",
        min_value=1,
        max_value=20,
        initial=3,
        help_text="The fewest people a team needs",
        error_messages={
            "required": "Enter the smallest team size.",
            "min_value": "The smallest team must be at least 1 person.",
            "max_value": "The smallest team can be at most 20 people.",
            "invalid": "Enter the smallest team size as a whole number, like 3.",
        },
    )

    class Meta:
        model = Challenge
        formfield_callback = limited_text()
        fields = [
            "title",
            "problem_statement",
            "theme",
            "owner",
            "organisations",
            "capacity",
            "minimum",
            "status",
            "outcomes",
        ]
        help_texts = {
            "problem_statement": "What is the problem, for whom, and why no one organisation "
            "can solve it alone",
        }
        error_messages = {
            "title": {"required": "Enter the challenge's title."},
            "problem_statement": {"required": "Enter the problem statement."},
            "theme": {"required": "Choose the challenge's theme."},
        }

    def __init__(
        self, *args: Any, programme: Programme, cohort: Cohort | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        if self.instance.pk is None:
            self.instance.cohort = cohort

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        capacity, minimum = data.get("capacity"), data.get("minimum")
        if capacity and minimum and minimum > capacity:
            self.add_error("minimum", "The smallest team cannot be larger than the largest team.")
        title = data.get("title")
        if title:
            slug = slugify(title)[:200] or "challenge"
            same = Challenge.objects.filter(slug=slug).exclude(pk=self.instance.pk)
            if self.instance.cohort_id:
                same = same.filter(cohort_id=self.instance.cohort_id)
            else:
                same = same.filter(programme=self.instance.programme, cohort__isnull=True)
            if same.exists():
                self.add_error(
                    "title", "There is already a challenge with this title. Choose another."
                )
            self.instance.slug = slug
        return data


class RankingForm(forms.Form):
    """A participant's top choices among the open challenges of their cohort."""

    def __init__(self, *args: Any, challenges: list[Challenge], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.challenges = {c.pk: c for c in challenges}
        self.choices_needed = min(3, len(challenges))
        options = [("", "Choose a challenge"), *((str(c.pk), c.title) for c in challenges)]
        for index in range(self.choices_needed):
            ordinal = ORDINALS[index]
            self.fields[f"choice_{index + 1}"] = forms.TypedChoiceField(
                label=f"{ordinal} choice",
                choices=options,
                coerce=int,
                error_messages={
                    "required": f"Choose your {ordinal.lower()} choice.",
                    "invalid_choice": "Choose one of the open challenges of your cohort.",
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[int, str] = {}
        for index in range(self.choices_needed):
            name = f"choice_{index + 1}"
            value = data.get(name)
            if value is None:
                continue
            if value in seen:
                self.add_error(
                    name,
                    f"You chose {self.challenges[value].title} already as your "
                    f"{seen[value]} choice. Choose a different challenge.",
                )
            else:
                seen[value] = ORDINALS[index].lower()
        return data

    def ranked(self) -> list[Challenge]:
        return [
            self.challenges[self.cleaned_data[f"choice_{index + 1}"]]
            for index in range(self.choices_needed)
        ]


class TeamForm(forms.Form):
    name = forms.CharField(
        label="Team name",
        max_length=200,
        error_messages={"required": "Enter the team's name."},
    )
    cohort = forms.ModelChoiceField(
        Cohort.objects.none(),
        label="Cohort",
        empty_label="Choose a cohort",
        error_messages={"required": "Choose the cohort the team belongs to."},
    )
    starts_on = forms.DateField(
        label="Start of the 100 days",
        required=False,
        widget=DATE,
        help_text="Leave empty to start on the cohort's start date",
        error_messages={"invalid": "Enter the start as a real date."},
    )
    members = forms.ModelMultipleChoiceField(
        Enrolment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Active participants of the cohort",
    )
    leads = forms.ModelMultipleChoiceField(
        Enrolment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Team leads",
        help_text="Leads must also be members",
    )

    def __init__(
        self,
        *args: Any,
        challenge: Challenge,
        cohort: Cohort | None,
        enrolments: list[Enrolment],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        cohort_field = self.fields["cohort"]
        assert isinstance(cohort_field, forms.ModelChoiceField)
        if cohort is not None:
            del self.fields["cohort"]
        else:
            cohort_field.queryset = Cohort.objects.filter(
                programme_id=challenge.programme_id, status=CohortStatus.RUNNING
            )
        ids = [e.pk for e in enrolments]
        for name in ("members", "leads"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = Enrolment.objects.filter(pk__in=ids).select_related(
                "person__organisation"
            )
            # The choices come from the list already loaded, so the page runs no extra query.
            field.choices = [(e.pk, _enrolment_label(e)) for e in enrolments]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        members = {e.pk for e in data.get("members", [])}
        strays = [e for e in data.get("leads", []) if e.pk not in members]
        if strays:
            names = ", ".join(str(e.person) for e in strays)
            self.add_error("leads", f"{names} must be a member to lead. Tick them as a member too.")
        return data


def _enrolment_label(enrolment: Enrolment) -> str:
    person = enrolment.person
    where = person.organisation.label if person.organisation else "no organisation"
    return f"{person.name}, {where}"


class UpdateForm(forms.Form):
    text = forms.CharField(
        label="Your update",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="What the team has done, learnt or needs",
        error_messages={
            "required": "Enter your update.",
            "max_length": "Your update must be 5,000 characters or fewer.",
        },
    )


class LinkForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the link's title."})
    url = forms.URLField(
        label="Web address",
        max_length=500,
        assume_scheme="https",
        help_text="For example https://example.org/plan",
        error_messages={
            "required": "Enter the web address.",
            "invalid": "Enter the web address in full, like https://example.org/plan.",
        },
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=LinkKind.choices,
        initial=LinkKind.DOCUMENT,
        widget=forms.RadioSelect,
    )


class MilestoneForm(forms.ModelForm[Milestone]):
    class Meta:
        model = Milestone
        formfield_callback = limited_text()
        fields = ["done_on", "notes"]
        labels = {"done_on": "Done on"}
        help_texts = {"done_on": "Leave empty while it is not done yet"}
        widgets = {"done_on": DATE, "notes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"done_on": {"invalid": "Enter the date it was done as a real date."}}


class ShowcaseForm(forms.ModelForm[Showcase]):
    presentation_link = forms.URLField(
        label="Presentation link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter the presentation link in full, like https://…"},
    )

    class Meta:
        model = Showcase
        formfield_callback = limited_text()
        fields = [
            "held_on",
            "presented",
            "presentation_link",
            "outcomes_summary",
            "sponsor_feedback",
        ]
        labels = {"held_on": "Date of the showcase"}
        widgets = {
            "held_on": DATE,
            "outcomes_summary": forms.Textarea(attrs={"rows": 5}),
            "sponsor_feedback": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"outcomes_summary": "What changed, for whom, and what happens next"}
        error_messages = {"held_on": {"invalid": "Enter the date of the showcase as a real date."}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("presented") and not data.get("held_on") and "held_on" not in self.errors:
            self.add_error("held_on", "Enter the date the team presented.")
        return data


class LibraryFilter(forms.Form):
    """The library's search: words, a theme, a year."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    theme = forms.ChoiceField(
        label="Theme", required=False, choices=[("", "All themes"), *Theme.choices]
    )
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ChallengeStatus.choices]
    )

    def __init__(self, *args: Any, cohorts: list[Cohort], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", "All years"), *((str(c.pk), c.name) for c in cohorts)]
