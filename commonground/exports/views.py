"""Pages for exports: asking for one, following its progress, the list of one's own, the download.

An export is its asker's alone: anyone else, whatever their role, gets 404 for its pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from commonground.lib.exports import FORMAT_NAMES, FORMATS
from commonground.lib.http import AuthenticatedRequest

from . import services
from .models import Export, Status
from .registry import Params, kind

RECENT = 20


def ask_for_export(request: HttpRequest, name: str, fmt: str, params: Params) -> HttpResponse:
    """The page behind every "Export" button: GET says what will be prepared, POST asks for it
    and goes to its progress page at once. Access is the registered export's own."""
    export_kind = kind(name)
    if fmt not in export_kind.formats:
        raise Http404("Not found")
    if request.method == "POST":
        export = services.ask(request, name, fmt, params)
        return redirect("exports:export", pk=export.pk)
    sheet = export_kind.prepare(request, params)
    return render(
        request,
        "exports/ask.html",
        {
            "title": sheet.title,
            "format_name": FORMAT_NAMES[fmt],
            "keep_hours": settings.EXPORTS_KEEP_HOURS,
        },
    )


def _own(request: AuthenticatedRequest, pk: int) -> Export:
    export = Export.objects.filter(pk=pk, owner=request.user).first()
    if export is None or export.is_expired:
        raise Http404("Not found")
    return export


@require_GET
@login_required
def export_list(request: AuthenticatedRequest) -> HttpResponse:
    exports = Export.objects.filter(owner=request.user, expires_at__gt=timezone.now())
    return render(
        request,
        "exports/list.html",
        {"exports": exports[:RECENT], "keep_hours": settings.EXPORTS_KEEP_HOURS},
    )


@require_GET
@login_required
def export_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "exports/export.html", {"export": _own(request, pk)})


@require_GET
@login_required
def export_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress panel alone, polled while the file is prepared."""
    return render(request, "exports/includes/progress.html", {"export": _own(request, pk)})


@require_GET
@login_required
def export_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    export = _own(request, pk)
    if export.status != Status.READY:
        raise Http404("Not found")
    # Whoever asked must still be allowed the export itself (a role may have ended since).
    kind(export.kind).prepare(request, export.params)
    try:
        handle = export.path.open("rb")
    except FileNotFoundError:
        raise Http404("Not found") from None
    response = FileResponse(handle, as_attachment=True, filename=export.download_name)
    response["Content-Type"] = FORMATS[export.fmt]
    return response
