"""Stops a later save from silently overwriting changes someone else saved in the meantime.

An edit form carries, in a signed hidden field, the values its fields had when the page was
drawn. On saving, any field whose stored value has changed since then is a conflict: nothing is
saved, the form says who-knows-what changed (each field and its value now), and the hidden field
moves on to the current values, so pressing save again keeps this person's version knowingly.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict

from .log import snapshot

M = TypeVar("M", bound=models.Model)
SALT = "commonground.audit.versions"


class VersionedForm(forms.ModelForm[M]):
    """A ModelForm for changing a saved record that refuses to overwrite a newer save."""

    # The audit log keeps each stored value to an excerpt, so a signed version stays well short.
    record_version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["record_version"].initial = self._sign(self._stored())

    def _stored(self) -> dict[str, Any]:
        """The record's stored values of this form's fields (as the audit log shows them)."""
        values = snapshot(self.instance)
        return {name: values[name] for name in self.fields if name in values}

    @staticmethod
    def _sign(values: dict[str, Any]) -> str:
        return signing.dumps(values, salt=SALT, compress=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is None:
            return cleaned
        token = self.data.get(self.add_prefix("record_version"))
        now = self._stored()
        try:
            seen = signing.loads(token, salt=SALT) if token else now
        except signing.BadSignature:
            raise ValidationError(
                "This page is out of date. Reload it and make your changes again."
            ) from None
        changed = [name for name in now if name in seen and seen[name] != now[name]]
        if changed:
            data = QueryDict(mutable=True)
            data.update(self.data)
            data[self.add_prefix("record_version")] = self._sign(now)
            self.data = data
            raise ValidationError(
                "Someone else saved changes to this record while you were editing it: "
                + "; ".join(
                    f"{self._label(name)} is now {self._shown(now[name])}" for name in changed
                )
                + ". Nothing was saved. Your changes are still in the form: check them against "
                "theirs, then save again to keep yours."
            )
        return cleaned

    def _label(self, name: str) -> str:
        return str(self.fields[name].label or name.replace("_", " ")).capitalize()

    @staticmethod
    def _shown(value: Any) -> str:
        if value in (None, "", [], {}):
            return "empty"
        return f"\u201c{value}\u201d"
