"""Staff import posts from a spreadsheet: every problem listed by line and column, or all saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.lib.access import Level
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.imports.parsing import MAX_BYTES, Problem

from ..access import get_report_programme
from ..forms import PostImportForm
from ..post_import import import_posts

# As the cohort import: the first problems at the top, every one in the table below.
SUMMARY_PROBLEMS = 10


@login_required
def import_posts_page(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_report_programme(request, slug, Level.WRITE)
    form = PostImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    filename = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        if upload.size > MAX_BYTES:
            form.add_error("file", "The file is larger than 2 MB; split it into smaller files")
        else:
            result = import_posts(programme, upload.read(), request.user)
            if not result.problems:
                messages.success(
                    request,
                    f"Imported {count_of(len(result.posts), 'post')}"
                    + (
                        f"; {result.suggested} band{'s' if result.suggested != 1 else ''} "
                        "worked out from the job title"
                        if result.suggested
                        else ""
                    )
                    + ".",
                )
                return redirect("progression:report", slug=programme.slug)
            problems = result.problems
    return render(
        request,
        "progression/import_posts.html",
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
