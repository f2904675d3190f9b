"""Messages to a cohort: to everyone, a team, a learning set or chosen people; all are listed.

Writing a message leads to the check page (lib/checks.py), which names everyone it goes to and
shows the email as they will read it; only that page's button sends it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from commonground.lib.access import Level, get_cohort
from commonground.lib.checks import Check, EmailPreview, carried, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.cohort_messages import (
    Audiences,
    Chosen,
    audiences,
    choose_recipients,
    create_message,
)
from commonground.programmes.delivery_forms import MessageForm
from commonground.programmes.models import Cohort, CohortMessage

FIELDS = ("subject", "body", "audience", "team", "group", "recipients")


def _choice(form: MessageForm, offered: Audiences) -> dict[str, Any]:
    """The recipients the form chose, as `choose_recipients` and `create_message` take them."""
    audience = form.cleaned_data["audience"]
    return {
        "enrolment_ids": [int(pk) for pk in form.cleaned_data["recipients"]]
        if audience == "chosen"
        else None,
        "team": offered.teams[int(form.cleaned_data["team"])] if audience == "team" else None,
        "group": offered.groups[int(form.cleaned_data["group"])] if audience == "group" else None,
    }


def _check(
    request: AuthenticatedRequest, cohort: Cohort, form: MessageForm, chosen: Chosen
) -> HttpResponse:
    emailed = [person for person in chosen.people if person.email]
    unreachable = [person.name for person in chosen.people if not person.email]
    message = CohortMessage(
        cohort=cohort,
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["body"],
        audience=chosen.audience,
        sender=request.user,
    )
    rows = [("To", f"{chosen.audience}: {count_of(len(chosen.people), 'person', 'people')}")]
    if unreachable:
        rows.append(("Not emailed, as they have no email address", "\n".join(unreachable)))
    emails = (
        [
            EmailPreview.of(
                "The message",
                [person.name for person in emailed],
                "cohort-message",
                {"person": emailed[0], "message": message, "cohort": cohort},
            )
        ]
        if emailed
        else []
    )
    url = reverse("programmes:cohort_messages", args=[cohort.pk])
    check = Check(
        title="Check before you send the message",
        caption=str(cohort),
        confirm_label=f"Send the message to {count_of(len(emailed), 'person', 'people')}",
        back_url=url,
        rows=rows,
        emails=emails,
        warning="The message is emailed straight away and cannot be called back.",
        carry=carried(request, *FIELDS),
        breadcrumbs=[
            ("Home", reverse("home")),
            (str(cohort), reverse("programmes:cohort", args=[cohort.pk])),
            ("Messages", url),
        ],
        nothing_to_do="" if emailed else "No one chosen has an email address to send it to.",
    )
    return render_check(request, check)


@login_required
def cohort_messages(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every message sent to the cohort, newest first, with a form for a new one."""
    cohort = get_cohort(request, pk, Level.WRITE)
    offered = audiences(cohort)
    form = MessageForm(
        request.POST if request.method == "POST" else None,
        choices=offered.participants,
        teams=offered.team_choices(),
        groups=offered.group_choices(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if not confirmed(request):
                chosen = choose_recipients(cohort, **_choice(form, offered))
                return _check(request, cohort, form, chosen)
            message = create_message(
                cohort,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
                **_choice(form, offered),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your message “{message.subject}” is being sent to "
                f"{count_of(message.recipients.count(), 'person', 'people')}.",
            )
            return redirect("programmes:cohort_messages", pk=cohort.pk)
    sent = list(
        CohortMessage.objects.filter(cohort=cohort)
        .select_related("sender")
        .annotate(recipient_count=Count("recipients"))
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "programmes/cohort_messages.html",
        {"cohort": cohort, "form": form, "sent": sent},
        status=400 if form.errors else 200,
    )
