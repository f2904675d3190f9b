"""Forms of the evaluation pages: the survey itself, nominations, waves and instrument items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from commonground.audit.versions import VersionedForm
from commonground.lib.govuk import needed_to_send
from commonground.lib.limits import LONG_TEXT, TOO_LONG, limited_text

from .models import (
    FreeTextQuestion,
    Indicator,
    InstrumentVersion,
    NetworkQuestionSet,
    Nomination,
    Statement,
    Theme,
    Wave,
    likert_labels,
)

BEFORE_PREFIX = "Looking back, before the programme: "


def _rating_field(labels: list[str], label: str, missing: str) -> forms.Field:
    """A question that must be answered before the survey is sent (not to save a draft): it is
    required, so no page calls it optional, and `SurveyForm` lets a draft leave it empty."""
    if labels:
        return forms.TypedChoiceField(
            label=label,
            choices=[(str(n), text) for n, text in enumerate(labels, start=1)],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": missing},
        )
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        help_text="A number from 0 (not at all) to 100 (completely)",
        error_messages={"required": missing},
    )


@dataclass
class Section:
    title: str
    fields: list[forms.BoundField]


class SurveyForm(forms.Form):
    """Every question a wave asks one person, grouped by theme; a draft may be incomplete."""

    def __init__(
        self,
        data: Any = None,
        *,
        version: InstrumentVersion,
        wave: Wave,
        rater: bool,
        answers: dict[str, dict[str, Any]],
        submitting: bool = False,
    ) -> None:
        super().__init__(data)
        self.submitting = submitting
        self.layout: list[tuple[str, list[str]]] = []
        for theme in version.themes.all():
            names = []
            for indicator in theme.indicators.all():
                names += self._indicator(indicator, wave, rater, answers)
            self.layout.append((theme.title, names))
        if not rater and wave.asks_statements:
            self.layout.append(("About the programme", self._statements(version, answers)))
        if not rater and version.free_text.all():
            self.layout.append(("In your own words", self._free_text(version, answers)))
        needed_to_send(*(self.fields[name] for name in self.required))

    @property
    def required(self) -> list[str]:
        """The questions that must be answered before the survey is sent."""
        return [name for name, field in self.fields.items() if field.required]

    def _indicator(
        self, indicator: Indicator, wave: Wave, rater: bool, answers: dict[str, dict[str, Any]]
    ) -> list[str]:
        wording = indicator.rater_wording if rater else indicator.self_wording
        now = f"now_{indicator.key}"
        self.fields[now] = _rating_field(indicator.scale_labels, wording, f"Answer “{wording}”.")
        self.initial[now] = answers["ratings"].get(indicator.key)
        if rater or not wave.asks_before:
            return [now]
        before = f"before_{indicator.key}"
        self.fields[before] = _rating_field(
            indicator.scale_labels,
            BEFORE_PREFIX + wording,
            f"Say how “{wording}” described you before the programme.",
        )
        self.initial[before] = answers["before"].get(indicator.key)
        return [now, before]

    def _statements(
        self, version: InstrumentVersion, answers: dict[str, dict[str, Any]]
    ) -> list[str]:
        names = []
        for statement in version.statements.all():
            name = f"statement_{statement.key}"
            self.fields[name] = _rating_field(
                statement.scale_labels, statement.wording, f"Answer “{statement.wording}”."
            )
            self.initial[name] = answers["ratings"].get(statement.key)
            names.append(name)
        return names

    def _free_text(
        self, version: InstrumentVersion, answers: dict[str, dict[str, Any]]
    ) -> list[str]:
        names = []
        for question in version.free_text.all():
            name = f"text_{question.key}"
            self.fields[name] = forms.CharField(
                label=question.wording,
                required=False,
                max_length=LONG_TEXT,
                error_messages=TOO_LONG,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.initial[name] = answers["comments"].get(question.key, "")
            names.append(name)
        return names

    def sections(self) -> list[Section]:
        return [Section(title, [self[name] for name in names]) for title, names in self.layout]

    def full_clean(self) -> None:
        """Sending needs every required answer; saving a draft checks only what was given."""
        if self.submitting:
            super().full_clean()
            return
        required = self.required
        for name in required:
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name in required:
                self.fields[name].required = True

    def answers(self) -> tuple[dict[str, float], dict[str, float], dict[str, str]]:
        """(ratings now and of statements, ratings before, comments) by question id."""
        ratings: dict[str, float] = {}
        before: dict[str, float] = {}
        comments: dict[str, str] = {}
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            kind, key = name.split("_", 1)
            if kind == "text":
                comments[key] = str(value).strip()
            elif kind == "before":
                before[key] = value
            else:
                ratings[key] = value
        return ratings, before, comments


class NominationForm(forms.ModelForm[Nomination]):
    class Meta:
        model = Nomination
        fields = ["name", "email", "relationship"]
        labels = {"relationship": "They are your"}
        error_messages = {
            "name": {"required": "Enter the name of the person you nominate."},
            "email": {
                "required": "Enter their email address.",
                "invalid": "Enter an email address like name@example.org.",
            },
            "relationship": {
                "required": "Choose whether they are your line manager, a peer or a direct report."
            },
        }
        widgets = {"relationship": forms.RadioSelect}


class WaveForm(VersionedForm[Wave]):
    class Meta:
        model = Wave
        fields = ["opens_on", "closes_on", "version", "includes_raters", "network_questions"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.fields["version"]
        assert isinstance(version, forms.ModelChoiceField)
        version.queryset = InstrumentVersion.objects.filter(status="published").select_related(
            "instrument"
        )
        version.label = "Instrument version"
        network = self.fields["network_questions"]
        assert isinstance(network, forms.ModelChoiceField)
        network.queryset = NetworkQuestionSet.objects.filter(
            programme_id=self.instance.cohort.programme_id
        )
        network.empty_label = "Do not ask the network questions"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        network = cleaned.get("network_questions")
        if (
            self.instance.pk
            and getattr(network, "pk", None) != self.instance.network_questions_id
            and self.instance.responses.filter(network_submitted_at__isnull=False).exists()
        ):
            self.add_error(
                "network_questions",
                "People have answered the network questions, so this wave must keep them.",
            )
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        version = cleaned.get("version")
        if (
            version
            and self.instance.pk
            and version.pk != self.instance.version_id
            and self.instance.responses.filter(submitted_at__isnull=False).exists()
        ):
            self.add_error(
                "version", "People have answered this wave, so it must keep the version they saw."
            )
        return cleaned


class EarlyReasonForm(forms.Form):
    """Why a wave's invitations go before it opens: kept in the wave's history."""

    reason = forms.CharField(
        label="Why should the invitations go before the survey opens?",
        help_text="This is kept in the wave's history.",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why the invitations should go before the survey opens.",
            **TOO_LONG,
        },
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(
                "Say why the invitations should go before the survey opens."
            )
        return reason


class InstrumentForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a title for the instrument."}
    )
    start = forms.ChoiceField(
        label="Start from",
        choices=[("default", "The default instrument"), ("blank", "An empty instrument")],
        widget=forms.RadioSelect,
        initial="default",
        error_messages={"required": "Choose what to start from."},
    )


SCALE_HELP = (
    "One label a line, lowest first (for example Never, Rarely, Sometimes, Often, Almost always). "
    "Leave it empty for a rating from 0 to 100."
)


class ScaleMixin(forms.ModelForm[Any]):
    scale = forms.CharField(
        label="Answer scale",
        required=False,
        max_length=LONG_TEXT,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=SCALE_HELP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["scale"] = "\n".join(getattr(self.instance, "scale_labels", []) or [])

    def clean_scale(self) -> list[str]:
        labels = likert_labels(self.cleaned_data.get("scale") or "")
        if len(labels) == 1:
            raise forms.ValidationError("A scale needs at least two labels, or none for 0 to 100.")
        return labels

    def save(self, commit: bool = True) -> Any:
        self.instance.scale_labels = self.cleaned_data["scale"]
        return super().save(commit)


class ThemeForm(VersionedForm[Theme]):
    class Meta:
        model = Theme
        fields = ["title"]
        error_messages = {"title": {"required": "Enter the theme's title."}}


class IndicatorForm(ScaleMixin):
    class Meta:
        model = Indicator
        formfield_callback = limited_text()
        fields = ["theme", "self_wording", "rater_wording"]
        error_messages = {
            "self_wording": {"required": "Enter the wording participants see."},
            "rater_wording": {"required": "Enter the wording raters see."},
            "theme": {"required": "Choose the theme this indicator belongs to."},
        }

    def __init__(self, *args: Any, version: InstrumentVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.queryset = Theme.objects.filter(version=version)


class StatementForm(ScaleMixin):
    class Meta:
        model = Statement
        formfield_callback = limited_text()
        fields = ["kind", "wording"]
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "wording": {"required": "Enter the statement."},
            "kind": {"required": "Choose whether it is a reaction or an outcome."},
        }


class FreeTextForm(forms.ModelForm[FreeTextQuestion]):
    class Meta:
        model = FreeTextQuestion
        formfield_callback = limited_text()
        fields = ["wording"]
        error_messages = {"wording": {"required": "Enter the question."}}
