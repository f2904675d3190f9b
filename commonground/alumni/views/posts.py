"""Asks and offers: the network's list, posting one, replying privately, its author closing it,
and staff hiding one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.lib.access import Level
from commonground.lib.checks import Check, confirmed, render_check
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Programme

from .. import services
from ..access import get_post, load_scope, own_person, posts_visible, require_network
from ..forms import HideForm, PostForm, ReplyForm
from ..models import Post, PostKind, Reply

PER_PAGE = 20


@login_required
def posts(request: AuthenticatedRequest) -> HttpResponse:
    scope = require_network(request)
    kind = request.GET.get("kind", "")
    # A closed post leaves the list; its author and those who replied still open it by its link.
    found = posts_visible(scope).filter(closed_at__isnull=True)
    if kind in PostKind.values:
        found = found.filter(kind=kind)
    found = (
        found.select_related("programme", "author__organisation")
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "alumni/posts.html",
        {
            "page": page,
            "entries": list(page.object_list),
            "kind": kind,
            "kinds": PostKind.choices,
            "query": urlencode({"kind": kind} if kind else {}),
            "may_post": bool(scope.member),
        },
    )


@login_required
def new_post(request: AuthenticatedRequest) -> HttpResponse:
    scope = require_network(request)
    if not scope.member:
        raise PermissionDenied(
            "Asks and offers are posted by the programme's alumni and participants."
        )
    programmes = list(Programme.objects.filter(pk__in=scope.member).order_by("name"))
    author = own_person(scope)
    form = PostForm(
        request.POST if request.method == "POST" else None,
        programmes=programmes,
        instance=Post(author=author),
    )
    if request.method == "POST" and form.is_valid():
        saved = services.post(form.instance, request.user)
        messages.success(
            request,
            f"Your {saved.get_kind_display().lower()} is posted. Replies will be emailed to you.",
        )
        return redirect(saved)
    return render(
        request, "alumni/post_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def post(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_post(request, pk, Level.MEMBER)
    scope = load_scope(request)
    is_staff = scope.level(found.programme_id) >= Level.WRITE
    is_author = found.author_id == scope.person_id
    may_reply = (
        found.programme_id in scope.member
        and not is_author
        and not found.is_hidden
        and not found.is_closed
    )
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_reply:
            raise PermissionDenied("You cannot reply to this post.")
        if form.is_valid():
            author = own_person(scope)
            try:
                services.reply(found, author, form.cleaned_data["body"], request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"Your reply is sent to {found.author.name}. Only they can read it."
                )
                return redirect(found)
    replies = Reply.objects.filter(post=found).select_related("author__organisation")
    if not (is_staff or is_author):
        replies = replies.filter(author_id=scope.person_id)
    return render(
        request,
        "alumni/post.html",
        {
            "post": found,
            "replies": list(replies),
            "form": form if may_reply else None,
            "hide_form": HideForm() if is_staff and not found.is_hidden else None,
            "may_show": is_staff and found.is_hidden,
            "is_author": is_author,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def hide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_post(request, pk, Level.WRITE)
    form = HideForm(request.POST)
    if found.is_hidden:
        messages.info(request, "This post was already hidden.")
        return redirect(found)
    if not form.is_valid():
        return render(
            request,
            "alumni/post.html",
            {
                "post": found,
                "replies": list(found.replies.select_related("author__organisation")),
                "form": None,
                "hide_form": form,
                "may_show": False,
                "is_author": False,
            },
            status=400,
        )
    services.hide(found, form.cleaned_data["reason"], request.user)
    messages.success(request, "The post is hidden. Its author and programme staff still see it.")
    return redirect(found)


def _own_post(request: AuthenticatedRequest, pk: int) -> Post:
    """A post the viewer wrote; others who see it are refused (403)."""
    found = get_post(request, pk, Level.MEMBER)
    if found.author_id != load_scope(request).person_id:
        raise PermissionDenied("Only its author can close or reopen a post.")
    return found


@login_required
def close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The author closes their ask or offer, after a check page saying what that does."""
    found = _own_post(request, pk)
    noun = found.get_kind_display().lower()
    if confirmed(request) and not found.is_closed:
        services.close(found, request.user)
        messages.success(request, f"Your {noun} is closed. It no longer takes replies.")
        return redirect(found)
    check = Check(
        title=f"Check before you close this {noun}",
        caption=found.title,
        confirm_label=f"Close this {noun}",
        back_url=found.get_absolute_url(),
        rows=[
            ("Asks and offers", "It leaves the list and the weekly email"),
            ("Replies", "No one can reply to it any more"),
            ("Who still sees it", "You, programme staff and those who replied"),
        ],
        no_email_note="No one is emailed.",
        nothing_to_do=f"This {noun} is already closed." if found.is_closed else "",
        breadcrumbs=[("Home", reverse("home")), ("Asks and offers", reverse("alumni:posts"))],
    )
    return render_check(request, check)


@login_required
@require_POST
def reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _own_post(request, pk)
    if found.is_closed:
        services.reopen(found, request.user)
        messages.success(
            request, f"Your {found.get_kind_display().lower()} is open to replies again."
        )
    return redirect(found)


@login_required
@require_POST
def show(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = get_post(request, pk, Level.WRITE)
    if found.is_hidden:
        services.show(found, request.user)
        messages.success(request, "The post is shown to the network again.")
    return redirect(found)
