"""Staff create and revoke their personal API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from commonground.lib.access import require_programme_staff
from commonground.lib.http import AuthenticatedRequest

from .models import ApiToken
from .services import issue_api_token, revoke_api_token


class TokenForm(forms.Form):
    label = forms.CharField(
        max_length=100, help_text="What the token is for, for example: evaluation spreadsheet"
    )


@login_required
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    require_programme_staff(request, write=True)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        secret = issue_api_token(request.user, form.cleaned_data["label"])
        form = TokenForm()
    existing = ApiToken.objects.filter(user_id=request.user.pk)
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": existing, "secret": secret}
    )


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_programme_staff(request, write=True)
    token = get_object_or_404(ApiToken, pk=pk, user_id=request.user.pk)
    revoke_api_token(token, by=request.user)
    messages.success(request, f"Token “{token.label}” revoked.")
    return redirect("accounts:tokens")
