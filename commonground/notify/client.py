"""Talks to GOV.UK Notify's API: retries rate limits and outages a bounded number of times.

Notify answers 429 when the service sends faster than its limit and 5xx while it is unwell;
both pass, so each is retried after the waits in NOTIFY_RETRY_DELAYS. Any other error (400 for a
bad address or template, 403 for a bad key) will not pass by waiting and is raised at once.
"""

from __future__ import annotations

from collections.abc import Callable
from time import sleep
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

Response = dict[str, Any]


class NotifyError(Exception):
    """Notify did not accept a message; `status` is its HTTP status (503 when unreachable)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"GOV.UK Notify answered {status}: {message}")
        self.status = status
        self.message = message

    @property
    def refused(self) -> bool:
        """The request itself was wrong for this recipient (a bad address, a bad template)."""
        return self.status == 400


def is_configured() -> bool:
    return bool(settings.NOTIFY_API_KEY)


def client() -> NotificationsAPIClient:
    if not settings.NOTIFY_API_KEY:
        raise ImproperlyConfigured("NOTIFY_API_KEY must be set to send through GOV.UK Notify")
    # The client library ships py.typed but annotates none of its functions.
    return NotificationsAPIClient(  # type: ignore[no-untyped-call]
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL
    )


def _passes(status: int) -> bool:
    return status == 429 or status >= 500


def _message(error: HTTPError) -> str:
    found = error.message
    if isinstance(found, list):
        return "; ".join(str(item.get("message", item)) for item in found)
    return str(found)


def call(request: Callable[[], Response]) -> Response:
    """Make one request, retrying a rate limit or an outage; raise NotifyError when it fails."""
    for delay in [*settings.NOTIFY_RETRY_DELAYS, None]:
        try:
            return request()
        except HTTPError as error:
            if delay is None or not _passes(error.status_code):
                raise NotifyError(error.status_code, _message(error)) from error
            sleep(delay)
    raise AssertionError("unreachable: the last attempt returns or raises")
