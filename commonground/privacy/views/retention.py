"""The retention pages: the dry run staff read first, then the check page that runs it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from commonground.lib.access import require_programme_staff
from commonground.lib.checks import Check, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.retention import report
from commonground.lib.words import count_of

from .. import retention as runs
from ..models import RetentionRun


@require_GET
@login_required
def retention_report(request: AuthenticatedRequest) -> HttpResponse:
    require_programme_staff(request, write=True)
    due = report()
    return render(
        request,
        "privacy/retention.html",
        {
            "due": due,
            "total": sum(item.count for item in due),
            "last_run": RetentionRun.objects.select_related("ran_by").first(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def retention_apply(request: AuthenticatedRequest) -> HttpResponse:
    require_programme_staff(request, write=True)
    if confirmed(request):
        run = runs.apply(request.user)
        messages.success(request, f"{count_of(sum(run.counts.values()), 'record')} anonymised.")
        return redirect("privacy:retention")
    due = [item for item in report() if item.count]
    back = reverse("privacy:retention")
    check = Check(
        title="Check before you anonymise expired records",
        caption="Retention",
        confirm_label="Anonymise these records",
        back_url=back,
        rows=[(item.kind.title, f"{item.count}: {item.kind.action}") for item in due],
        warning="Anonymised records cannot be put back.",
        nothing_to_do="" if due else "No record is past its retention period today.",
        breadcrumbs=[("Retention", back)],
    )
    return render_check(request, check)
