"""The pages a person sees when a page is not found, is not theirs, or fails.

Not found and no access are drawn in the site's layout, with the menu the person would see on
any other page. The server error page (templates/500.html) stands alone: it is drawn with no
request context, because whatever failed (the database, a context processor) may fail again.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme


def back_url(request: HttpRequest) -> str:
    """The page the person came from, when it is one of this site's own pages."""
    referrer = request.META.get("HTTP_REFERER", "")
    own = url_has_allowed_host_and_scheme(
        referrer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referrer if own and referrer != request.build_absolute_uri() else ""


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"back_url": back_url(request)}, status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The reasons the pages give (PermissionDenied("Only participants of the cohort ...")) are
    # written for the person who sees them.
    reason = str(exception) if exception is not None else ""
    context = {"back_url": back_url(request), "reason": reason}
    return render(request, "403.html", context, status=403)


def server_error_page() -> HttpResponse:
    page = render_to_string("500.html", {"site_name": settings.SITE_NAME})
    return HttpResponse(page, status=500)


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for by themselves, is the site's icon, never a 404."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
