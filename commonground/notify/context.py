"""Template context for the menu: whether the site sends through Notify and offers texts."""

from __future__ import annotations

from django.http import HttpRequest

from .client import is_configured
from .texts import offered


def notify(request: HttpRequest) -> dict[str, bool]:
    return {"notify_configured": is_configured(), "text_reminders_offered": offered()}
