"""Sends staff and administrators without a second factor to set one up before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from commonground.lib.access import lacks_required_second_factor

# Pages a staff member without a second factor may still open: signing in and out, confirming
# their email address, setting up the authenticator, and static files.
OPEN_PREFIXES = ("/accounts/", "/account/second-factor/", "/static/")


class RequireMFAForStaffMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PREFIXES) and lacks_required_second_factor(request):
            return redirect("accounts:second_factor")
        return self.get_response(request)
