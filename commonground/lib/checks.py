"""The one "check your answers" step before an action that emails people or cannot be undone.

Every such action follows one convention, so a page can never act in one click:

* a GET of the action's URL, or a POST without `confirm=yes` (a choice made on another page,
  such as ticked participants), renders the check page: what will change, who receives which
  email with that email's subject and text, and a warning where it cannot be taken back;
* only a POST carrying `confirm=yes`, sent by the check page's button, acts.

A view builds a `Check` and returns `render_check(request, check)`; after acting it adds a
success message (shown in the notification banner at the top of the page it redirects to) and
the service records the action in the record's history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonground.lib import emails

CONFIRM_FIELD = "confirm"


def confirmed(request: HttpRequest) -> bool:
    """Whether this request is the check page's confirming POST, and so may act."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes"


@dataclass(frozen=True)
class EmailPreview:
    """One email the action sends: to whom, and its text as the first of them will read it."""

    description: str  # "Offer of a place", shown as the preview's heading
    recipients: Sequence[str]  # names (and addresses) of everyone who receives it
    subject: str
    body: str

    @classmethod
    def of(
        cls, description: str, recipients: Sequence[str], name: str, context: Mapping[str, Any]
    ) -> EmailPreview:
        """The preview of template email NAME rendered with CONTEXT (one recipient's)."""
        message = emails.render(name, context)
        return cls(description, list(recipients), str(message.subject), str(message.body))


@dataclass(frozen=True)
class Check:
    """What a check page shows before an action happens."""

    title: str  # "Check before you send the offers"
    caption: str  # the record acted on, shown above the title
    confirm_label: str  # the button: "Send 33 offers"
    back_url: str  # "Cancel" goes back here, acting on nothing
    rows: Sequence[tuple[str, str]] = ()  # what changes, as a GOV.UK summary list
    rows_heading: str = "What will change"  # the rows' heading, when nothing changes as such
    emails: Sequence[EmailPreview] = ()
    warning: str = ""  # "This cannot be undone", in GOV.UK warning text
    form: forms.Form | None = None  # a reason or override the action needs, validated on confirm
    carry: Mapping[str, Sequence[str]] = field(default_factory=dict)  # choices to post again
    breadcrumbs: Sequence[tuple[str, str]] = ()  # (label, URL) for the breadcrumbs
    nothing_to_do: str = ""  # when set, the page says this and offers no button
    no_email_note: str = ""  # said when the action emails no one, e.g. "No one is emailed."


def carried(request: HttpRequest, *names: str) -> dict[str, list[str]]:
    """The choices named NAMES from the POST that led to a check page, to post again on confirm."""
    data = request.POST if request.method == "POST" else request.GET
    return {name: data.getlist(name) for name in names if data.getlist(name)}


def render_check(request: HttpRequest, check: Check, status: int = 200) -> HttpResponse:
    hidden = [
        (name, value)
        for name, values in check.carry.items()
        for value in values
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
    ]
    if check.form is not None and check.form.is_bound and check.form.errors:
        status = 400
    return render(
        request,
        "check_answers.html",
        {"check": check, "hidden": hidden, "form": check.form},
        status=status,
    )
