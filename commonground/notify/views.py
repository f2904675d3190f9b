"""Notify's delivery receipts, the staff list of failed messages and one's own text reminders."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commonground.audit.log import save_form
from commonground.lib.access import load_viewer, require_programme_staff
from commonground.lib.http import AuthenticatedRequest

from . import failures, texts
from .forms import TextReminderForm
from .models import DeliveryFailure, TextReminderChoice

PER_PAGE = 50


@csrf_exempt
@require_POST
def delivery_receipt(request: HttpRequest) -> HttpResponse:
    """Notify posts each message's final status here with the bearer token set in its settings.

    Without NOTIFY_CALLBACK_TOKEN the address does not exist (404). A wrong token gets 401 with
    `WWW-Authenticate: Bearer`, the answer for a bad bearer token: the address is published in
    these docs, so a 404 would hide nothing and only make a wrong token harder to diagnose."""
    token = settings.NOTIFY_CALLBACK_TOKEN
    if not token:
        raise Http404("Not found")
    given = request.headers.get("Authorization", "")
    if not constant_time_compare(given, f"Bearer {token}"):
        return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    try:
        receipt = json.loads(request.body)
        if not isinstance(receipt, dict):
            raise failures.BadReceipt("the body is not a JSON object")
        failures.record_receipt(receipt)
    except ValueError as error:
        return JsonResponse({"error": f"Not a delivery receipt: {error}"}, status=400)
    return HttpResponse(status=204)


@login_required
def failure_list(request: AuthenticatedRequest) -> HttpResponse:
    """Recent messages that did not arrive, for programme staff to correct an address."""
    require_programme_staff(request, write=True)
    found = DeliveryFailure.objects.select_related("person").order_by("-failed_at", "-pk")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "notify/failures.html", {"page": page, "failures": list(page.object_list)}
    )


@login_required
def text_reminders(request: AuthenticatedRequest) -> HttpResponse:
    """A participant's own choice; hidden (404) while the site sends no text messages."""
    viewer = load_viewer(request)
    if not texts.offered() or viewer.person_id is None or not viewer.is_participant:
        raise Http404("Not found")
    found = TextReminderChoice.objects.filter(person_id=viewer.person_id).first()
    choice = found or TextReminderChoice(person_id=viewer.person_id)
    form = TextReminderForm(request.POST if request.method == "POST" else None, instance=choice)
    if request.method == "POST" and form.is_valid():
        saved = save_form(form, request.user, "notify.text_reminders.changed")
        messages.success(
            request,
            f"We will text {saved.mobile} the day before each cohort day."
            if saved.remind_day_before
            else "We will not text you reminders.",
        )
        return redirect("notify:text_reminders")
    return render(
        request,
        "notify/text_reminders.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
