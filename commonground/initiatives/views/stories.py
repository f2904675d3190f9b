"""Stories: what changed, for whom and on what evidence, and the consent of the people named."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import history
from commonground.lib.access import load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.words import count_of

from ..access import get_initiative, get_story
from ..forms import ConsentForm, StoryForm
from ..models import Consent
from ..services import record_consent, save_story


@login_required
def story_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = get_initiative(request, pk, contribute=True)
    form = StoryForm(request.POST or None, initiative=access.initiative)
    if request.method == "POST" and form.is_valid():
        story = save_story(form, request.user, load_viewer(request).person_id)
        messages.success(request, f"Story “{story.title}” added.")
        return redirect(story)
    return render(
        request,
        "initiatives/story_form.html",
        {"initiative": access.initiative, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def story(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found, access = get_story(request, pk)
    named = list(found.named_people.select_related("recorded_by"))
    return render(
        request,
        "initiatives/story.html",
        {
            "story": found,
            "initiative": access.initiative,
            "access": access,
            "named": named,
            "usable": all(p.consent == Consent.GIVEN for p in named),
            "history": list(history(found)) if access.may_contribute else None,
        },
    )


@login_required
def story_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found, access = get_story(request, pk, contribute=True)
    form = StoryForm(request.POST or None, instance=copy(found), initiative=access.initiative)
    if request.method == "POST" and form.is_valid():
        save_story(form, request.user, found.author_id)
        messages.success(request, "Story saved.")
        return redirect(found)
    return render(
        request,
        "initiatives/story_form.html",
        {"initiative": access.initiative, "story": found, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def story_consent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found, access = get_story(request, pk, contribute=True)
    named = list(found.named_people.all())
    form = ConsentForm(request.POST or None, named=named)
    if request.method == "POST" and form.is_valid():
        changed = record_consent(found, form, request.user)
        messages.success(request, f"Consent recorded: {count_of(changed, 'answer')} changed.")
        return redirect(found)
    return render(
        request,
        "initiatives/story_consent.html",
        {"story": found, "initiative": access.initiative, "form": form, "named": named},
        status=400 if form.errors else 200,
    )
