"""An alumnus's own career record: they see it, add and correct posts, and answer the yearly
"still in this role?" email with one click."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from commonground.lib.access import load_viewer
from commonground.lib.http import AuthenticatedRequest

from ..career import (
    CareerChoiceForm,
    CareerPostForm,
    OwnPostForm,
    confirm_still_in_role,
    current_posts,
    record_career_choice,
    record_own_post,
    save_own_post,
)
from ..career_checks import person_from_link
from ..ladder import ladder_for, programme_of
from ..models import CareerChoice, Person, Post


def _own_person(request: AuthenticatedRequest) -> Person:
    """Alumni only: anyone else has no career record to keep here, and gets 404."""
    viewer = load_viewer(request)
    person = Person.objects.filter(pk=viewer.person_id or 0).first() if viewer.is_alumnus else None
    if person is None:
        raise Http404("Not found")
    return person


@login_required
def my_career(request: AuthenticatedRequest) -> HttpResponse:
    person = _own_person(request)
    posts = Post.objects.filter(person=person).select_related("organisation")
    ladder = ladder_for(programme_of(person))
    return render(
        request,
        "directory/my_career.html",
        {
            "person": person,
            "posts": posts,
            "choice": CareerChoice.objects.filter(person=person).first(),
            "choice_form": CareerChoiceForm(),
            "ladder": ladder,
            "labels": ladder.labels,
        },
    )


@login_required
@require_POST
def my_career_choice(request: AuthenticatedRequest) -> HttpResponse:
    """The privacy notice's answer, from the career record or, for participants and alumni who
    joined without seeing it, from their home page."""
    viewer = load_viewer(request)
    if viewer.person_id is None or not (viewer.is_alumnus or viewer.is_participant):
        raise Http404("Not found")
    person = Person.objects.get(pk=viewer.person_id)
    back = "career" if request.POST.get("back") == "career" and viewer.is_alumnus else "home"
    form = CareerChoiceForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "directory/career_choice.html",
            {"choice_form": form, "back": back},
            status=400,
        )
    record_career_choice(person, form.cleaned_data["follow_up"], request.user)
    if back == "career":
        messages.success(request, "Your choice is recorded. You can change it here at any time.")
        return redirect("directory:my_career")
    where = "at any time" if viewer.is_alumnus else "after the programme"
    messages.success(
        request, f"Your choice is recorded. You can change it on your career record {where}."
    )
    return redirect("home")


@login_required
def my_post(request: AuthenticatedRequest) -> HttpResponse:
    person = _own_person(request)
    form = OwnPostForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        post = record_own_post(person, form.cleaned_data, request.user)
        messages.success(request, f"Your new role is recorded: {post.title}, {post.organisation}.")
        return redirect("directory:my_career")
    return render(
        request,
        "directory/my_post.html",
        {"form": form, "current": person.posts.filter(ended_on__isnull=True).first()},
        status=400 if form.errors else 200,
    )


def _edit_own(request: AuthenticatedRequest, person: Person, post: Post) -> HttpResponse:
    form = CareerPostForm(
        request.POST if request.method == "POST" else None, instance=post, person=person
    )
    if request.method == "POST" and form.is_valid():
        saved = save_own_post(form, request.user)
        messages.success(request, f"Saved: {saved.title}, {saved.organisation}.")
        return redirect("directory:my_career")
    return render(
        request,
        "directory/my_post_form.html",
        {"form": form, "post": post},
        status=400 if form.errors else 200,
    )


@login_required
def my_post_add(request: AuthenticatedRequest) -> HttpResponse:
    person = _own_person(request)
    return _edit_own(request, person, Post(person=person))


@login_required
def my_post_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _own_person(request)
    post = Post.objects.filter(pk=pk, person=person).first()
    if post is None:
        raise Http404("Not found")
    return _edit_own(request, person, post)


@never_cache
def still_in_role(request: HttpRequest, token: str) -> HttpResponse:
    """The yearly email's one-click answer. Anyone holding the link may say "nothing has
    changed" for that person; it signs nobody in, and only the button's POST records it."""
    person = person_from_link(token)
    if person is None:
        return render(request, "directory/still_in_role_expired.html", status=404)
    if request.method == "POST":
        confirm_still_in_role(person, request.user if request.user.is_authenticated else None)
        return render(request, "directory/still_in_role_done.html", {"person": person})
    return render(
        request,
        "directory/still_in_role.html",
        {"person": person, "posts": current_posts(person), "token": token},
    )
