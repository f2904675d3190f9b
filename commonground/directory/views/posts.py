"""Posts a person has held: add one to their career history, or correct one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from commonground.audit.log import save_form
from commonground.lib.access import get_person
from commonground.lib.http import AuthenticatedRequest

from ..forms import PostForm
from ..ladder import ladder_for, programme_of
from ..models import Person, Post


def _edit(request: AuthenticatedRequest, person: Person, post: Post) -> HttpResponse:
    action = "directory.post.changed" if post.pk else "directory.post.created"
    # The band in the words of the programme the person joined last.
    labels = ladder_for(programme_of(person)).choices()
    form = PostForm(
        request.POST if request.method == "POST" else None, instance=post, labels=labels
    )
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user, action)
        messages.success(request, f"Post “{post.title}” saved.")
        return redirect(person)
    return render(
        request,
        "directory/post_form.html",
        {"form": form, "person": person, "post": post, "name": person.name},
    )


@login_required
def post_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person(request, pk, write=True)
    post = Post(person=person)
    if request.method != "POST":
        # Start from what the directory says about them now.
        post.organisation_id = person.organisation_id  # type: ignore[assignment]
        post.title = person.job_title
        post.band = person.band
    return _edit(request, person, post)


@login_required
def post_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    post = Post.objects.filter(pk=pk).first()
    if post is None:
        raise Http404("Not found")
    person = get_person(request, post.person_id, write=True)
    return _edit(request, person, post)
