"""Writes audit entries: call `snapshot` before a change and `record` after it."""

from __future__ import annotations

import datetime
import decimal
import hashlib
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from commonground.accounts.models import User

from .models import AuditEntry

Snapshot = dict[str, Any]

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


def record(
    actor: User | AnonymousUser | None,
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
    return AuditEntry.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
    )


def history(instance: models.Model) -> QuerySet[AuditEntry]:
    """The changes to one record, newest first, with who made them."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")
