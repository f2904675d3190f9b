"""Renders Django forms in the GOV.UK Frontend pattern: error summary, labels, hints, errors.

Every form drawn with the project's renderer (settings.FORM_RENDERER) also asks for dates the
GOV.UK way: each `forms.DateField` becomes three boxes, day, month and year (the date input
component), with an error that names the box that is wrong. Date and time fields stay as they are.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

register = template.Library()

TEXT_INPUTS = (
    forms.TextInput,
    forms.EmailInput,
    forms.URLInput,
    forms.NumberInput,
    forms.PasswordInput,
    forms.DateInput,
    forms.DateTimeInput,
)
DATE_PARTS = ("day", "month", "year")
OPTIONAL = "(optional)"


def needed_to_send(*fields: forms.Field) -> None:
    """Marks fields that a draft may leave empty but sending may not (an application's
    answers, a survey's ratings): they are not `required`, yet never labelled optional."""
    for field in fields:
        field.needed_to_send = True  # type: ignore[attr-defined]


@dataclass(frozen=True)
class DateParts:
    """What was typed into a date input's three boxes, before it is known to be a date."""

    day: str
    month: str
    year: str

    @classmethod
    def of(cls, value: Any) -> DateParts:
        """The boxes for a field's value: what was typed, or a date (or ISO text) to show."""
        if isinstance(value, DateParts):
            return value
        if isinstance(value, str) and value:
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return cls("", "", "")
        if isinstance(value, dt.date):
            return cls(str(value.day), str(value.month), str(value.year))
        return cls("", "", "")

    def empty(self) -> bool:
        return not (self.day or self.month or self.year)

    def problem(self, name: str) -> tuple[str, tuple[str, ...]] | None:
        """What is wrong, in the words of GOV.UK's date input, and the boxes it is wrong in."""
        missing = tuple(part for part in DATE_PARTS if not getattr(self, part))
        if missing:
            return f"{name} must include a {' and '.join(missing)}", missing
        not_numbers = tuple(part for part in DATE_PARTS if not getattr(self, part).isdigit())
        if not_numbers:
            return f"{name} must be a real date", not_numbers
        if len(self.year) != 4:
            return f"{name}: the year must include 4 numbers", ("year",)
        year, month, day = int(self.year), int(self.month), int(self.day)
        if not 1 <= month <= 12:
            return f"{name} must be a real date", ("month",)
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return f"{name} must be a real date", ("day",)
        return None

    def date(self) -> dt.date:
        return dt.date(int(self.year), int(self.month), int(self.day))


class GovukDateInput(forms.Widget):
    """Three boxes, `<name>-day`, `<name>-month` and `<name>-year`.

    A single `<name>` value in ISO form (2026-12-01) is read too, as a script or a test sends it.
    """

    template_name = "forms/widgets/govuk_date_input.html"

    def value_from_datadict(
        self, data: Any, files: MultiValueDict[str, Any], name: str
    ) -> DateParts | str | None:
        typed = [data.get(f"{name}-{part}") for part in DATE_PARTS]
        if all(part is None for part in typed):
            whole: str | None = data.get(name)
            return whole
        parts = DateParts(*(str(part or "").strip() for part in typed))
        return None if parts.empty() else parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and not any(f"{name}-{part}" in data for part in DATE_PARTS)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-day" if id_ else id_

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, None, attrs)
        parts = DateParts.of(value)
        found = parts.problem("") if not parts.empty() else None
        wrong = found[1] if found else DATE_PARTS
        in_error = "--error" in context["widget"]["attrs"].get("class", "")
        element_id = context["widget"]["attrs"].get("id", "")
        context["widget"]["parts"] = [
            {
                "name": f"{name}-{part}",
                "id": f"{element_id}-{part}",
                "label": part.capitalize(),
                "value": getattr(parts, part),
                "width": 4 if part == "year" else 2,
                "error": in_error and part in wrong,
            }
            for part in DATE_PARTS
        ]
        return context


class GovukDateField(forms.DateField):
    """A date asked for in three boxes, whose errors say which box is wrong."""

    widget = GovukDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, DateParts):
            found = value.problem(str(self.label or "The date"))
            if found:
                raise ValidationError(found[0], code="invalid")
            return value.date()
        return super().to_python(value)


def govuk_date_field(field: forms.Field) -> forms.Field:
    """Turns a form's own copy of a plain DateField into a GovukDateField, in place, keeping its
    label, help text, required-ness, initial value, validators and error messages."""
    if type(field) is forms.DateField:
        field.__class__ = GovukDateField
        widget = GovukDateInput()
        widget.is_required = field.required
        field.widget = widget
    return field


class GovukBoundField(BoundField):
    def __init__(self, form: forms.BaseForm, field: forms.Field, name: str) -> None:
        # Each form holds a deep copy of its class's fields, so this changes only this form.
        super().__init__(form, govuk_date_field(field), name)


class GovukFormRenderer(TemplatesSetting):
    """Every `{{ form }}` renders its error summary and fields the GOV.UK way."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
    bound_field_class = GovukBoundField


@register.filter
def widget_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.filter
def label_text(field: forms.BoundField) -> str:
    """The label, with "(optional)" after it when the question may be left out, and only once."""
    label = str(field.label)
    optional = not field.field.required and not getattr(field.field, "needed_to_send", False)
    if optional and not label.rstrip().endswith(OPTIONAL):
        return f"{label} {OPTIONAL}"
    return label


@register.filter
def date_hint(field: forms.BoundField) -> str:
    """The field's hint, then an example of a date in the three boxes."""
    example = f"For example, 27 3 {timezone.localdate().year}"
    hint = str(field.help_text or "").strip().rstrip(".")
    return f"{hint}. {example}" if hint else example


@register.filter
def error_target(field: forms.BoundField) -> str:
    """The id the error summary links to: the first box or option to put right."""
    kind = widget_kind(field)
    if kind in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    if kind == "date":
        found = DateParts.of(field.value()).problem("")
        return f"{field.auto_id}-{found[1][0] if found else DATE_PARTS[0]}"
    return str(field.auto_id)


@register.filter
def described_by(field: forms.BoundField) -> str:
    """The ids of the field's hint and error, for aria-describedby."""
    described = []
    if field.help_text or widget_kind(field) == "date":
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    return " ".join(described)


@register.filter
def input_classes(field: forms.BoundField) -> str:
    kind = widget_kind(field)
    base = {
        "select": "govuk-select",
        "textarea": "govuk-textarea",
        "file": "govuk-file-upload",
        "checkbox": "govuk-checkboxes__input",
    }.get(kind, "govuk-input")
    if isinstance(field.field.widget, forms.NumberInput):
        base += " govuk-input--width-5"
    elif isinstance(field.field.widget, forms.DateInput | forms.DateTimeInput):
        base += " govuk-input--width-20"
    if field.errors:
        base += f" {base.split()[0]}--error"
    return base


@register.simple_tag
def govuk_widget(field: forms.BoundField) -> str:
    """The field's own widget with GOV.UK classes and hint and error ids for screen readers."""
    attrs: dict[str, str | bool] = {"class": input_classes(field)}
    described = described_by(field)
    if described and widget_kind(field) != "date":  # a date's fieldset carries them
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)
