"""Authenticates API calls with a personal token sent as `Authorization: Bearer <token>`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from commonground.accounts.models import ApiToken
from commonground.lib.access import lacks_required_second_factor

NO_SECOND_FACTOR = (
    "Staff and administrators need an authenticator app before using the API. "
    "Sign in to the website and set one up; this token will then work again."
)


class PersonalToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.find(token)
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        # A viewer built before the token was read would be an anonymous one.
        request.__dict__.pop("_viewer", None)
        # Tokens made before the second factor was required must not get round it.
        if lacks_required_second_factor(request):
            raise PermissionDenied(NO_SECOND_FACTOR)
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.user
