"""How much text a person may type into a free-text field, and what they are told past it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models

SHORT_TEXT = 200  # a name, a subject line, a search
LONG_TEXT = 5000  # an answer, a statement, a message, a reason: about 800 words
DOCUMENT_TEXT = 20000  # a round's introduction or privacy notice, written by staff

TOO_LONG = {
    "max_length": "This must be %(limit_value)s characters or fewer; it has %(show_value)s."
}


def limited_text(max_length: int = LONG_TEXT) -> Callable[..., forms.Field | None]:
    """A ModelForm `formfield_callback` that limits the model's unbounded text fields.

    Text columns in the database have no length of their own, so the form is where the limit is.
    """

    def formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
        if isinstance(db_field, models.TextField):
            kwargs.setdefault("max_length", max_length)
            kwargs.setdefault("error_messages", TOO_LONG)
        return db_field.formfield(**kwargs)

    return formfield
