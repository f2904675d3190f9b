"""An alumnus's own career record: they tell us about a new post from their home page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from commonground.lib.access import load_viewer
from commonground.lib.http import AuthenticatedRequest

from ..career import OwnPostForm, record_own_post
from ..models import Person


@login_required
def my_post(request: AuthenticatedRequest) -> HttpResponse:
    """Alumni only: anyone else has no career record to keep here, and gets 404."""
    viewer = load_viewer(request)
    person = Person.objects.filter(pk=viewer.person_id or 0).first() if viewer.is_alumnus else None
    if person is None:
        raise Http404("Not found")
    form = OwnPostForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        post = record_own_post(person, form.cleaned_data, request.user)
        messages.success(request, f"Your new role is recorded: {post.title}, {post.organisation}.")
        return redirect("home")
    return render(
        request,
        "directory/my_post.html",
        {"form": form, "current": person.posts.filter(ended_on__isnull=True).first()},
    )
