"""What the change history holds about a person, for the subject access export and erasure: the
changes made to their own records and the changes they made themselves; and its retention.

Registered here rather than by the audit app, which sits below every other app and so may not
know of people, enrolments or applications."""

from __future__ import annotations

import datetime as dt

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from commonground.accounts.models import User
from commonground.audit.models import AuditEntry
from commonground.directory.models import Person
from commonground.lib import retention
from commonground.lib.personal_data import Holding, Row, register
from commonground.programmes.models import Enrolment
from commonground.recruitment.models import Application


def about(person: Person) -> Q:
    """Entries whose record is the person, their account, an enrolment or an application."""
    records = [(person._meta.model, [person.pk])]
    if person.user_id is not None:
        records.append((User, [person.user_id]))
    records.append((Enrolment, list(person.enrolments.values_list("pk", flat=True))))
    records.append(
        (Application, list(Application.objects.filter(person=person).values_list("pk", flat=True)))
    )
    found = Q(pk__in=[])
    for model, keys in records:
        if keys:
            found |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(key) for key in keys],
            )
    return found


def _entries(person: Person) -> list[Row]:
    made_by = Q(actor_id=person.user_id) if person.user_id is not None else Q(pk__in=[])
    entries = AuditEntry.objects.filter(about(person) | made_by).order_by("created_at", "pk")
    return [
        {
            "When": entry.created_at,
            "What": entry.action,
            "Record": entry.object_repr,
            "Made by the person": entry.actor_id is not None and entry.actor_id == person.user_id,
            "Changes": entry.changes,
        }
        for entry in entries
    ]


def _admin_actions(person: Person) -> list[Row]:
    if person.user_id is None:
        return []
    return [
        {
            "When": entry.action_time,
            "Record": entry.object_repr,
            "Change": entry.get_change_message(),
        }
        for entry in LogEntry.objects.filter(user_id=person.user_id).order_by("action_time")
    ]


# What an anonymised entry's record reads as; an entry that reads so has nothing left to remove.
RECORD_REMOVED = "Record details removed"


def _expired(cutoff: dt.datetime) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(created_at__lt=cutoff).exclude(object_repr=RECORD_REMOVED)


def _anonymise(entries: QuerySet[AuditEntry]) -> int:
    """Who made the change and what the record held go; that a record of this kind changed,
    and when, stays."""
    return AuditEntry.objects.filter(pk__in=entries.values("pk")).update(
        actor=None, object_repr=RECORD_REMOVED, changes={}
    )


def _erase_values(person: Person) -> int:
    """The values changed in the person's records go; that each change happened, when and by
    whom stays, for the partner bodies' accountability."""
    return AuditEntry.objects.filter(about(person)).exclude(changes={}).update(changes={})


def register_holdings() -> None:
    retention.register(
        retention.RetentionKind(
            "audit_entries",
            "Change history",
            "the change",
            "Who made each change and the values it changed are removed; that a record of that "
            "kind changed, and when, stays.",
            _expired,
            "created_at",
            _anonymise,
        )
    )
    register(
        Holding(
            "audit.entries",
            "Change history",
            "Changes to the person's records, and changes they made",
            "To show who changed what and when, as the partner bodies' accountability requires.",
            (AuditEntry,),
            _entries,
            erase=_erase_values,
        )
    )
    register(
        Holding(
            "audit.admin_actions",
            "Change history",
            "Changes made in the site's administration pages",
            "To show what a site administrator changed there and when.",
            (LogEntry,),
            _admin_actions,
        )
    )
