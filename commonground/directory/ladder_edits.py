"""Programme staff put their ladder in their own words: a rung's label and meaning, and the
example titles that place a sector's posts on it. Each change is saved with its audit entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction

from commonground.accounts.models import User
from commonground.audit.log import audited, save_form
from commonground.audit.versions import VersionedForm

from .ladder import RUNG_BANDS, Ladder
from .models import BandExample, Rung, Sector


class RungForm(VersionedForm[Rung]):
    class Meta:
        model = Rung
        fields = ["label", "meaning"]
        labels = {"label": "Name of this rung", "meaning": "What it means"}
        help_texts = {
            "meaning": "Say who sits on this rung in any sector, for example "
            "'Assistant director or equivalent: leads several services'",
        }
        widgets = {"meaning": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "label": {"required": "Enter the name of this rung"},
            "meaning": {"required": "Enter what this rung means"},
        }

    def clean_label(self) -> str:
        label: str = self.cleaned_data["label"].strip()
        taken = (
            Rung.objects.filter(programme_id=self.instance.programme_id, label__iexact=label)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if taken is not None:
            raise forms.ValidationError(f"Another rung is already called '{taken.label}'")
        return label


class BandExampleForm(VersionedForm[BandExample]):
    class Meta:
        model = BandExample
        fields = ["sector", "title", "band"]
        labels = {"title": "Job title", "band": "Rung"}
        error_messages = {
            "sector": {
                "required": "Choose the sector",
                "invalid_choice": "Choose a sector from the list",
            },
            "title": {"required": "Enter the job title"},
            "band": {
                "required": "Choose the rung",
                "invalid_choice": "Choose a rung from the list",
            },
        }

    def __init__(self, *args: Any, ladder: Ladder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)
        sector.choices = [("", "Choose the sector"), *Sector.choices]
        band = self.fields["band"]
        assert isinstance(band, forms.ChoiceField)
        labels = ladder.labels
        band.choices = [("", "Choose the rung"), *[(b, labels[b]) for b in RUNG_BANDS]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        title = (cleaned.get("title") or "").strip()
        sector = cleaned.get("sector")
        if "title" in cleaned and not title:
            self.add_error("title", "Enter the job title")
            return cleaned
        cleaned["title"] = title
        if title and sector:
            already = (
                BandExample.objects.filter(
                    programme_id=self.instance.programme_id, sector=sector, title__iexact=title
                )
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if already:
                self.add_error("title", f"'{title}' is already on the ladder for {sector.lower()}")
        return cleaned


def save_rung(form: RungForm, by: User) -> Rung:
    return save_form(form, by, "directory.rung.changed")


def save_example(form: BandExampleForm, by: User) -> BandExample:
    action = (
        "directory.bandexample.changed" if form.instance.pk else "directory.bandexample.created"
    )
    return save_form(form, by, action)


def remove_example(example: BandExample, by: User) -> None:
    with transaction.atomic(), audited(by, example, "directory.bandexample.deleted"):
        example.delete()
