"""Writes audit entries: every change is made inside `audited` (or `save_form` for a form), which
snapshots the record before, runs the change in one transaction and records what changed.

An entry whose changes are not the record's own fields goes through `record_changes`.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm

from commonground.accounts.models import User

from .models import AuditEntry

Snapshot = dict[str, Any]
Actor = User | AnonymousUser | None
M = TypeVar("M", bound=models.Model)

# Long free text (an application statement, a message) is kept as an excerpt: the record itself
# holds the text, and the audit log must not become a second copy of every long answer.
EXCERPT_LENGTH = 500


def _plain(value: Any) -> Any:
    if isinstance(value, str) and len(value) > EXCERPT_LENGTH:
        # The fingerprint makes an edit past the excerpt still count as a change.
        fingerprint = hashlib.sha256(value.encode()).hexdigest()[:8]
        return f"{value[:EXCERPT_LENGTH]}… ({len(value)} characters, fingerprint {fingerprint})"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(instance: models.Model) -> Snapshot:
    """The instance's concrete fields as JSON-ready values (foreign keys shown by their name)."""
    values: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("password", "last_login"):
            continue
        if isinstance(field, models.ForeignKey):
            values[field.name] = _plain(getattr(instance, field.name))
        else:
            values[field.name] = _plain(field.value_from_object(instance))
    return values


def _record(
    actor: Actor,
    instance: models.Model,
    action: str,
    before: Snapshot | None = None,
) -> AuditEntry | None:
    """Record a creation (no `before`), a change (only changed fields) or a deletion."""
    after = snapshot(instance)
    if action.endswith(".deleted"):
        changes = {name: [value, None] for name, value in after.items()}
    elif before is None:
        changes = {name: [None, value] for name, value in after.items() if value not in ("", None)}
    else:
        changes = {
            name: [before.get(name), value]
            for name, value in after.items()
            if before.get(name) != value
        }
        if not changes:
            return None
    return record_changes(actor, instance, action, changes)


def record_changes(
    actor: Actor, instance: models.Model, action: str, changes: dict[str, list[Any]]
) -> AuditEntry:
    """An entry whose changes are not the record's own fields, such as an import's counts or a
    team's members: each name maps to [old value, new value] as in every other entry."""
    return AuditEntry.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
    )


def _stored(instance: models.Model) -> Snapshot | None:
    if instance.pk is None or instance._state.adding:
        return None
    return snapshot(type(instance)._default_manager.get(pk=instance.pk))


@contextmanager
def audited(
    actor: Actor, instance: models.Model, action: str, *, already_changed: bool = False
) -> Iterator[None]:
    """Make a change to `instance` and record it, both or neither.

    An unsaved instance is recorded as created once the block has saved it; an action ending in
    ".deleted" is recorded before the block runs, while the record still has its values and key.
    `already_changed` says the new values are on the instance before the block (a form or the
    admin put them there), so the "before" is read from the stored row.
    """
    with transaction.atomic():
        if action.endswith(".deleted"):
            _record(actor, instance, action)
            yield
            return
        if already_changed:
            before = _stored(instance)
        else:
            before = snapshot(instance) if instance.pk is not None else None
        yield
        _record(actor, instance, action, before)


def save_form(form: ModelForm[M], actor: Actor, action: str) -> M:
    """Save a valid ModelForm and record the change in one transaction.

    Validating the form has already copied the new values onto its instance.
    """
    with audited(actor, form.instance, action, already_changed=True):
        saved = form.save()
    return saved


def erase_history(instance: models.Model, object_repr: str) -> None:
    """Keep that the record changed, and when, but no longer what it held or whose it was."""
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).update(changes={}, object_repr=object_repr[:300])


def history(instance: models.Model) -> QuerySet[AuditEntry]:
    """The changes to one record, newest first, with who made them."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")
