"""Staff import posts from a spreadsheet in two steps: upload and check line by line, then
confirm; a file with any problem is listed by line and column and nothing is saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.lib import held_files
from commonground.lib.access import Level
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of
from commonground.programmes.imports.parsing import MAX_BYTES, Problem
from commonground.programmes.models import Programme

from ..access import get_report_programme
from ..forms import PostImportForm
from ..post_import import check_file, import_posts

# As the cohort import: the first problems at the top, every one in the table below.
SUMMARY_PROBLEMS = 10


@login_required
def import_posts_page(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_report_programme(request, slug, Level.WRITE)
    if request.method != "POST":
        return _upload_page(request, programme, PostImportForm())
    form = PostImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, programme, form)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_BYTES:
        form.add_error("file", "The file is larger than 2 MB; split it into smaller files")
        return _upload_page(request, programme, form)
    content = upload.read()
    result = check_file(programme, content)
    if result.problems:
        return _upload_page(request, programme, form, result.problems, upload.name)
    held_files.hold(request, _key(programme), upload.name, content)
    return redirect("progression:import_posts_check", slug=programme.slug)


@login_required
def import_posts_check(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_report_programme(request, slug, Level.WRITE)
    pending = held_files.held(request, _key(programme))
    if pending is None:
        return _start_again(request, programme)
    result = check_file(programme, pending.content)
    if result.problems:
        # The directory changed since the upload (someone removed a person, say).
        held_files.forget(request, _key(programme))
        return _upload_page(request, programme, PostImportForm(), result.problems, pending.filename)
    return render(
        request,
        "progression/import_posts_check.html",
        {
            "programme": programme,
            "result": result,
            "filename": pending.filename,
            "token": pending.token,
        },
    )


@login_required
@require_POST
def import_posts_confirm(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    programme, _ = get_report_programme(request, slug, Level.WRITE)
    pending = held_files.confirmed(request, _key(programme))
    if pending is None:
        return _start_again(request, programme)
    held_files.forget(request, _key(programme))
    result = import_posts(programme, pending.content, request.user)
    if result.problems:
        return _upload_page(request, programme, PostImportForm(), result.problems, pending.filename)
    messages.success(request, _imported(len(result.posts), result.suggested, result.closed))
    return redirect("progression:report", slug=programme.slug)


def _imported(posts: int, suggested: int, closed: int) -> str:
    said = f"Imported {count_of(posts, 'post')}"
    if suggested:
        said += f"; {suggested} band{'s' if suggested != 1 else ''} worked out from the job title"
    if closed:
        said += f"; {count_of(closed, 'earlier post')} ended"
    return said + "."


def _upload_page(
    request: AuthenticatedRequest,
    programme: Programme,
    form: PostImportForm,
    problems: list[Problem] | None = None,
    filename: str = "",
) -> HttpResponse:
    problems = problems or []
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


def _start_again(request: AuthenticatedRequest, programme: Programme) -> HttpResponse:
    messages.info(request, "There is no file of posts waiting to be imported; upload it again")
    return redirect("progression:import_posts", slug=programme.slug)


def _key(programme: Programme) -> str:
    return f"posts-import:{programme.pk}"
