"""A person's sign-in email address, shown but not changed by them.

The address is who they are: the continue links, the sponsors' and raters' emails and the panel
all find people by it. Letting someone add or switch to an address they have not proved they
own would let them take another person's place, so only the programme team changes it, in the
directory, and the sign-in library's own page for managing addresses is not served.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from commonground.lib.http import AuthenticatedRequest


@require_safe
@login_required
def email_address(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "accounts/email_address.html", {"email": request.user.email})
