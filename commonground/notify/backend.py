"""Django's mail API over GOV.UK Notify: one notification per recipient, by template.

Chosen with EMAIL_BACKEND=commonground.notify.backend.NotifyEmailBackend. An email made by
`lib/emails.py` carries its name, which picks its template from NOTIFY_TEMPLATES; any other email
uses NOTIFY_GENERIC_TEMPLATE_ID. Every template gets the rendered `subject` and `body` as
personalisation, and the name goes as Notify's `reference`, so delivery receipts say which email
failed.

An email with attachments (a calendar invitation) goes through NOTIFY_ATTACHMENT_BACKEND instead:
Notify sends files only as a download link, and Outlook adds or updates an event only from a
text/calendar part in the message itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import parseaddr
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient

from . import failures
from .client import NotifyError, call, client
from .models import FailureStatus


def template_for(email_name: str) -> str:
    template: str = settings.NOTIFY_TEMPLATES.get(email_name) or settings.NOTIFY_GENERIC_TEMPLATE_ID
    if not template:
        raise ImproperlyConfigured(
            f"No GOV.UK Notify template for the {email_name or 'unnamed'} email: "
            "set NOTIFY_GENERIC_TEMPLATE_ID or name it in NOTIFY_TEMPLATES"
        )
    return template


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self._client: NotificationsAPIClient | None = None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            try:
                sent += self._send(message)
            except NotifyError:
                if not self.fail_silently:
                    raise
        return sent

    def _send(self, message: EmailMessage) -> int:
        if message.attachments:
            backend = get_connection(
                settings.NOTIFY_ATTACHMENT_BACKEND, fail_silently=self.fail_silently
            )
            return backend.send_messages([message])
        notify = self._client = self._client or client()
        name: str = getattr(message, "email_name", "")
        template = template_for(name)
        personalisation = {"subject": message.subject, "body": message.body}
        accepted = 0
        for recipient in message.recipients():
            address = parseaddr(recipient)[1] or recipient
            try:
                call(
                    partial(
                        notify.send_email_notification,
                        email_address=address,
                        template_id=template,
                        personalisation=personalisation,
                        reference=name or None,
                    )
                )
            except NotifyError as error:
                if not error.refused:
                    raise
                # Waiting will not make a bad address good: record it for staff and carry on
                # with the other recipients.
                failures.record(
                    address, FailureStatus.REFUSED, email_type=name, detail=error.message
                )
            else:
                accepted += 1
        return 1 if accepted else 0
