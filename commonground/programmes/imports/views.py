"""Pages to import a past cohort: upload and check, preview, confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from commonground.lib import held_files
from commonground.lib.access import require_programme_team
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Programme

from .forms import CohortImportForm
from .parsing import Problem, read_file
from .services import import_cohort
from .validation import CohortFields, ImportPlan, participants, plan_import

PREVIEW_ROWS = 25
SUMMARY_PROBLEMS = 10


def _programme(request: AuthenticatedRequest, slug: str) -> Programme:
    """Only the programme's staff import; facilitators may see it but not change it."""
    programme = get_object_or_404(Programme, slug=slug)
    require_programme_team(request, programme.pk)
    return programme


@login_required
def cohort_import(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    if request.method != "POST":
        return _upload_page(request, programme, CohortImportForm(programme=programme))
    form = CohortImportForm(request.POST, request.FILES, programme=programme)
    if not form.is_valid():
        return _upload_page(request, programme, form)
    upload = form.cleaned_data["file"]
    content = upload.read()
    fields = form.cohort_fields()
    _plan, problems = _check(programme, fields, content)
    if problems:
        return _upload_page(request, programme, form, problems, upload.name)
    held_files.hold(request, _key(programme), upload.name, content, _details(fields))
    return redirect("imports:cohort_import_preview", slug=programme.slug)


@login_required
def cohort_import_preview(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    pending = held_files.held(request, _key(programme))
    if pending is None:
        return _start_again(request, programme)
    fields = _fields(pending.details)
    plan, problems = _check(programme, fields, pending.content)
    if problems or plan is None:
        held_files.forget(request, _key(programme))
        return _problems_page(request, programme, fields, problems, pending.filename)
    return render(
        request,
        "imports/preview.html",
        {
            "programme": programme,
            "fields": fields,
            "plan": plan,
            "counts": plan.counts,
            "first_rows": plan.enrolments[:PREVIEW_ROWS],
            "filename": pending.filename,
            "token": pending.token,
        },
    )


@login_required
@require_POST
def cohort_import_confirm(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    pending = held_files.confirmed(request, _key(programme))
    if pending is None:
        return _start_again(request, programme)
    held_files.forget(request, _key(programme))
    fields = _fields(pending.details)
    parsed = read_file(pending.content)
    result = import_cohort(programme, fields, parsed.rows, by=request.user)
    problems = parsed.problems or result.problems
    if problems or result.cohort is None:
        return _problems_page(request, programme, fields, problems, pending.filename)
    messages.success(
        request, f"Imported {participants(result.counts.participants)} into {result.cohort.name}"
    )
    return redirect("programmes:cohort", pk=result.cohort.pk)


def _check(
    programme: Programme, fields: CohortFields, content: bytes
) -> tuple[ImportPlan | None, list[Problem]]:
    parsed = read_file(content)
    if parsed.problems:
        return None, parsed.problems
    plan = plan_import(programme, fields, parsed.rows)
    return plan, plan.problems


def _upload_page(
    request: AuthenticatedRequest,
    programme: Programme,
    form: CohortImportForm,
    problems: list[Problem] | None = None,
    filename: str = "",
) -> HttpResponse:
    problems = problems or []
    return render(
        request,
        "imports/upload.html",
        {
            "programme": programme,
            "form": form,
            "problems": problems,
            "summary_problems": problems[:SUMMARY_PROBLEMS],
            "more_problems": max(0, len(problems) - SUMMARY_PROBLEMS),
            "filename": filename,
        },
        status=400 if form.errors or problems else 200,
    )


def _problems_page(
    request: AuthenticatedRequest,
    programme: Programme,
    fields: CohortFields,
    problems: list[Problem],
    filename: str,
) -> HttpResponse:
    initial = asdict(fields)
    form = CohortImportForm(programme=programme, initial=initial)
    return _upload_page(request, programme, form, problems, filename)


def _start_again(request: AuthenticatedRequest, programme: Programme) -> HttpResponse:
    messages.info(request, "There is no file waiting to be imported; upload it again")
    return redirect("imports:cohort_import", slug=programme.slug)


def _key(programme: Programme) -> str:
    return f"cohort-import:{programme.pk}"


def _details(fields: CohortFields) -> dict[str, str | int]:
    return {
        "name": fields.name,
        "starts_on": fields.starts_on.isoformat(),
        "ends_on": fields.ends_on.isoformat(),
        "capacity": fields.capacity,
        "status": fields.status,
    }


def _fields(details: dict[str, Any]) -> CohortFields:
    return CohortFields(
        name=details["name"],
        starts_on=dt.date.fromisoformat(details["starts_on"]),
        ends_on=dt.date.fromisoformat(details["ends_on"]),
        capacity=int(details["capacity"]),
        status=details["status"],
    )
