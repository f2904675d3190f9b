"""The network questions as a participant answers them: one roster question per tie type."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from commonground.directory.models import Person
from commonground.lib.limits import SHORT_TEXT
from commonground.programmes.forms import PeopleChooser

from .models import TieType
from .network import CHECKBOX_ROSTER_LIMIT, organisation_of

MAX_OUTSIDE_NAMES = 20
MAX_QUESTIONS = 6
QUESTION_LENGTH = 300
OUTSIDE_NAME_LENGTH = SHORT_TEXT


@dataclass(frozen=True)
class OrganisationGroup:
    """One organisation's people on the roster, as a group of checkboxes."""

    name: str
    options: list[tuple[str, str, bool]]


class NetworkForm(forms.Form):
    """A field of people per tie type (`named_<id>`) and one of outside names (`outside_<id>`).

    A roster of up to CHECKBOX_ROSTER_LIMIT people shows as checkboxes grouped by organisation;
    a longer one as a chooser that searches as you type (a plain list without JavaScript).
    """

    def __init__(
        self,
        data: Any = None,
        *,
        roster: list[Person],
        tie_types: list[TieType],
        named: dict[int, set[int]],
        outside: dict[int, list[str]],
        me: int | None,
    ) -> None:
        super().__init__(data)
        self.tie_types = tie_types
        self.roster = [p for p in roster if p.pk != me]
        self.checkboxes = len(self.roster) <= CHECKBOX_ROSTER_LIMIT
        choices = [(str(p.pk), self._label(p)) for p in self.roster]
        for tie in tie_types:
            widget: forms.Widget = (
                forms.CheckboxSelectMultiple()
                if self.checkboxes
                else PeopleChooser("Type part of a name, then choose them from the list")
            )
            self.fields[f"named_{tie.pk}"] = forms.TypedMultipleChoiceField(
                label=tie.wording,
                choices=choices,
                coerce=int,
                required=False,
                widget=widget,
                initial=[str(pk) for pk in named.get(tie.pk, set())],
            )
            self.fields[f"outside_{tie.pk}"] = forms.CharField(
                label="Anyone not on the list (optional)",
                help_text="One name a line. Only programme staff see these names.",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="\n".join(outside.get(tie.pk, [])),
            )

    def _label(self, person: Person) -> str:
        if self.checkboxes:
            return person.name
        return f"{person.name}, {organisation_of(person)}"

    def groups(self, tie: TieType) -> list[OrganisationGroup]:
        """The roster by organisation for one tie type, with what is ticked now."""
        field = self[f"named_{tie.pk}"]
        ticked = {str(v) for v in (field.value() or [])}
        grouped: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        for person in self.roster:
            value = str(person.pk)
            grouped[organisation_of(person)].append((value, person.name, value in ticked))
        return [OrganisationGroup(name, grouped[name]) for name in sorted(grouped)]

    def questions(
        self,
    ) -> list[tuple[TieType, forms.BoundField, forms.BoundField, list[OrganisationGroup]]]:
        """Each tie type's roster field, outside-names field and (for checkboxes) groups."""
        return [
            (
                tie,
                self[f"named_{tie.pk}"],
                self[f"outside_{tie.pk}"],
                self.groups(tie) if self.checkboxes else [],
            )
            for tie in self.tie_types
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for tie in self.tie_types:
            name = f"outside_{tie.pk}"
            lines = [line.strip() for line in cleaned.get(name, "").splitlines() if line.strip()]
            if len(lines) > MAX_OUTSIDE_NAMES:
                self.add_error(name, f"Enter at most {MAX_OUTSIDE_NAMES} names.")
            elif any(len(line) > OUTSIDE_NAME_LENGTH for line in lines):
                self.add_error(
                    name, f"Each name must be {OUTSIDE_NAME_LENGTH} characters or fewer."
                )
            cleaned[name] = lines
        return cleaned

    def answers(self) -> tuple[dict[int, set[int]], dict[int, list[str]]]:
        named = {t.pk: set(self.cleaned_data[f"named_{t.pk}"]) for t in self.tie_types}
        outside = {t.pk: self.cleaned_data[f"outside_{t.pk}"] for t in self.tie_types}
        return named, outside


class QuestionSetForm(forms.Form):
    """A programme's own roster questions: each becomes a tie type."""

    title = forms.CharField(label="Name of the question set", max_length=SHORT_TEXT)
    questions = forms.CharField(
        label="Questions",
        help_text='One question a line, such as "Whom have you gone to for advice?"',
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    include_alumni = forms.BooleanField(
        label="Add alumni of earlier cohorts to the roster", required=False
    )

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError("Enter at least one question, one a line.")
        if len(lines) > MAX_QUESTIONS:
            raise ValidationError(
                f"Enter at most {MAX_QUESTIONS} questions: each is a list of the whole roster."
            )
        if any(len(line) > QUESTION_LENGTH for line in lines):
            raise ValidationError(f"Each question must be {QUESTION_LENGTH} characters or fewer.")
        return lines
