"""Template pieces every page shares: the title's error prefix, breadcrumbs and counted words.

Loaded into every template (settings.TEMPLATES builtins), so pages use them without `{% load %}`.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.template.context import Context

from commonground.lib import words

register = template.Library()

# Context names pages use for errors that are not a form's: an import file's problems, a refusal.
OTHER_ERRORS = ("problems", "error")


@register.simple_tag(takes_context=True)
def error_prefix(context: Context) -> str:
    """The title begins "Error: " when the page shows errors, so screen readers hear it first."""
    for name, value in context.flatten().items():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return "Error: "
        if isinstance(value, forms.BaseFormSet) and value.is_bound and value.total_error_count():
            return "Error: "
        if name in OTHER_ERRORS and value:
            return "Error: "
    return ""


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*labels_and_urls: Any) -> dict[str, Any]:
    """The GOV.UK breadcrumbs from label, URL pairs; a pair with no URL is left out."""
    if len(labels_and_urls) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes a label and a URL for each link")
    pairs = zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True)
    return {"links": [(label, url) for label, url in pairs if url]}


@register.filter
def period(days: int) -> str:
    """`{{ 2190|period }}` is "6 years": retention periods as people say them."""
    return words.period_of(days)


@register.filter
def count_of(number: int, words_given: str) -> str:
    """{{ n|count_of:"person" }} is "1 person" or "3 people"; "activity,activities" names both."""
    singular, _, many = words_given.partition(",")
    return words.count_of(number, singular, many or None)


@register.filter
def plural(number: int, words_given: str) -> str:
    """{{ n|plural:"is" }} is "is" for one and "are" otherwise; "meets,meet" names both."""
    singular, _, many = words_given.partition(",")
    return words.plural(number, singular, many or None)
