"""A person's own network profile: whether they are listed, what they share and with whom."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.lib.http import AuthenticatedRequest

from ..access import own_person, require_member
from ..forms import ProfileForm
from ..models import Profile
from ..services import save_profile


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    scope = require_member(request)
    person = own_person(scope)
    found = Profile.objects.filter(person=person).first() or Profile(person=person)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=found)
    if request.method == "POST" and form.is_valid():
        save_profile(form.instance, form.cleaned_data["expertise_text"], request.user)
        messages.success(
            request,
            "Your profile is saved. You are listed in the alumni directory."
            if form.instance.listed
            else "Your profile is saved. You are not listed in the alumni directory.",
        )
        return redirect("alumni:profile")
    return render(
        request,
        "alumni/profile.html",
        {"form": form, "person": person, "profile": found},
        status=400 if form.errors else 200,
    )
