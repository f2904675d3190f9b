"""Messages to a cohort: to everyone, a team, a learning set or chosen people; all are listed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.lib.access import Level, get_cohort
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.audiences import cohort_teams, group_label, published_groups
from commonground.programmes.cohort_messages import WHOLE_COHORT, create_message
from commonground.programmes.delivery_forms import MessageForm
from commonground.programmes.models import CohortMessage, Enrolment, EnrolmentStatus


@login_required
def cohort_messages(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every message sent to the cohort, newest first, with a form for a new one."""
    cohort = get_cohort(request, pk, Level.WRITE)
    active = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE).select_related(
            "person"
        )
    )
    teams = {team.pk: team for team in cohort_teams(cohort)}
    groups = {group.pk: group for group in published_groups(cohort)}
    form = MessageForm(
        request.POST if request.method == "POST" else None,
        choices=[(e.pk, e.person.name) for e in active],
        teams=[(pk, team.name) for pk, team in teams.items()],
        groups=[(pk, group_label(group)) for pk, group in groups.items()],
    )
    if request.method == "POST" and form.is_valid():
        audience = form.cleaned_data["audience"]
        chosen = audience == "chosen"
        ids = [int(pk) for pk in form.cleaned_data["recipients"]] if chosen else None
        try:
            message = create_message(
                cohort,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                enrolment_ids=ids,
                audience=count_of(len(ids), "chosen participant") if ids else WHOLE_COHORT,
                team=teams[int(form.cleaned_data["team"])] if audience == "team" else None,
                group=groups[int(form.cleaned_data["group"])] if audience == "group" else None,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Your message “{message.subject}” is being sent.")
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
