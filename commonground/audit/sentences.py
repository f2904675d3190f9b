"""The change history in words: each audit entry as one sentence a member of staff can read.

"Sam Patel changed the group size from 6 to 7", "Sam Patel published the grouping": the actor,
the action's verb, and for a change each field by its verbose name with its values shown as the
page shows them (choice labels, dates, yes or no). Every page's history uses this one place,
through the `history_sentence` template filter (`audit/templatetags/audit_history.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import dateformat, timezone

from .models import AuditEntry

# The last part of an action ("grouping.grouping.published") and what the actor did.
VERBS = {
    "created": "created",
    "changed": "changed",
    "deleted": "deleted",
    "published": "published",
    "unpublished": "unpublished",
    "cancelled": "cancelled",
    "restored": "restored",
    "withdrawn": "withdrew",
    "sent": "sent",
    "run": "ran",
    "replan": "re-planned",
    "reminded": "sent a reminder for",
    "members_changed": "changed the members of",
    "sponsor_notified": "told the sponsor about",
    "checked_in": "checked in to",
    "apologies": "sent apologies for",
    "imported": "imported people into",
}
# Values longer than this are cut short: the record itself holds the whole text.
LONGEST_VALUE = 120
# Fields a verb other than "changed" implies, so its sentence does not repeat them.
IMPLIED = ("status",)


def actor_name(entry: AuditEntry) -> str:
    return str(entry.actor) if entry.actor_id is not None and entry.actor else "The system"


def sentence(entry: AuditEntry) -> str:
    """One sentence for the entry, ending with a full stop."""
    model = _model(entry)
    verb = entry.action.rsplit(".", 1)[-1]
    thing = _thing(model, entry.action)
    changes: dict[str, Any] = entry.changes if isinstance(entry.changes, dict) else {}
    who = actor_name(entry)
    if verb == "changed":
        clauses = _clauses(model, changes)
        if clauses:
            return f"{who} {clauses}."
        return f"{who} changed the {thing}."
    if verb in ("created", "deleted"):
        named = f" “{entry.object_repr}”" if entry.object_repr else ""
        return f"{who} {verb} the {thing}{named}."
    if verb in VERBS:
        said = f"{who} {VERBS[verb]} the {thing}"
    elif verb.endswith("ed") and "_" not in verb:
        said = f"{who} {verb} the {thing}"
    else:
        said = f"{who}: {thing}, {verb.replace('_', ' ')}"
    extra = _extra(model, changes)
    return f"{said}{extra}."


def _model(entry: AuditEntry) -> type[models.Model] | None:
    # Cached by Django after the first look-up, so a history of any length adds no query.
    return ContentType.objects.get_for_id(entry.content_type_id).model_class()


def _thing(model: type[models.Model] | None, action: str) -> str:
    if model is not None:
        return str(model._meta.verbose_name)
    parts = action.split(".")
    return parts[-2].replace("_", " ") if len(parts) > 1 else "record"


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def label(model: type[models.Model] | None, name: str) -> str:
    """The field's verbose name, or the name in words for a value that is not a field."""
    field = _field(model, name)
    if field is not None:
        return str(field.verbose_name)
    return name.replace("_", " ")


def shown(model: type[models.Model] | None, name: str, value: Any) -> str:
    """A stored value as the pages show it; "" for a blank one."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    field = _field(model, name)
    if field is not None and field.choices:
        labels = {str(key): str(text) for key, text in field.flatchoices}
        if isinstance(value, list):
            return _listed([labels.get(str(item), str(item)) for item in value])
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return _listed([str(item) for item in value])
    if isinstance(value, dict):
        return _listed([f"{label(None, str(key))} {item}" for key, item in value.items()])
    if isinstance(value, str) and isinstance(field, models.DateTimeField | models.DateField):
        return _date(value, with_time=isinstance(field, models.DateTimeField))
    text = str(value)
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1].rstrip() + "…"


def _date(value: str, *, with_time: bool) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if not with_time:
        return dateformat.format(moment, "j M Y")
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "j M Y H:i")


def _listed(items: Sequence[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _structured(value: Any) -> bool:
    """Rules and settings saved as JSON: the sentence names them but does not spell them out."""
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(isinstance(item, dict | list) for item in value)


def _clauses(model: type[models.Model] | None, changes: dict[str, Any]) -> str:
    """ "changed the band from A to B and the title from C to D, set the end to E and cleared F"."""
    changed: list[str] = []
    set_to: list[str] = []
    cleared: list[str] = []
    for name, values in changes.items():
        before, after = _pair(values)
        field = label(model, name)
        if _structured(before) or _structured(after):
            changed.append(f"the {field}")
            continue
        old, new = shown(model, name, before), shown(model, name, after)
        if old and new:
            changed.append(f"the {field} from {old} to {new}")
        elif new:
            set_to.append(f"the {field} to {new}")
        elif old:
            cleared.append(f"the {field} (it was {old})")
    parts = []
    if changed:
        parts.append(f"changed {_listed(changed)}")
    if set_to:
        parts.append(f"set {_listed(set_to)}")
    if cleared:
        parts.append(f"cleared {_listed(cleared)}")
    return _listed(parts)


def _pair(values: Any) -> tuple[Any, Any]:
    if isinstance(values, list | tuple) and len(values) == 2:
        return values[0], values[1]
    return None, values


def _extra(model: type[models.Model] | None, changes: dict[str, Any]) -> str:
    """A reason given, and figures that are not the record's own fields (a reminder's count)."""
    said = []
    for name, values in changes.items():
        _, after = _pair(values)
        if "reason" in name and shown(model, name, after):
            said.append(f"giving the reason: {shown(model, name, after)}")
        elif _field(model, name) is None and name not in IMPLIED and shown(model, name, after):
            said.append(f"{label(model, name)}: {shown(model, name, after)}")
    return f" ({'; '.join(said)})" if said else ""
