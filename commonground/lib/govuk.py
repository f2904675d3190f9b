"""Renders Django forms in the GOV.UK Frontend pattern: error summary, labels, hints, errors."""

from __future__ import annotations

from django import forms, template
from django.forms.renderers import TemplatesSetting

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


class GovukFormRenderer(TemplatesSetting):
    """Every `{{ form }}` renders its error summary and fields the GOV.UK way."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


@register.filter
def widget_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
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
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {"class": input_classes(field)}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
