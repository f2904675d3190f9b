"""Sends the product's emails: each a template triple, rendered and sent through Django's mail API.

An email called NAME has `templates/emails/NAME-subject.txt`, `NAME-body.txt` and
`NAME-body.html`; the HTML part extends `emails/base.html`. The message carries NAME as
`email_name`, so a backend that sends by template (GOV.UK Notify) knows which email it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class CalendarMessage:
    """An iTIP message (RFC 5546) for the recipient's calendar: an iCalendar object whose METHOD,
    REQUEST or CANCEL, is repeated as `method`."""

    content: bytes
    method: str


def attach_calendar(message: EmailMultiAlternatives, calendar: CalendarMessage) -> None:
    """Carry the calendar message as mail clients act on it.

    Outlook and Gmail add, update or remove the event from a `text/calendar` alternative whose
    `method` parameter matches the METHOD inside it; the same file as `invite.ics` serves clients
    that only import attachments. The attachment is `application/ics` so no client reads it as a
    second invitation.
    """
    mimetype = f"text/calendar; method={calendar.method}"
    message.attach_alternative(calendar.content.decode(), mimetype)
    message.attach("invite.ics", calendar.content, "application/ics")


class NamedEmail(EmailMultiAlternatives):
    """A message that knows which of the product's emails it is."""

    email_name: str = ""


def render(name: str, context: Mapping[str, Any]) -> NamedEmail:
    """The message, ready to send; its recipients are set by `send`."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = NamedEmail(subject=" ".join(subject.split()), body=text)
    message.email_name = name
    message.attach_alternative(html, "text/html")
    return message


def send(
    name: str,
    to: Sequence[str],
    context: Mapping[str, Any],
    attachments: Sequence[Attachment] = (),
    reply_to: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
    calendar: CalendarMessage | None = None,
) -> NamedEmail:
    message = render(name, context)
    message.to = list(to)
    message.reply_to = list(reply_to)
    message.extra_headers.update(headers or {})
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    if calendar is not None:
        attach_calendar(message, calendar)
    message.send()
    return message
