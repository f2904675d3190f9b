"""Answers 503 "try again shortly" when the database cannot be reached, instead of a traceback.

The page is rendered without the request's context: the base template asks the database who
the viewer is, and the database is what is missing.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .errors import server_error_page

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)
MESSAGE = "The service is unavailable for a moment. Try again in a minute."


def unavailable(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        page = render_to_string("503.html", {"site_name": settings.SITE_NAME, "message": MESSAGE})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's database error into the 503; server_error covers the other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.warning("database unavailable for %s", request.path, exc_info=exception)
        return unavailable(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database error raised outside a view (loading the session or the
    signed-in user in a middleware) never reaches process_exception, so it is answered here;
    any other failure gets the standalone "problem with the service" page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable(request)
    return server_error_page()
