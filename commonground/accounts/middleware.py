"""Sends staff and administrators without a second factor to set one up before anything else."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from commonground.lib.access import load_viewer

# Pages a staff member without a second factor may still open: signing in and out, confirming
# their email address, setting up the authenticator, and static files.
OPEN_PREFIXES = ("/accounts/", "/account/second-factor/", "/static/")


class RequireMFAForStaffMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and load_viewer(request).is_programme_staff
            and not Authenticator.objects.filter(
                user_id=request.user.pk, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect("accounts:second_factor")
        return self.get_response(request)
