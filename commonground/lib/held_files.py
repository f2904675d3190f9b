"""A file held for one signed-in user between its check and its confirmation.

An import is checked, shown line by line, and only then confirmed. Between those steps the file
waits in the user's own session (imports are at most 2 MB) with a token the confirm form must
send back, so what is imported is exactly the file that was checked, checked again, and never
a file the browser sends a second time.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HeldFile:
    """The file waiting for confirmation, and what the upload form said about it."""

    token: str
    filename: str
    content: bytes
    details: dict[str, Any]


def hold(
    request: HttpRequest,
    key: str,
    filename: str | None,
    content: bytes,
    details: dict[str, Any] | None = None,
) -> None:
    """Keep the file under `key` (for example "posts-import:7"), replacing any held before."""
    request.session[key] = {
        "token": secrets.token_urlsafe(16),
        "filename": filename or "the file",
        "content": base64.b64encode(content).decode("ascii"),
        "details": details or {},
    }


def held(request: HttpRequest, key: str) -> HeldFile | None:
    """The file held under `key`, or None when there is none (or the session was cleared)."""
    kept = request.session.get(key)
    if not isinstance(kept, dict):
        return None
    return HeldFile(
        token=kept["token"],
        filename=kept["filename"],
        content=base64.b64decode(kept["content"]),
        details=kept.get("details", {}),
    )


def confirmed(request: HttpRequest, key: str) -> HeldFile | None:
    """The held file when the confirm form sent back its token; None otherwise."""
    kept = held(request, key)
    if kept is None or request.POST.get("token") != kept.token:
        return None
    return kept


def forget(request: HttpRequest, key: str) -> None:
    request.session.pop(key, None)
