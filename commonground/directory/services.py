"""Writes to the directory, each one saved and recorded in the audit log in one transaction."""

from __future__ import annotations

from typing import TypeVar

from django import forms
from django.db import models, transaction

from commonground.accounts.models import User
from commonground.audit.log import Snapshot, record

from .models import Organisation, Person, Post

Record = TypeVar("Record", Organisation, Person, Post)

ACTIONS: dict[type[models.Model], str] = {
    Organisation: "directory.organisation",
    Person: "directory.person",
    Post: "directory.post",
}


def save(actor: User, form: forms.ModelForm[Record], before: Snapshot | None) -> Record:
    """Save a valid form's record; `before` is its snapshot before the change, None if new."""
    with transaction.atomic():
        instance = form.save()
        verb = "created" if before is None else "changed"
        record(actor, instance, f"{ACTIONS[type(instance)]}.{verb}", before)
    return instance
