"""The start of setting up a second factor: first make sure the account's email is verified.

An authenticator may be added only once every email address on the account is verified (so a
stranger who typed someone else's address cannot lock its owner out). Rather than leave staff
to find that rule on an error, this page sends the link itself and says where it went.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.lib.http import AuthenticatedRequest
from commonground.lib.throttle import Throttle

# A person may ask again, but not flood their own inbox.
VERIFICATION_LINKS = Throttle(
    "accounts.verification_link",
    per_ip=20,
    per_email=5,
    window_seconds=3600,
    message="We have sent several links already. Wait an hour, then ask for another.",
)
SENT_SESSION_KEY = "second_factor_link_sent"


@login_required
def start(request: AuthenticatedRequest) -> HttpResponse:
    if Authenticator.objects.filter(user_id=request.user.pk, type=Authenticator.Type.TOTP).exists():
        return redirect("home")
    unverified = list(EmailAddress.objects.filter(user_id=request.user.pk, verified=False))
    if not unverified:
        return redirect("mfa_activate_totp")
    if request.method == "POST" or not request.session.get(SENT_SESSION_KEY):
        if _send_links(request, unverified) and request.method == "POST":
            messages.success(request, "We have sent the link again.")
        request.session[SENT_SESSION_KEY] = True
        if request.method == "POST":
            return redirect("accounts:second_factor")
    return render(request, "accounts/second_factor.html", {"emails": [a.email for a in unverified]})


def _send_links(request: AuthenticatedRequest, addresses: list[EmailAddress]) -> bool:
    for address in addresses:
        if not VERIFICATION_LINKS.allow(request, address.email):
            messages.error(request, VERIFICATION_LINKS.message)
            return False
        address.send_confirmation(request)
    return True
