"""One-click unsubscribe from the weekly alumni email, by the signed link in every email.

A GET shows a button (mail scanners open links, and must not unsubscribe anyone); the button's
POST, or a mail application's RFC 8058 POST of `List-Unsubscribe=One-Click`, stops the email.
Neither needs signing in, so neither can carry a CSRF token: the signed link is the proof.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from ..digest import person_of, unsubscribe


@csrf_exempt
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    person = person_of(token)
    if person is None:
        return render(request, "alumni/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        unsubscribe(person)
        return render(request, "alumni/unsubscribe.html", {"done": True, "person": person})
    return render(request, "alumni/unsubscribe.html", {"person": person, "token": token})
