"""Changes staff make by hand: move a person, pin or unpin them, drop a pair rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.lib.http import AuthenticatedRequest

from .. import services
from ..access import get_pair, get_placement
from ..forms import MoveForm
from ..models import Group


@login_required
def placement_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = get_placement(request, pk, write=True)
    grouping = placement.group.grouping
    if not grouping.editable:
        messages.error(request, "This grouping cannot be changed now: it is published or running.")
        return redirect(grouping)
    groups = {
        g.pk: g
        for g in Group.objects.filter(grouping=grouping, round=placement.group.round).order_by(
            "number"
        )
    }
    # Every kind keeps pins on a re-run; a mixing plan keeps them in their round.
    form = MoveForm(
        request.POST or None,
        initial={"group": placement.group_id, "pinned": True},
        groups=list(groups.values()),
        pinnable=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.move(
                placement,
                groups[form.cleaned_data["group"]],
                pinned=form.cleaned_data["pinned"],
                by=request.user,
            )
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(
                request,
                f"{placement.enrolment.person.name} is now in {placement.group.name}. "
                "The rules below are checked again.",
            )
        return redirect(f"{grouping.get_absolute_url()}#round-{placement.group.round}")
    return render(
        request,
        "grouping/move.html",
        {"placement": placement, "grouping": grouping, "form": form},
    )


@require_POST
@login_required
def placement_pin(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = get_placement(request, pk, write=True)
    grouping = placement.group.grouping
    pinned = request.POST.get("pinned") == "1"
    name = placement.enrolment.person.name
    try:
        services.set_pinned(placement, pinned, by=request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(
            request,
            f"{name} is pinned to {placement.group.name}."
            if pinned
            else f"{name} is no longer pinned.",
        )
    return redirect(grouping)


@require_POST
@login_required
def pair_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair = get_pair(request, pk, write=True)
    grouping = pair.grouping
    try:
        services.remove_pair(pair, by=request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, "The pair rule is removed. Run the grouping again to use it.")
    return redirect(grouping)
