"""The home page: what matters to this person, by their role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonground.lib.access import load_viewer


@login_required
def home(request: HttpRequest) -> HttpResponse:
    viewer = load_viewer(request)
    return render(request, "programmes/home.html", {"viewer": viewer})
