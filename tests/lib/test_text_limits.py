"""Every free-text field people can fill in has a length limit, so nobody can store a novel."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest
from django import forms

FORM_MODULES = [
    "commonground.challenges.forms",
    "commonground.directory.forms",
    "commonground.evaluation.forms",
    "commonground.grouping.forms",
    "commonground.programmes.delivery_forms",
    "commonground.programmes.forms",
    "commonground.programmes.imports.forms",
    "commonground.recruitment.forms",
    "commonground.accounts.views",
]


def _form_classes() -> list[Any]:
    found = []
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == name:
                found.append(value)
    return found


@pytest.mark.parametrize("form_class", _form_classes(), ids=lambda form: form.__qualname__)
def test_every_text_field_of_every_form_has_a_length_limit(
    form_class: Any,
) -> None:
    unlimited = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert unlimited == [], f"{form_class.__qualname__} has text fields with no limit"


def test_an_application_answer_past_the_limit_is_refused_with_its_length() -> None:
    from commonground.recruitment.forms import ApplicationForm
    from commonground.recruitment.models import Round

    application_round = Round(questions=["Why now?"], criteria=["Moral purpose"], challenges=[])
    form = ApplicationForm(
        {"answer_0": "a" * 5001, "statement_0": "b" * 5001}, application_round=application_round
    )
    assert not form.is_valid()
    expected = "This must be 5000 characters or fewer; it has 5001."
    assert form.errors["answer_0"] == [expected]
    assert form.errors["statement_0"] == [expected]


def test_a_cohort_message_past_the_limit_is_refused() -> None:
    from commonground.programmes.delivery_forms import MessageForm

    form = MessageForm({"subject": "Launch day", "body": "x" * 5001}, choices=[])
    assert form.errors["body"] == ["This must be 5000 characters or fewer; it has 5001."]


@pytest.mark.django_db
def test_a_programme_description_past_the_limit_is_refused() -> None:
    from commonground.programmes.forms import ProgrammeForm

    form = ProgrammeForm({"name": "Leading Greater Essex", "description": "x" * 5001})
    assert form.errors["description"] == ["This must be 5000 characters or fewer; it has 5001."]


def test_a_list_typed_one_item_a_line_is_limited_by_its_text_not_its_lines() -> None:
    from commonground.recruitment.forms import LinesField

    field = LinesField(required=False)
    assert field.clean("Why now?\nWhat will you change?") == ["Why now?", "What will you change?"]
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("q\n" * 2501)
    assert refused.value.messages == ["This must be 5000 characters or fewer; it has 5001."]
