"""The subject access export's check page: staff see what will be gathered, then ask for it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from commonground.audit.log import record_changes
from commonground.exports import services as exports
from commonground.lib.checks import Check, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.personal_data import holdings

from ..subject_access import EXPORT_NAME, person_for_staff


@require_http_methods(["GET", "POST"])
@login_required
def subject_access(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = person_for_staff(request, pk)
    if confirmed(request):
        export = exports.ask(request, EXPORT_NAME, "zip", {"person": str(person.pk)})
        record_changes(
            request.user, person, "privacy.subject_access.asked", {"export": [None, export.pk]}
        )
        return redirect("exports:export", pk=export.pk)
    kinds = holdings()
    apps = sorted({holding.app for holding in kinds})
    person_url = reverse("directory:person", args=[person.pk])
    check = Check(
        title="Check before you export everything held about this person",
        caption=person.name,
        confirm_label="Prepare the subject access export",
        back_url=person_url,
        rows_heading="What the export holds",
        rows=[
            ("Person", f"{person.name}, {person.email}"),
            (
                "What is gathered",
                f"{len(kinds)} kinds of record from {len(apps)} parts of the site: "
                + ", ".join(apps),
            ),
            ("File", "A ZIP holding a JSON and a CSV file for each kind, and a readable summary"),
            ("Who may download it", "Only you, until it expires"),
        ],
        no_email_note="No one is emailed. Send the file to the person yourself, securely.",
        warning="The file holds everything about this person: keep it safe and delete your "
        "copy once it has been sent.",
        breadcrumbs=[("People", reverse("directory:people")), (person.name, person_url)],
    )
    return render_check(request, check)
