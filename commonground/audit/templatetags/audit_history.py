"""`{{ entry|history_sentence }}`: an audit entry as a sentence (audit/sentences.py)."""

from __future__ import annotations

from django import template

from ..models import AuditEntry
from ..sentences import sentence

register = template.Library()


@register.filter
def history_sentence(entry: AuditEntry) -> str:
    return sentence(entry)
